"""Relative phrases around a place name: "campagne est de Raqqa", "50 km west of", "Idlib province".

The grammar is data (geo/data/relative_cues.tsv, directions.tsv, border_phrases.tsv); this module
compiles it per language and reports which relation qualifies a mention, the geo_precision it
implies, and, for "N km <direction> of", the offset to apply to the referenced place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from geo.lexicon import demonyms, directions, read_table
from geo.regex_gates import any_of_at_end, required_literal

LANGS = ("fr", "en")
_WINDOW = 90  # characters of context looked at on each side of a mention
_NUM = r"(?P<num>\d+(?:[.,]\d+)?)"
_FILL = {
    "fr": r"(?:(?:la|le|les|l['’])\s*)?(?:(?:ville|village|localité|cité|bourgade|quartier|camp|"
    r"secteur|zone|région)\s+(?:(?P<adj>[^\W\d_]+)\s+)?(?:de\s+|d['’]\s*|du\s+))?",
    "en": r"(?:the\s+)?(?:(?:(?P<adj>[A-Z][^\W\d_]+)\s+)?(?:city|town|village|district|camp|"
    r"area|neighbou?rhood)\s+of\s+)?",
}


@dataclass(frozen=True)
class Relation:
    """A relative phrase found next to a mention."""

    label: str  # "near", "countryside", "east countryside", "50 km west of", "province"...
    precision: int
    bearing: float | None = None
    km: float | None = None
    country_hint: str | None = None

    @property
    def wants_region(self) -> bool:
        """True when the phrase names an administrative region, not a point."""
        return self.precision >= 3


@dataclass(frozen=True)
class _Cue:
    side: str
    regex: re.Pattern[str]
    label: str
    precision: int


def _dir_group(lang: str) -> str:
    words = sorted(directions(lang), key=len, reverse=True)
    return "(?P<dir>" + "|".join(re.escape(w) for w in words) + ")"


def _cue_bodies(lang: str) -> list[tuple[dict[str, str], str]]:
    """Each cue row of a language with its pattern's body (placeholders filled in)."""
    return [(row, row["pattern"].replace("{dir}", _dir_group(lang)).replace("{num}", _NUM)
             .replace("{fill}", _FILL[lang]))
            for row in read_table("relative_cues.tsv") if row["lang"] == lang]


@cache
def _cues(lang: str) -> tuple[_Cue, ...]:
    cues = []
    for row, body in _cue_bodies(lang):
        anchored = f"(?:^|\\W)({body})$" if row["side"] == "before" else f"^(?:{body})"
        cues.append(_Cue(row["side"], re.compile(anchored, re.IGNORECASE), row["relation"],
                         int(row["precision"])))
    return tuple(cues)


@cache
def _before_gate(lang: str) -> re.Pattern[str] | None:
    """One regex matching a window exactly when some "before" cue does (geo.regex_gates)."""
    return any_of_at_end([body for row, body in _cue_bodies(lang) if row["side"] == "before"],
                         re.IGNORECASE)


def _relation(cue: _Cue, match: re.Match[str], lang: str) -> Relation:
    groups = match.groupdict()
    word = groups.get("dir")
    bearing = directions(lang).get(word.lower()) if word else None
    direction = directions_en_word(bearing) if word else ""
    num = groups.get("num")
    km = float(num.replace(",", ".")) if num else None
    label = cue.label.replace("{num}", num or "").replace("{dir}", direction)
    if word and "{dir}" not in cue.label:
        label = f"{direction} {label}"
    adj = groups.get("adj")
    hint = demonyms().get(adj.casefold()) if adj else None
    return Relation(label.strip(), cue.precision, bearing, km, hint)


def directions_en_word(bearing: float | None) -> str:
    """English compass word for a bearing (relation labels are English whatever the text)."""
    for word, value in directions("en").items():
        if value == bearing and "-" not in word and not word.endswith("ern"):
            return word
    return ""


def before(text: str, start: int, lang: str) -> Relation | None:
    """The relative phrase ending right before ``text[start:]``, if any."""
    lang = lang if lang in LANGS else "fr"
    return _before_window(text[max(0, start - _WINDOW) : start], lang)


@lru_cache(maxsize=4096)
def _before_window(window: str, lang: str) -> Relation | None:
    """before() on its window of text: each mention is asked about several times during
    resolution, and every cue is an end-anchored search that scans the whole window. Most
    windows match no cue: one scan for all of them says so first."""
    gate = _before_gate(lang)
    if gate is not None and gate.search(window) is None:
        return None
    for cue in _cues(lang):
        if cue.side != "before":
            continue
        match = cue.regex.search(window)
        if match:
            return _relation(cue, match, lang)
    return None


