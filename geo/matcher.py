"""Find place-name candidates in a spaCy Doc: gazetteer n-grams, NER entities, border phrases.

The gazetteer side walks capitalised token runs and keeps the longest n-gram the gazetteer knows
(exact or folded name, no fuzzy match), which finds what NER misses ("Tal Tamar"). NER adds the
spellings the gazetteer lacks. False friends (armed groups, media, "État"), names right after an
organisation noun ("le réseau X") and parts of person or organisation entities are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from gazetteer import load_index
from geo import relations
from geo.lexicon import is_false_friend, org_cues

MAX_NGRAM = 5
PLACE_LABELS = {"fr": frozenset({"LOC", "GPE"}), "en": frozenset({"GPE", "LOC", "FAC"})}
BLOCKING_LABELS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC", "WORK_OF_ART", "PRODUCT",
                             "EVENT", "LAW", "LANGUAGE"})
LINKERS = frozenset({"al", "el", "ad", "as", "ar", "at", "ash", "az", "an", "ez", "es", "ed", "er",
                     "de", "du", "des", "la", "le", "of", "the", "-", "bin", "ibn", "abu", "abou"})


@dataclass
class Found:
    """A candidate mention: character span, how it was found, and border countries if any."""

    start: int
    end: int
    source: str  # "ner", "gazetteer", "both", "border"
    countries: tuple[str, ...] = ()


@lru_cache(maxsize=300_000)
def known_name(text: str) -> bool:
    """True when the gazetteer has an exact or folded entry for this text."""
    return bool(load_index().candidates(text, limit=1, fuzzy=False))


def _starts_name(token) -> bool:
    text = token.text
    if not text[:1].isupper():
        # "al-Qaïm", "el-Bab": a lower-case article glued to a capitalised name.
        head, _, rest = text.partition("-")
        return head.lower() in LINKERS and rest[:1].isupper()
    return not (token.is_sent_start and token.is_stop)


def _gazetteer_spans(doc: Doc) -> list[Found]:
    found = []
    i, n = 0, len(doc)
    while i < n:
        if not _starts_name(doc[i]) or doc[i].is_punct:
            i += 1
            continue
        best = 0
        for size in range(min(MAX_NGRAM, n - i), 0, -1):
            span = doc[i : i + size]
            last = span[-1].text
            if not (last[:1].isupper() or ("-" in last and last.split("-")[-1][:1].isupper())):
                continue
            if any(t.is_punct and t.text not in "-'’" for t in span) or "\n" in span.text:
                continue
            if known_name(span.text):
                best = size
                break
        if best:
            span = doc[i : i + best]
            found.append(Found(span.start_char, span.end_char, "gazetteer"))
            i += best
        else:
            i += 1
    return found


def _trim_trailer(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut a NER span at a dash or line break ("Abou Kamal - Sputnik Afrique" → "Abou Kamal")."""
    text = doc.text[start:end]
    for sep in (" - ", " – ", " — ", "\n"):
        if sep in text:
            text = text.split(sep)[0]
    text = text.rstrip(" -–—,;:.")
    return start, start + len(text)


def _ner_spans(doc: Doc, lang: str) -> list[Found]:
    labels = PLACE_LABELS.get(lang, PLACE_LABELS["en"])
    out = []
    for ent in doc.ents:
        if ent.label_ in labels:
            start, end = _trim_trailer(doc, ent.start_char, ent.end_char)
            if end > start:
                out.append(Found(start, end, "ner"))
    return out


def _blocked(doc: Doc, item: Found, blocked_chars: list[tuple[int, int]]) -> bool:
    text = doc.text[item.start : item.end]
    if is_false_friend(text):
        return True
    if item.source == "gazetteer" and any(s <= item.start and item.end <= e and (s, e) !=
                                          (item.start, item.end) for s, e in blocked_chars):
        return True
    if item.source == "gazetteer" and any((s, e) == (item.start, item.end) for s, e in
                                          blocked_chars):
        return True
    before = doc.text[max(0, item.start - 30) : item.start].split()
    return bool(before) and before[-1].casefold().strip("'’") in org_cues()


def _merge(items: list[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates; mark spans both finders agree on."""
    items.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for item in items:
        if kept and item.start < kept[-1].end:
            last = kept[-1]
            if (item.start, item.end) == (last.start, last.end) and item.source != last.source:
                last.source = "both"
            continue
        kept.append(item)
    return kept


def find_candidates(doc: Doc, lang: str) -> list[Found]:
    """Every place-name candidate of a document, false friends removed, in text order."""
    blocked_chars = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in BLOCKING_LABELS]
    borders = [Found(s, e, "border", c) for s, e, c in relations.borders(doc.text, lang)]
    named = [f for f in _gazetteer_spans(doc) + _ner_spans(doc, lang)
             if not _blocked(doc, f, blocked_chars)]
    return _merge(borders + named)


def to_span(doc: Doc, item: Found) -> Span | None:
    """The token span covering a candidate (expanded to token bounds)."""
    return doc.char_span(item.start, item.end, alignment_mode="expand")
