"""Resolve all place mentions of one document together.

First each mention is resolved with the document's country focus (from demonyms and country
names in the text); then again with the confident first-pass places as neighbours, so that
"Tal Tamar, à Hassaké" and a document full of Syrian places pull ambiguous names to Syria.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from gazetteer import load_index
from geo import regions
from geo.distance import haversine_km
from geo.lexicon import country_abbreviations, demonyms
from geo.matcher import Found
from geo.model import REGION, Context, Resolution
from geo.relations import Relation, after, before, country_hint
from geo.resolver import rank, region_resolution

CONFIDENT = 0.7
GAZETTEER_ONLY_MIN_CONFIDENCE = 0.55
ENGLISH_GAZETTEER_MIN_POPULATION = 5_000
ANCHOR_KM = 150
_WORD = re.compile(r"[^\W\d_]+")
_LEADING_FUNCTION_WORD = re.compile(r"^(?:the|in|at|on|from)\s+", re.IGNORECASE)
_CONTAINER_GAP = re.compile(r"\s*(?:,|à|dans|in|,\s*(?:à|dans|in))\s*(?:la\s+province\s+d['’]\s*)?",
                            re.IGNORECASE)


def document_focus(text: str) -> tuple[str, ...]:
    """Countries the text is about: those whose names or adjectives recur (at most two)."""
    table = demonyms()
    votes = Counter(table[w] for w in (m.group(0).casefold() for m in _WORD.finditer(text))
                    if w in table)
    if not votes:
        return ()
    top = votes.most_common(1)[0][1]
    return tuple(c for c, n in votes.most_common(2) if n * 3 >= top)


def _border(text: str, countries: tuple[str, ...], focus: tuple[str, ...]) -> Resolution:
    pair = countries if len(countries) == 2 else (
        (focus[0], countries[0]) if focus and focus[0] != countries[0] else countries)
    point = regions.border_point(*pair) if len(pair) == 2 else None
    label = "–".join(pair) + " border"
    if point is None:
        places = load_index().places_in(pair[0], feature="country")
        if not places:
            return Resolution(query=text, reason=f"{label}: no shipped boundary or country point")
        point = (places[0].latitude, places[0].longitude)
    return Resolution(query=text, name=label, latitude=round(point[0], 6),
                      longitude=round(point[1], 6), country=pair[0], feature="region",
                      geo_precision=REGION, confidence=0.8,
                      reason=f"border phrase; point on the {label}")


def _qualifiers(text: str, item: Found, lang: str) -> tuple[Relation | None, str | None]:
    relation = before(text, item.start, lang) or after(text, item.start, item.end, lang)
    hint = (relation.country_hint if relation else None) or country_hint(text, item.start)
    return relation, hint


def resolve_in_country(text: str, start: int, end: int, lang: str, country: str) -> Resolution:
    """Resolve the mention text[start:end] again with ``country`` as the document's focus, its
    relative phrase and the rest of the text as before. For a caller that learns the country
    from evidence the geocoder does not see (an events extractor's actors: "regime forces",
    "YPG" say Syria where a headline names no country)."""
    relation, hint = _qualifiers(text, Found(start, end, "ner"), lang)
    try:
        return rank(text[start:end], Context(text=text, countries=(country,), lang=lang),
                    relation, hint)
    except Exception as exc:  # the contract: a reason, never an exception
        return Resolution(query=text[start:end],
                          reason=f"internal error: {type(exc).__name__}: {exc}")


def _letter_code(name: str) -> bool:
    """An undotted capital code of at most three letters ("BA", "CNN", "TV"): in English news
    these are organisations, media or units far more often than the airport or ISO codes
    the gazetteer files under them. Dotted abbreviations ("U.S.", "D.C.") and the country
    abbreviations of country_abbreviations.tsv ("UAE") are names."""
    core = _LEADING_FUNCTION_WORD.sub("", name).strip()
    letters = "".join(_WORD.findall(core))
    return ("." not in core and core.isupper() and len(letters) <= 3
            and letters not in country_abbreviations())


def _named_as_written(name: str) -> bool:
    """True when the mention writes some place's own name: every word of a gazetteer name
    (exact or folded match) appears in it, and a capital code only as capitals. This rejects
    common words that reach a place only through a longer or respelled name ("Mountain" →
    Mountain Ash, "Daily" → Dailly, "President" → Presidente) or a code ("Jae" → JAE, Jaén)."""
    words = _folded_words(name)
    for cand in load_index().candidates(name, limit=50, fuzzy=False):
        if cand.matched.isupper() and len(cand.matched) <= 4 and cand.matched not in name:
            continue
        if _folded_words(cand.matched) <= words or _folded_words(cand.place.name) <= words:
            return True
    return False


def _folded_words(text: str) -> set[str]:
    """Lower-cased words without accents ("Karnātaka" and "Karnataka" agree)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return set(_WORD.findall(bare.casefold()))