def after(text: str, start: int, end: int, lang: str) -> Relation | None:
    """The relative phrase right after ``text[start:end]`` ("Idlib province")."""
    lang = lang if lang in LANGS else "fr"
    window = text[end : end + _WINDOW]
    for cue in _cues(lang):
        if cue.side != "after":
            continue
        match = cue.regex.search(window)
        if match:
            rel = _relation(cue, match, lang)
            lead = re.search(_dir_group(lang) + r"\s+$", text[max(0, start - 20) : start], re.I)
            if lead is None or rel.bearing is not None:
                return rel
            bearing = directions(lang)[lead.group("dir").lower()]
            label = f"{directions_en_word(bearing)} {rel.label}"
            return Relation(label, rel.precision, bearing)
    return None


_ADJECTIVE_OF = re.compile(r"([^\W\d_]+)\s+(?:de\s+|d['’]\s*|of\s+)$")
_ADJECTIVE_PLACE_OF = re.compile(r"([^\W\d_]+)\s+(?:city|town|village)\s+of\s+$",
                                 re.IGNORECASE)


def country_hint(text: str, start: int) -> str | None:
    """Country named by an adjective before a mention ("la ville syrienne d'", "Syrian town of")."""
    window = text[max(0, start - 40) : start]
    match = _ADJECTIVE_OF.search(window)
    if match and match.group(1).casefold() in demonyms():
        return demonyms()[match.group(1).casefold()]
    match = _ADJECTIVE_PLACE_OF.search(window)
    if match:
        return demonyms().get(match.group(1).casefold())
    return None


@cache
def _query_forms(lang: str) -> tuple[tuple[re.Pattern[str], re.Pattern[str]] | None, ...]:
    """For each cue of _cues(lang), the two forms split_query tries on a free-standing query
    when the cue comes before the name: anchored at the query's start, and anywhere in it
    (None for a cue after the name). Compiled once, not on each query."""
    return tuple(
        (re.compile(cue.regex.pattern.replace("(?:^|\\W)(", "^(", 1).rstrip("$"), re.IGNORECASE),
         re.compile(cue.regex.pattern.removesuffix("$"), re.IGNORECASE))
        if cue.side == "before" else None
        for cue in _cues(lang))


def split_query(name: str, lang: str | None = None) -> tuple[str, Relation | None]:
    """Split a free-standing query ("campagne est de Raqqa") into name and relation."""
    langs = (lang,) if lang in LANGS else LANGS
    for code in langs:
        for cue, forms in zip(_cues(code), _query_forms(code), strict=True):
            if forms is not None:
                match = forms[0].match(name)
                if match and match.end() < len(name):
                    return name[match.end() :].strip(), _relation(cue, match, code)
            else:
                for cut in range(1, len(name)):
                    if name[cut - 1].isalnum() and not name[cut].isalnum():
                        match = cue.regex.match(name[cut:])
                        if match and match.end() == len(name) - cut:
                            return name[:cut].strip(), _relation(cue, match, code)
    for code in langs:  # a cue inside the name: "compound outside Barisha"
        for cue, forms in zip(_cues(code), _query_forms(code), strict=True):
            if forms is not None:
                match = forms[1].search(name)
                if match and match.start(1) > 0 and match.end() < len(name):
                    return name[match.end() :].strip(), _relation(cue, match, code)
    return name, None


_BorderPattern = tuple[re.Pattern[str], re.Pattern[str] | None, tuple[str, ...]]


@cache
def _border_patterns(lang: str) -> tuple[_BorderPattern, ...]:
    """Each border phrase of a language: its regex, the search for the word every match of it
    contains ("border", "frontière": geo.regex_gates) and its countries."""
    patterns = []
    for row in read_table("border_phrases.tsv"):
        if row["lang"] == lang:
            regex = re.compile(row["pattern"], re.IGNORECASE)
            patterns.append((regex, required_literal(regex), tuple(row["countries"].split(","))))
    return tuple(patterns)


