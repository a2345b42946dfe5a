"""Find place-name candidates in a spaCy Doc: gazetteer n-grams, NER entities, border phrases.

The gazetteer side walks capitalised token runs and keeps the longest n-gram the gazetteer knows
(exact or folded name, no fuzzy match), which finds what NER misses ("Tal Tamar"); runs opened by
an Arabic generic word ("Tal", "Deir", "Wadi") are kept for fuzzy resolution too. NER adds the
spellings the gazetteer lacks. False friends (armed groups, media, "État"), names right after an
organisation noun ("le réseau X"), sentence-initial common words and, in French, parts of person
or organisation entities are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from gazetteer import load_index, normalize_name
from geo import relations
from geo.lexicon import (
    address_forms,
    country_abbreviations,
    country_names,
    demonyms,
    directions,
    false_friend_regex,
    feature_nouns,
    generic_words,
    gentile_suffixes,
    is_false_friend,
    local_words,
    newspaper_openers,
    newspaper_words,
    org_cues,
    person_titles,
    place_references,
    state_abbreviations,
    toponym_heads,
    written_key,
)
from geo.world_regions import world_region

MAX_NGRAM = 5
PLACE_LABELS = {"fr": frozenset({"LOC", "GPE"}), "en": frozenset({"GPE", "LOC", "FAC"})}
# Entities whose inner words are not place mentions. English news counts "Kansas City" inside
# "Kansas City Chiefs" as a toponym (GeoWebNews), so only persons block there.
BLOCKING_LABELS = {"fr": frozenset({"PER", "ORG"}),
                   "en": frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "CARDINAL"})}
# Particles of a family name after a form of address ("M. de Montigny", "Mme von Arx").
PARTICLES = frozenset({"de", "d'", "d’", "du", "des", "von", "van"})
LOCATIVES = frozenset({"à", "vers", "depuis", "jusqu'à", "in", "at", "near", "from", "into"})
ARTICLES = frozenset({"al", "el", "ad", "as", "ar", "at", "ash", "az", "an", "ez", "es", "ed"})
LINKS = ARTICLES | {"-", "'", "’", "de", "du", "des", "la", "le", "les", "of", "the", "bin", "ibn",
                    "on", "upon", "sur", "en", "y", "and", "&"}


# A whole leading word ("in Idlib", "l'Hérault"), not the first letters of a name ("Inspruck").
_LEADING_FUNCTION_WORD = re.compile(
    r"^(?:(?:the|in|at|on|from|en|le|la|les|au|aux|du|des|à)\s+|l['’]\s*)(?=[A-ZÀ-Ý])",
    re.IGNORECASE)


@dataclass
class Found:
    """A candidate mention: character span, how it was found, and border countries if any."""

    start: int
    end: int
    # "ner", "gazetteer", "head", "cued" (after a place cue), "both", "border", "person" (a
    # gazetteer name that NER calls a person, as a whole), "adjective" or "abbreviation"
    # (a word referring to a country or continent: "Russian", "EU"), "embedded" (a place
    # named inside an organisation's name: "University of Washington")
    source: str
    countries: tuple[str, ...] = ()


@lru_cache(maxsize=300_000)
def known_name(text: str) -> bool:
    """True when the gazetteer has an exact or folded entry for the whole of this text
    (not only for a word run inside it)."""
    size = len(normalize_name(text).split())
    return any(len(normalize_name(c.matched).split()) >= size - 1
               for c in load_index().candidates(text, limit=3, fuzzy=False))


def _capitalised(text: str) -> bool:
    if text[:1].isupper():
        return True
    if "-" not in text:
        return False
    head, _, rest = text.partition("-")  # "al-Qaïm", "el-Bab"
    return head.lower() in ARTICLES and rest[:1].isupper()


_LINE_OPENING = re.compile(r"(?:^|[\n.!?:—])[\s\-–—«\"'(]*$")


def _capitals(text: str) -> bool:
    """A word of at least four letters written all in capitals ("BERNE", "WASHINGTON")."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 4


def _dateline(full: str, item: Found) -> bool:
    """A name in capitals opening a line or sentence: the dateline or heading of a dispatch
    ("BERNE. —", "WASHINGTON (Reuters) —"), where NER's labels on capitals are unreliable."""
    return _capitals(full[item.start : item.end]) and bool(
        _LINE_OPENING.search(full[max(0, item.start - 20) : item.start]))