def _used_as_common_word(name: str, text: str) -> bool:
    """True when the document also writes the mention in lower case as a word of its own
    ("the War … after the war"): the capital is then a title or sentence style, not a name."""
    lower = name.casefold()
    return lower != name and re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", text) is not None


def _worth_keeping(name: str, text: str, res: Resolution, lang: str, focus: tuple[str, ...],
                   anchors: list[Resolution]) -> bool:
    """A name found only by the gazetteer matcher is kept when confidently resolved; in English
    (capitalised common words and acronyms abound) only when the text writes the place's own
    name, not as a short capital code nor as a word it also uses in lower case, and the place
    is notable, lies in the document's focus country, or lies near a place the document names
    with confidence."""
    if not res.resolved or res.confidence < GAZETTEER_ONLY_MIN_CONFIDENCE:
        return False
    if lang == "en" and (_letter_code(name) or not _named_as_written(name)
                         or _used_as_common_word(name, text)):
        return False
    if lang != "en" or res.feature in ("country", "governorate") or res.country in focus:
        return True
    if any(a.place_id != res.place_id and haversine_km(
            a.latitude, a.longitude, res.latitude, res.longitude) <= ANCHOR_KM for a in anchors):
        return True
    place = load_index().get(res.place_id) if res.place_id else None
    return place is not None and place.population >= ENGLISH_GAZETTEER_MIN_POPULATION


def _apply_containers(text: str, found: list[Found], final: list[Resolution]) -> None:
    """"Tal Tamar, à Hassaké": a place followed by the governorate it lies in names that
    governorate as its container; the second mention becomes the region (precision 3) and
    the first is confirmed by the text."""
    index = load_index()
    for i in range(len(found) - 1):
        if not _CONTAINER_GAP.fullmatch(text[found[i].end : found[i + 1].start]):
            continue
        inner, outer = final[i], final[i + 1]
        if not (inner.resolved and outer.resolved and inner.place_id and outer.place_id):
            continue
        place, holder = index.get(inner.place_id), index.get(outer.place_id)
        if place is None or holder is None:
            continue
        region_id = holder.id if holder.feature == "governorate" else holder.admin1_id
        if not region_id or place.admin1_id != region_id or place.id == region_id:
            continue
        region = index.get(region_id)
        if region is None:
            continue
        final[i + 1] = region_resolution(region, outer.query, f"governorate holding "
                                         f"{place.name} (written right after it)",
                                         outer.confidence)
        final[i] = replace(inner, confidence=max(inner.confidence, CONFIDENT),
                           reason=f"{inner.reason}; in {region.name} as the text says")


def resolve_document(text: str, found: list[Found], lang: str
                     ) -> list[tuple[Found, Resolution, str | None]]:
    """(candidate, resolution, relation label) for each kept mention, in text order."""
    focus = document_focus(text)
    quals = [_qualifiers(text, f, lang) for f in found]
    names = [text[f.start : f.end] for f in found]

    def run(context: Context, nearby: dict[str, Resolution]) -> list[Resolution]:
        cache: dict[tuple, Resolution] = {}
        out = []
        for item, name, (relation, hint) in zip(found, names, quals, strict=True):
            if item.source == "border":
                out.append(_border(name, item.countries, context.countries))
                continue
            key = (name, relation, hint)
            if key not in cache:
                others = tuple(r for n, r in nearby.items() if n != name)
                try:
                    cache[key] = rank(name, replace(context, nearby=others), relation, hint)
                except Exception as exc:  # one bad mention must not lose the whole document
                    cache[key] = Resolution(query=name, reason=f"internal error: "
                                                               f"{type(exc).__name__}: {exc}")
            out.append(cache[key])
        return out

    first = run(Context(text=text, countries=focus, lang=lang), {})
    confident = {n: r for n, r, f in zip(names, first, found, strict=True)
                 if r.resolved and r.confidence >= CONFIDENT
                 and f.source not in ("border", "person")}
    if not focus and confident:
        countries = Counter(r.country for r in confident.values() if r.country)
        country, count = countries.most_common(1)[0] if countries else (None, 0)
        if country and count * 2 >= len(confident):
            focus = (country,)
    final = run(Context(text=text, countries=focus, lang=lang), confident)
    _apply_containers(text, found, final)
    anchors = [r for r, f in zip(final, found, strict=True) if r.resolved
               and r.confidence >= CONFIDENT and f.source in ("ner", "both", "cued")
               and r.feature not in ("country", "continent")]
    kept = []
    for item, name, res, (relation, _) in zip(found, names, final, quals, strict=True):
        if item.source == "person" and not (res.feature in ("country", "governorate")
                                            and _folded_words(res.name or "") <= _folded_words(
                                                name)):
            continue  # a region named as such, not a person's name pulled to a region nearby
        if item.source in ("gazetteer", "head", "person") and not _worth_keeping(
                name, text, res, lang, focus, anchors):
            continue
        label = "border" if item.source == "border" else (relation.label if relation else None)
        kept.append((item, replace(res, query=name), label))
    return kept