def borders(text: str, lang: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Border phrases in a text: (start, end, countries) for "frontière syro-irakienne". A
    phrase whose required word is absent from the text is not scanned for."""
    found = []
    present: dict[re.Pattern[str], bool] = {}
    for regex, gate, countries in _border_patterns(lang if lang in LANGS else "fr"):
        if gate is not None:
            if gate not in present:
                present[gate] = gate.search(text) is not None
            if not present[gate]:
                continue
        found.extend((m.start(), m.end(), countries) for m in regex.finditer(text))
    return found


_PLACE_NOUN = re.compile(
    r"(?:ville|village|localité|bourgade|quartier|camp|town|city|village|camp)\s+"
    r"(?:[^\W\d_]+\s+)?(?:de\s+|d['’]\s*|du\s+|of\s+)?$", re.IGNORECASE)


def place_noun_before(text: str, start: int) -> bool:
    """True when a place noun introduces the name ("la ville de Tal Tamar", "the town of")."""
    return bool(_PLACE_NOUN.search(text[max(0, start - 40) : start]))


_HOLDER_AREA = {
    "en": r"(?:countryside|outskirts|suburbs|province|governorate|region|desert|rural\s+areas?)"
          r"\s+(?:of\s+)?",
    "fr": r"(?:campagne|province|gouvernorat|région|banlieue|périphérie)\s+(?:{dir}\s+)?"
          r"(?:de\s+|d['’]\s*|du\s+)",
}
_HOLDER_LINK = {
    "en": r"^(?P<noun>\s+(?:village|town|city|area|neighbou?rhood|camp|farm|suburb|hill|"
          r"district|subdistrict)s?)?(?P<comma>\s*,)?\s*(?:(?P<word>in|of|at)\s+)?"
          r"(?:the\s+)?(?:{dir}\s+)?(?P<area>{area})?$",
    "fr": r"^(?P<noun>)(?P<comma>\s*,)?\s*(?:(?P<word>à|dans|en)\s+)?"
          r"(?:(?:la|le|l['’])\s*)?(?P<area>{area})?$",
}
_HOLDER_WORDS = frozenset({"in", "at", "à", "dans", "en"})
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")  # zero-width spaces pasted from the web


@dataclass(frozen=True)
class Holder:
    """How the words between a name and a later place name make the later one its container:
    "Zammar village in the southern countryside of Aleppo", "Tall al-Jayer village, Al Hasakah
    governorate", "Tal Tamar, à Hassaké"."""

    comma_only: bool  # "Dibsi Afnan, Raqqa ...": a container only if the later place is a region


@cache
def _holder_regex(lang: str) -> re.Pattern[str]:
    plain_dir = _dir_group(lang).replace("?P<dir>", "?:")
    body = _HOLDER_LINK[lang].replace("{area}", _HOLDER_AREA[lang])
    return re.compile(body.replace("{dir}", plain_dir), re.IGNORECASE)


def holder_link(gap: str, lang: str) -> Holder | None:
    """The container relation written by ``gap``, the text between a name and a later place
    name, or None when the words there say something else ("east of", "and", "near")."""
    gap = _INVISIBLE.sub("", gap)
    match = _holder_regex(lang if lang in LANGS else "fr").fullmatch(gap)
    if match is None or not (match.group("comma") or match.group("word")):
        return None
    named = bool(match.group("noun") or match.group("area"))
    word = (match.group("word") or "").casefold()
    if named or word in _HOLDER_WORDS:
        return Holder(comma_only=False)
    return Holder(comma_only=True) if match.group("comma") and not word else None


@cache
def _cue_regex(table: str, lang: str) -> re.Pattern[str] | None:
    """The word sequences of one cue table (lang, words), any spacing, ending right before a
    name."""
    words = sorted((r["words"] for r in read_table(table) if r["lang"] == lang),
                   key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?:^|\W)(?:{alternation})\s+$", re.IGNORECASE)


def _cued_by(table: str, text: str, start: int, lang: str) -> bool:
    regex = _cue_regex(table, lang)
    return regex is not None and regex.search(text[max(0, start - 30) : start]) is not None


def targeted(text: str, start: int, lang: str) -> bool:
    """True when the words right before ``text[start:]`` make it an attack's target ("raids
    on", "shelling targets"; geo/data/target_cues.tsv)."""
    return _cued_by("target_cues.tsv", text, start, lang)


def destined(text: str, start: int, lang: str) -> bool:
    """True when the words right before ``text[start:]`` make it where someone or something
    travels ("travelling to", "returns to", "the road to"; geo/data/destination_cues.tsv): a
    verb or noun of movement with "to" names a place next, where "to" alone often names a
    person ("according to", "spoke to")."""
    return _cued_by("destination_cues.tsv", text, start, lang)