def _plain_word(token: Token) -> bool:
    """A capitalised word that is probably not a name: a stop word, or a sentence opener
    that the tagger does not call a proper noun ("Selon", "Elles")."""
    return token.is_stop or (_opens_sentence(token) and token.pos_ not in ("PROPN", ""))


def pos_readers(doc: Doc) -> list[Token]:
    """The tokens whose part of speech place finding reads: capitalised sentence openers that
    are no stop word and that the gazetteer or NER could take for a name. The geoparsing
    pipeline tags only these (geo.nlp), not the whole document."""
    strings = doc.vocab.strings  # the words without the Token objects or the whole text
    words = [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []
    openers = (doc[i] for i, word in enumerate(words) if _capitalised(word))
    return [t for t in openers if not t.is_stop and _opens_sentence(t)
            and (t.ent_type or known_name(t.text))]


def _opens_sentence(token: Token) -> bool:
    """Sentence or line opener (titles and captions often lack a parser sentence break)."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return "\n" in previous.text_with_ws or previous.text in {".", "!", "?", ":", "«", '"', "—"}


class _TokenTable:
    """Per-token facts of one Doc, read once from its arrays: building Token and Span objects
    for every n-gram tried costs more than the gazetteer lookups themselves."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        rows = doc.to_array([IDX, LENGTH, IS_PUNCT, LOWER]).tolist() if len(doc) else []
        self.starts = [start for start, _, _, _ in rows]
        self.texts = [text[start : start + size] for start, size, _, _ in rows]
        self.capitalised = [_capitalised(word) for word in self.texts]
        self.breaks = [bool(punct) and word not in "-'’"
                       for (_, _, punct, _), word in zip(rows, self.texts, strict=True)]
        self.lowers = [lower for _, _, _, lower in rows]

    def end(self, i: int) -> int:
        """Character offset right after token i."""
        return self.starts[i] + len(self.texts[i])

    def span_text(self, i: int, j: int) -> str:
        """The text of tokens i to j - 1, as Span.text gives it."""
        return self.text[self.starts[i] : self.end(j - 1)]

    def lower(self, i: int) -> str:
        """Token i's lower-case form, as the model's lexeme holds it."""
        return self.doc.vocab.strings[self.lowers[i]]


def _name_run(doc: Doc, table: _TokenTable, i: int, size: int) -> bool:
    last = i + size - 1
    capitalised = table.capitalised
    if not capitalised[i] or not capitalised[last]:
        return False
    if "\n" in table.span_text(i, i + size) or any(table.breaks[i : i + size]):
        return False
    if any(not capitalised[k] and table.lower(k) not in LINKS for k in range(i + 1, last)):
        return False
    # "US" in "US forces" is the country, not the pronoun; "BERNE. —" opens a dispatch
    word = table.texts[i]
    return not (size == 1 and _plain_word(doc[i])
                and word not in country_abbreviations() and not _capitals(word))


def _link_word(word: str) -> bool:
    """A preposition, an article or an elided one ("de", "la", "d'", "L'"), lower-cased: the
    word that links a name's parts, never its last word."""
    return word in LINKS or word.endswith(("'", "’"))


def _inside_longer_name(doc: Doc, i: int) -> bool:
    """True when token i continues a capitalised run that began before it."""
    if i == 0 or _opens_sentence(doc[i]):
        return False
    previous = doc[i - 1]
    return previous.text[:1].isupper() and not _opens_sentence(previous) and not previous.is_punct


def _gazetteer_spans(doc: Doc, table: _TokenTable) -> list[Found]:
    found = []
    heads = toponym_heads()
    capitalised = table.capitalised
    i, n = 0, len(doc)
    while i < n:
        if not capitalised[i]:
            i += 1
            continue
        best, source = 0, "gazetteer"
        for size in range(min(MAX_NGRAM, n - i), 0, -1):
            if _name_run(doc, table, i, size) and known_name(table.span_text(i, i + size)):
                # One word and a dangling "de" or article ("SUITE DE", "Ugo La") is a heading's
                # common word or a person's first name, not a name, nor is the word alone.
                best = 0 if size == 2 and _link_word(table.lower(i + 1)) else size
                break
        if table.lower(i) in heads:
            size = 1
            while i + size < n and size < 4 and capitalised[i + size]:
                size += 1
            if size > max(best, 1):
                best, source = size, "head"
        if best and source == "gazetteer" and _inside_longer_name(doc, i):
            best = 0  # "Street" in "Royal Street", "Church" in "Holy Redeemer Church"
        if best > 1 and doc[i].is_stop and known_name(table.span_text(i + 1, i + best)):
            i += 1  # "In Washington", "The Washington Post": the name starts after the word
            continue
        if best:
            found.append(Found(table.starts[i], table.end(i + best - 1), source))
            i += best
        else:
            i += 1
    return found


_CONTRACTED_ARTICLE = {"au": "Le", "du": "Le", "aux": "Les", "des": "Les"}
_CONTRACTION_BEFORE = re.compile(r"(?<!\w)(au|du|aux|des)\s+$", re.IGNORECASE)


def contracted_name(text: str, start: int, name: str, lang: str) -> str | None:
    """The full name of a French place whose article the preposition swallowed: "à le" and
    "de le" are written "au" and "du", "à les" and "de les" "aux" and "des", so "au Locle", "du
    Havre" name Le Locle and Le Havre, not a namesake without the article (Havre, Montana).
    Only when the gazetteer holds the name with its article, else None."""
    if lang != "fr":
        return None
    match = _CONTRACTION_BEFORE.search(text, max(0, start - 5), start)
    if match is None:
        return None
    full = f"{_CONTRACTED_ARTICLE[match.group(1).casefold()]} {name}"
    key = normalize_name(full)
    held = any(normalize_name(c.matched) == key
               for c in load_index().candidates(full, limit=5, fuzzy=False))
    return full if held else None


def _contracted_spans(table: _TokenTable, lang: str) -> list[Found]:
    """French names written after "au", "du", "aux" or "des" that the gazetteer holds only with
    their article ("du Locle", "au Landeron"): the article makes them a place's name, which the
    n-gram walk misses because the article is not written."""
    if lang != "fr":
        return []
    found, n = [], len(table.texts)
    for i in range(1, n):
        if i + 1 < n and table.capitalised[i + 1]:
            continue  # "au Grand Conseil": the name is the whole capitalised run
        if table.capitalised[i] and table.lower(i - 1) in _CONTRACTED_ARTICLE and (
                contracted_name(table.text, table.starts[i], table.texts[i], lang)):
            found.append(Found(table.starts[i], table.end(i), "cued"))
    return found


def _trim(doc: Doc, full: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """Cut a NER span to the name: no trailer after a dash or line break ("Abou Kamal - Sputnik
    Afrique"), no trailing link word, which no name ends with ("Al Qastal Al" → "Al Qastal",
    "Al" → nothing), no leading relative cue ("province d'Idlib" → "Idlib")."""
    text = full[start:end]
    for sep in (" - ", " – ", " — ", "\n"):
        text = text.split(sep)[0]
    text = text.rstrip(" -–—,;:.")
    words = text.split()
    while words and _link_word(words[-1].casefold()):
        words.pop()
        text = text[: text.rfind(words[-1]) + len(words[-1])].rstrip(" -–—,;:.") if words else ""
    lead = _LEADING_FUNCTION_WORD.match(text)
    if lead and not known_name(text):
        start, text = start + lead.end(), text[lead.end() :]
    core, relation = relations.split_query(text, lang)
    if relation is not None and core and text.endswith(core):
        start += len(text) - len(core)
        text = core
    return start, start + len(text)


def _world_region_name(full: str, start: int, end: int) -> Found | None:
    """An entity naming a sea or world region, kept whole but for a leading article: the common
    noun is part of the name ("mer Rouge", "golfe Persique"), and French NER files some regions
    under MISC ("Moyen-Orient")."""
    text = full[start:end]
    if world_region(text) is None:
        return None
    lead = _LEADING_FUNCTION_WORD.match(text)
    if lead and world_region(text[lead.end() :]) is not None:  # "the Middle East"
        start += lead.end()
    return Found(start, end, "ner")


def _ner_spans(doc: Doc, ents: tuple[Span, ...], full: str, lang: str) -> list[Found]:
    labels = PLACE_LABELS.get(lang, PLACE_LABELS["en"])
    out = []
    for ent in ents:
        region = _world_region_name(full, ent.start_char, ent.end_char)
        if region is not None:
            out.append(region)
            continue
        if ent.label_ not in labels:
            continue
        start, end = _trim(doc, full, ent.start_char, ent.end_char, lang)
        text = full[start:end]
        if end <= start or not _capitalised(text) or (text.casefold() in demonyms() and not (
                known_name(text))):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) == 1 and _plain_word(span[0]) and not (
                span[0].text.isupper() and len(span[0].text) > 1):  # "US" is no pronoun
            continue
        if _inhabitants(text, lang):
            continue
        out.append(Found(start, end, "ner"))
    return out


def _inhabitants(text: str, lang: str) -> bool:
    """A one-word noun for a place's inhabitants ("les Vaudois", "le Kényan", "200 000
    Viennois"), by its ending, that the gazetteer does not hold as a name: people, not a place.
    The gazetteer's own names with such endings ("Valais", "Milan") stay places."""
    return (text[:1].isupper() and text.isalpha() and text.casefold().endswith(
        gentile_suffixes(lang)) and not known_name(text)) if gentile_suffixes(lang) else False


_GLUED_DATELINE = re.compile(r"(?<=\s)[-–—]([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}(?:[ \t][A-ZÀ-Ý'’-]{2,})?)"
                             r"(?=,[ \t]*\d)")


def _glued_datelines(full: str) -> list[Found]:
    """A dispatch's place in capitals glued to the dash that ends the previous dispatch and
    followed by its day ("… Kellogg -PARIS, 29 (Havas)."): the tokenizer keeps the dash on the
    word, so neither NER nor the n-gram walk sees the name. Kept when the gazetteer holds it."""
    return [Found(m.start(1), m.end(1), "cued") for m in _GLUED_DATELINE.finditer(full)
            if known_name(m.group(1))]


def _after_title(full: str, item: Found, lang: str) -> bool:
    """A name right after a person's title ("M. Venizelos", "le général Tranco", "née
    Pillichody"), or after a form of address and a nobiliary particle ("M. de Montigny"),
    is that person."""
    before = full[max(0, item.start - 30) : item.start].split()
    if before and before[-1].casefold() in PARTICLES and len(before) > 1:
        return before[-2].casefold() in address_forms(lang)
    return bool(before) and before[-1].casefold() in person_titles(lang)


def _in_newspaper_title(full: str, item: Found, lang: str) -> bool:
    """A name after a capitalised newspaper word and "de" inside a sentence ("le Journal de
    Genève", "l'Echo de Paris") is part of the paper's title: the paper is cited, nothing
    happens in its city. Not "un courrier de Berlin" (a letter) nor a heading opening a line
    ("Nouvelles d'Espagne :")."""
    window = full[max(0, item.start - 40) : item.start]
    match = _TITLE_LINK.search(window)
    if not match or not match.group(1)[0].isupper():
        return False
    before = window[: match.start(1)].rstrip(" \t«<\"'’(")
    return bool(before) and before[-1] not in ".!?:—\n" and (
        match.group(1).casefold() in newspaper_openers(lang))


_TITLE_LINK = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\s+(?:de|du|d['’])\s*$", re.IGNORECASE)


_INITIAL_OR_NUMERAL = re.compile(r"[^\W\d_]\.?|[IVX]{2,5}\.?")


def _blocked(full: str, item: Found, blockers: list[tuple[int, int]]) -> bool:
    text = full[item.start : item.end]
    if is_false_friend(text) or _INITIAL_OR_NUMERAL.fullmatch(text):
        return True  # an initial ("J.") or a Roman numeral ("III") names no place
    overlapping = [(s, e) for s, e in blockers if s < item.end and item.start < e]
    # A blocker strictly inside a longer name the gazetteer knows as a whole does not block it:
    # "State" is a false friend, "Enugu State" a place.
    if overlapping and not (known_name(text) and all(
            item.start <= s and e <= item.end and e - s < len(text) for s, e in overlapping)):
        return True
    before = full[max(0, item.start - 30) : item.start].split()
    if before and before[-1].rstrip("-").casefold() in ARTICLES:  # "réseau al-|Khabour"
        before = before[:-1]
    return bool(before) and before[-1].casefold().strip("'’") in org_cues()


def _introduced(full: str, item: Found, lang: str) -> bool:
    """A place noun or relative phrase right before the name outweighs NER calling it a person
    ("près de la ville de Tal Tamar")."""
    words = full[max(0, item.start - 20) : item.start].split()
    return bool(words and words[-1].casefold() in LOCATIVES) or (
        relations.place_noun_before(full, item.start)
        or relations.before(full, item.start, lang) is not None)


# A list entry opens after a comma, a semicolon, a rank ("3.") or "et", maybe with a particle.
_LIST_ENTRY = re.compile(r"(?:[,;]|\d\.|\bet|\band)\s*(?:(?:de|d['’])\s*)?$", re.IGNORECASE)
# A capitalised word or two in brackets right after the name, on the same or the next line.
_BRACKETED_PLACE = re.compile(r"[ \t]*\n?[ \t]*\([ \t]*[A-ZÀ-Ý][^\W\d_]*\.?"
                              r"(?:[ \t-][^\W\d_]+\.?){0,3}[ \t]*\)")


def _listed_person(full: str, item: Found) -> bool:
    """An entry of a list of people given with their town or country in brackets
    ("Chuard (Lausanne), Maillefer (Lausanne)", "3. Ghinetti (Italie)"): a name the
    gazetteer does not hold, written so, is the person, not a place (NER reads such lists
    as places). Places listed with their region ("à Bossonens (Fribourg)") follow a
    locative, not a list separator."""
    return bool(_BRACKETED_PLACE.match(full, item.end)) and bool(
        _LIST_ENTRY.search(full, max(0, item.start - 12), item.start)) and not known_name(
        full[item.start : item.end])


def _fragment(full: str, item: Found) -> bool:
    """A French word of one or two letters ("Lo", "Ja", "Us", "CS"): a scanning fragment of a
    longer word, an initial or an abbreviation, not a place name; the gazetteer's two-letter
    codes match it by chance. Except a country's own abbreviation ("les drones US") and a
    country code in brackets after a competitor's name in sports results ("Jalabert (Fr)",
    "Guidi (It, bonif.")."""
    text = full[item.start : item.end]
    if sum(c.isalpha() for c in text) > 2 or text in country_abbreviations():
        return False
    return full[item.start - 1 : item.start] != "(" or full[item.end : item.end + 1] not in ",)"


def _given_name(full: str, item: Found, persons: list[tuple[int, int]]) -> bool:
    """A name that opens a person's full name, the surname written right after it ("à Patrick
    Wieser", "à José-Maria Jimenez"): French "à" also introduces a person (the indirect
    object: "céder son maillot à Abraham Olano"), so before a full name it does not outweigh
    NER calling the whole a person, as it does for a name alone ("à Zuoz"). ``persons`` are
    French NER's PER spans (English locatives introduce no person)."""
    return any(start == item.start and item.end < end
               and full[item.end : end].lstrip(" \t\n-_")[:1].isupper()
               for start, end in persons)


def _merge(items: list[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates (border phrases first); mark agreements."""
    items.sort(key=lambda f: (f.start, f.source != "border", -(f.end - f.start)))
    kept: list[Found] = []
    for item in items:
        if kept and item.start < kept[-1].end:
            last = kept[-1]
            same = (item.start, item.end) == (last.start, last.end)
            if same and "border" not in (item.source, last.source) and item.source != last.source:
                last.source = "both"
            continue
        kept.append(item)
    return kept


def find_candidates(doc: Doc, lang: str, text: str | None = None) -> list[Found]:
    """Every place-name candidate of a document, false friends removed, in text order.
    ``text`` is the Doc's text when the caller has it already (doc.text and doc.ents are
    rebuilt on each access: each is read once here)."""
    ents = doc.ents
    blocking = BLOCKING_LABELS.get(lang, BLOCKING_LABELS["en"])
    entity_blockers = [(e.start_char, e.end_char) for e in ents if e.label_ in blocking]
    person_names = {(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"}
    group_names = {(e.start_char, e.end_char) for e in ents if e.label_ == "NORP"}
    full = doc.text if text is None else text
    table = _TokenTable(doc, full)
    friend_blockers = [m.span() for m in false_friend_regex().finditer(full)]
    borders = [Found(s, e, "border", c) for s, e, c in relations.borders(full, lang)]
    named = []
    full_names = [(e.start_char, e.end_char) for e in ents if e.label_ == "PER"]
    for item in _gazetteer_spans(doc, table):
        if _introduced(full, item, lang) and not _given_name(full, item, full_names):
            item.source = "cued"  # reported even when resolved with low confidence
            if not _blocked(full, item, friend_blockers):
                named.append(item)
        elif not _blocked(full, item, entity_blockers + friend_blockers) or (
                _dateline(full, item) and not _blocked(full, item, friend_blockers)):
            named.append(item)
        elif lang == "en" and (item.start, item.end) in person_names and not _blocked(
                full, item, friend_blockers):
            # NER's "Tamil Nadu said": kept only if it is a region; a large city's one-word
            # name ("Cheltenham") is read as the city unless a full name elsewhere holds it
            item.source = "gazetteer" if _large_city(full[item.start : item.end]) else "person"
            named.append(item)
        elif lang == "en" and (item.start, item.end) in group_names and _large_city(
                full[item.start : item.end]) and not _blocked(full, item, friend_blockers):
            named.append(item)  # NER's "a visit to Tunis" as a nationality
    named += [f for f in _ner_spans(doc, ents, full, lang)
              if not _blocked(full, f, friend_blockers)]
    named += [f for f in _contracted_spans(table, lang) + _glued_datelines(full)
              if not _blocked(full, f, friend_blockers)
              and not any(g.start < f.end and f.start < g.end for g in named)]
    if lang == "en":  # "Canadian" refers to Canada (found apart), not to a village of that name
        named = [f for f in named if full[f.start : f.end] not in place_references()]
    named = [f for f in named if not _after_title(full, f, lang)
             and not _in_newspaper_title(full, f, lang) and not _listed_person(full, f)
             and not (lang == "fr" and _fragment(full, f))]
    kept = _merge(borders + named)
    kept = sorted(kept + find_local_phrases(full, lang, kept), key=lambda f: f.start)
    if lang == "en":  # "Richmond, Va.": the state, found apart, not the Vatican's code
        states = {f.start for f in find_state_abbreviations(full, lang, [(f.start, f.end)
                                                                          for f in kept])}
        kept = [f for f in kept if f.start not in states]
        _mark_person_names(ents, full, kept)
    return kept


@lru_cache(maxsize=4)
def _local_phrase_regex(lang: str) -> re.Pattern[str] | None:
    nouns = sorted(local_words(lang) | feature_nouns(lang), key=len, reverse=True)
    if not nouns or lang != "fr":
        return None
    words = "|".join(re.escape(n) for n in nouns)
    return re.compile(
        rf"(?<![\w-])(?P<noun>{words})\s+"
        r"(?P<link>(?:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les|l['’])\s*)?"
        r"(?P<name>[A-ZÀ-Ý][\w'’-]*(?:[ \t][A-ZÀ-Ý][\w'’-]*){0,2})")


def find_local_phrases(full: str, lang: str, taken: list[Found]) -> list[Found]:
    """French names opened by a street, building or landscape noun ("rue de Sèze", "boulevard
    Haussmann", "vallée de Lungnez", "col Oaprile"): the noun says the capitalised words after
    it name a place, where NER and the gazetteer found nothing. Whole phrases, of source
    "local". Not "à la place de Jean" (a bare "de" after "place" means "instead of")."""
    regex = _local_phrase_regex(lang)
    if regex is None:
        return []
    found = []
    for match in regex.finditer(full):
        start, end = match.start("name"), match.end("name")
        link = (match.group("link") or "").strip()
        if match.group("noun") == "place" and link in ("de", "d'", "d’"):
            continue
        if is_false_friend(full[start:end]) or any(
                f.start < end and start < f.end for f in taken):
            continue
        found.append(Found(match.start(), end, "local"))
    return found


def _mark_person_names(ents: tuple[Span, ...], full: str, items: list[Found]) -> None:
    """A one-word name that is part of a person's full name elsewhere in the text ("Muhammadu
    Buhari" … "Buhari said") is that person, unless a place cue introduces it ("in Buhari"):
    it becomes a "person" candidate, kept only if it names a country or region itself."""
    names = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1
             for t in e if t.text.istitle()}
    for item in items:
        text = full[item.start : item.end]
        if item.source in ("gazetteer", "ner", "both") and text in names and not _introduced(
                full, item, "en"):
            item.source = "person"


@lru_cache(maxsize=1)
def _reference_regex() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in place_references())
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def find_place_references(text: str, lang: str) -> list[Found]:
    """English words that refer to a country or continent, in text order: adjectives written
    capitalised and singular ("Russian troops", "European summit"; not "Russians", the
    people) and union abbreviations ("EU"). News uses them for the place itself; they are
    found apart from names so that consumers can tell them from a place where something
    happens. The source of each is its mention kind ("adjective", "abbreviation")."""
    if lang != "en":
        return []
    table = place_references()
    regex, found, end = _reference_regex(), [], 0
    # The same matches as regex.finditer(text): the words are case-sensitive literals, so a
    # match can only start on one of their first letters; the regex is tried only there.
    for first in _reference_openings().finditer(text):
        if first.start() < end:
            continue
        match = regex.match(text, first.start())
        if match:
            found.append(Found(match.start(), match.end(), table[match.group(0)][0]))
            end = match.end()
    return found


@lru_cache(maxsize=1)
def _reference_openings() -> re.Pattern[str]:
    """The first letters of the words find_place_references looks for."""
    firsts = sorted({word[0] for word in place_references() if word})
    return re.compile("[" + "".join(re.escape(c) for c in firsts) + "]")


@lru_cache(maxsize=1)
def _state_regex() -> re.Pattern[str]:
    codes = "|".join(re.escape(c) for c in sorted(state_abbreviations(), key=len, reverse=True))
    return re.compile(rf",[ \t]*({codes})(?!\w)(?!\.\w)")


@lru_cache(maxsize=1)
def _press_state_regex() -> re.Pattern[str]:
    codes = "|".join(re.escape(c) for c in sorted(state_abbreviations(), key=len, reverse=True)
                     if "." in c)
    # Not before a capitalised word on the same line: "Smith, Miss. Jones" is a title.
    return re.compile(rf"(?<![\w.])[A-Z][\w'’-]*(?:,[ \t]*|[ \t]+\()({codes})(?!\w)(?!\.\w)"
                      r"(?![ \t]+[A-Z])")


def find_state_abbreviations(text: str, lang: str, names: list[tuple[int, int]]) -> list[Found]:
    """US state and Canadian province abbreviations written the address way, right after a
    place name and a comma ("Trenton, N.J.", "Vancouver, BC"); a dotted press abbreviation also
    after any capitalised word, with a comma or in brackets, where the matcher did not take the
    town ("PLEASANTON, Calif.", "Walker County (Ga.)"); elsewhere "PA", "MD" or "Mass." are more
    often titles, degrees or words. ``names`` are the place names' character spans."""
    if lang != "en":
        return []
    ends = {end for _, end in names}
    found = {m.start(1): Found(m.start(1), m.end(1), "abbreviation")
             for m in _state_regex().finditer(text) if m.start() in ends}
    for m in _press_state_regex().finditer(text):
        found.setdefault(m.start(1), Found(m.start(1), m.end(1), "abbreviation"))
    return [found[start] for start in sorted(found)]


def to_span(doc: Doc, item: Found) -> Span | None:
    """The token span covering a candidate (expanded to token bounds)."""
    return doc.char_span(item.start, item.end, alignment_mode="expand")


EMBEDDING_LABELS = frozenset({"ORG"})
EMBEDDED_FEATURES = frozenset({"country", "governorate"})
EMBEDDED_POPULATION = 100_000
MAX_EMBEDDED_WORDS = 3


@lru_cache(maxsize=100_000)
def embeddable_places(name: str) -> tuple[str, ...]:
    """Ids of the countries, first-level regions and cities of at least 100,000 people the
    gazetteer files under exactly this name: the places an organisation is named after
    ("Washington" in "University of Washington", "Malta" in "HSBC Malta"). Smaller places
    share their names with people and things too often to be read inside a name."""
    key = written_key(name)
    if len(key) < 3 or key in generic_words("en") or key in directions("en") or (
            name in local_words("en")):
        return ()  # "Central", "Southern", "Centre": a kind of thing or a side, no place
    return tuple(c.place.id for c in load_index().candidates(name, limit=20, fuzzy=False)
                 if written_key(c.place.name) == key and (
                     c.place.feature in EMBEDDED_FEATURES
                     or c.place.population >= EMBEDDED_POPULATION))


def _large_city(text: str) -> bool:
    """A one-word name of a city of at least 100,000 people (or of a country or region)."""
    return " " not in text and text[:1].isupper() and bool(embeddable_places(text))


def _embeddable(text: str) -> bool:
    if is_false_friend(text):
        return False
    if text in country_abbreviations():
        return True
    if text.isupper() and text.isalpha() and text in state_abbreviations():
        return True  # "FrontCounter BC", "NSW National Parks": postal codes, not "Ala."
    return text[:1].isupper() and bool(embeddable_places(text))


def _country_name_entity(ent: Span) -> bool:
    """An organisation entity that is all of another name of a country ("the Holy See"):
    NER reads a state's formal name as an institution."""
    words = ent[1:] if ent[0].is_stop else ent
    return len(words) > 0 and written_key(words.text) in country_names()


def find_embedded(doc: Doc, text: str, lang: str) -> list[Found]:
    """English places named inside an organisation's name ("University of Washington",
    "California Highway Patrol", "HSBC Malta", "FrontCounter BC"): organisations are named
    after the country, region or city they are in or serve, and English news annotation
    counts such words as toponyms. Only part of the name, never the whole of it, and only a
    country, a first-level region (or its postal code) or a city of at least 100,000 people.
    They are mentions of kind "embedded": about the place, not where something happens. An
    organisation that is all of a country's other name ("the Holy See") is that country, a
    mention of kind "name"."""
    if lang != "en":
        return []
    found = []
    for ent in doc.ents:
        if ent.label_ not in EMBEDDING_LABELS:
            continue
        if _country_name_entity(ent):
            words = ent[1:] if ent[0].is_stop else ent
            found.append(Found(words.start_char, words.end_char, "name"))
            continue
        first = ent.start + 1 if ent[0].is_stop else ent.start  # "The Washington Post"
        i = first
        while i < ent.end:
            size = 0
            for n in range(min(MAX_EMBEDDED_WORDS, ent.end - i), 0, -1):
                words = doc[i : i + n]
                if n < ent.end - first and all(t.text[:1].isupper() for t in words) and (
                        _embeddable(words.text)):
                    size = n
                    break
            if size:
                found.append(Found(doc[i].idx, doc[i + size - 1].idx + len(doc[i + size - 1]),
                                   "embedded"))
            i += max(size, 1)
    return found


@lru_cache(maxsize=1)
def _country_abbreviation_regex() -> re.Pattern[str]:
    codes = "|".join(re.escape(c) for c in sorted(country_abbreviations(), key=len, reverse=True))
    return re.compile(rf"(?<![\w.&$])(?:{codes})(?![\w&$])(?!\.\w)")


def find_country_abbreviations(text: str, lang: str) -> list[Found]:
    """English capital abbreviations of countries ("DPRK", "UAE", "T&T", "U.S.") anywhere in
    the text, written as they are listed (case-sensitive): NER often calls them organisations
    and the gazetteer lacks some. Their source is the mention kind "abbreviation"."""
    if lang != "en":
        return []
    return [Found(m.start(), m.end(), "abbreviation")
            for m in _country_abbreviation_regex().finditer(text)]


def names_city(text: str, start: int, end: int, lang: str) -> bool:
    """True when a place name embedded in an organisation's name stands for a city: the words
    right after it end a newspaper's title ("[Washington] Post", "[Detroit] Free Press"), and a
    paper is named after the city it is published in; or it is a dispatch's dateline in
    capitals ("WASHINGTON (AP) —"), which names the city the story was filed from."""
    if _dateline(text, Found(start, end, "embedded")):
        return True
    rest = text[end : end + 40].lstrip(" ")
    return any(rest.startswith(word) and not rest[len(word) : len(word) + 1].isalpha()
               for word in newspaper_words(lang))
