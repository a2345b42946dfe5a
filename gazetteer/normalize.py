"""Name folding: the key under which every spelling of one place meets.

"Abou Kamal", "Al-Boukamal" and "Abu Kamal" must land on the same key, and so must the Arabic-script
forms of a name with or without hamza, diacritics or the article. The rules themselves (articles,
transliteration pairs, letter maps) are facts kept in ``data/normalization.json``; this module only
applies them. Two keys are produced:

* ``normalize_name`` — the exact-match key (case, accents, punctuation, articles, fr/en pairs,
  double letters, trailing -e/-eh/-ah, o = u and a closed-syllable ay = i);
* ``skeleton_key`` — a coarser consonant skeleton of that key, used to gather fuzzy candidates for
  spellings no rule covers (Deir ez-Zor / Dayr az Zawr, Idlib / Idleb).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

MAX_NAME_CHARS = 200  # longer inputs are not place names; callers get an empty result

_RULES = json.loads((Path(__file__).parent / "data" / "normalization.json").read_text("utf-8"))
_LATIN_ARTICLES = frozenset(_RULES["latin_articles"])
_ARTICLE_PREFIXES = tuple(sorted(_RULES["latin_article_prefixes"], key=len, reverse=True))
_APOSTROPHES = str.maketrans("", "", _RULES["apostrophes"])
_LATIN_PAIRS = [tuple(p) for p in _RULES["latin_pairs"]]
_TRAILING = tuple(_RULES["latin_trailing"])
# (literal or None, compiled pattern, target): a plain-string pattern is applied with str.replace,
# several times cheaper than a regex substitution.
_VOWEL_FOLDS = [
    (pattern if re.escape(pattern) == pattern else None, re.compile(pattern), target)
    for pattern, target in _RULES["latin_vowel_folds"]
]
_SKELETON_PAIRS = [tuple(p) for p in _RULES["skeleton_pairs"]]
_SKELETON_DROP = str.maketrans("", "", _RULES["skeleton_drop"])
_ARABIC_ARTICLES = tuple(_RULES["arabic_articles"])
_ARABIC_MAP = str.maketrans(_RULES["arabic_letter_map"])
_LATIN_MAP = str.maketrans(_RULES["latin_letter_map"])  # letters NFKD leaves whole (ı, ł, ø…)
_ARABIC_DROP = str.maketrans("", "", _RULES["arabic_drop"])
_ARABIC_CHARS = re.compile(r"[\u0600-\u06FF]")
# ASCII text needs neither NFKC/NFKD nor the non-ASCII letter maps: only its ASCII apostrophes go.
_ASCII_APOSTROPHES = str.maketrans("", "", "".join(c for c in _RULES["apostrophes"] if c.isascii()))


def _any_of(table: dict[int, object]) -> Callable[[str], re.Match[str] | None]:
    """A search for any character a str.translate table maps: most names hold none, and the
    search costs a fraction of a translation that changes nothing."""
    if not table:
        return re.compile("(?!)").search  # matches nothing
    return re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]").search


_HAS_ASCII_APOSTROPHE = _any_of(_ASCII_APOSTROPHES)
_HAS_APOSTROPHE = _any_of(_APOSTROPHES)
_HAS_LATIN_MAPPED = _any_of(_LATIN_MAP)
# What an ASCII skeleton drops (the non-ASCII letters dropped cannot occur in it).
_SKELETON_DROP_BYTES = "".join(c for c in _RULES["skeleton_drop"] if c.isascii()).encode()
_PREFIX_INITIALS = frozenset(prefix[0] for prefix in _ARTICLE_PREFIXES)
_NON_WORD = re.compile(r"[^\w]+")
_REPEATS = re.compile(r"(\w)\1+")
_DOUBLED = re.compile(r"(\w)\1")


def _merge_repeats(token: str) -> str:
    """Merge doubled letters; most tokens have none, and a search is cheaper than a sub."""
    return _REPEATS.sub(r"\1", token) if _DOUBLED.search(token) else token


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():  # no combining mark left (most Latin names)
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=131072)
def _fold_latin_token(token: str) -> str:
    """Fold one Latin token; cached because names share their words ("deir", "tall", "kafr")."""
    if not token.isalpha() and any(ch.isdigit() for ch in token):
        return token  # "113th", "T2": numbers are not spellings to fold
    for source, target in _LATIN_PAIRS:
        token = token.replace(source, target)
    token = _merge_repeats(token)
    for suffix in _TRAILING:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            break
    # Arabic has three vowels and no o; romanisations write u as o and a closed-syllable i as
    # ay/ei. Folded after the ending is cut, so "-eh"/"-é" still read as the feminine ending.
    for literal, pattern, target in _VOWEL_FOLDS:
        token = token.replace(literal, target) if literal else pattern.sub(target, token)
    return _merge_repeats(token)


def _fold_arabic_token(token: str) -> str:
    token = token.translate(_ARABIC_DROP).translate(_ARABIC_MAP)
    for article in _ARABIC_ARTICLES:
        if token.startswith(article) and len(token) - len(article) >= 2:
            token = token[len(article) :]
            break
    return token


def tokens(text: str) -> list[str]:
    """Split a name into folded tokens (articles dropped); the parts ``normalize_name`` joins."""
    if not isinstance(text, str) or not text or len(text) > MAX_NAME_CHARS:
        return []
    if text.isascii():
        text = text.lower()
        if _HAS_ASCII_APOSTROPHE(text):
            text = text.translate(_ASCII_APOSTROPHES)
        arabic = False
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        if _HAS_APOSTROPHE(text):
            text = text.translate(_APOSTROPHES)
        if _HAS_LATIN_MAPPED(text):
            text = text.translate(_LATIN_MAP)
        arabic = _ARABIC_CHARS.search(text) is not None
        text = text.translate(_ARABIC_DROP) if arabic else _strip_accents(text)
    out: list[str] = []
    for raw in text.split():
        if raw[0] in _PREFIX_INITIALS:
            for prefix in _ARTICLE_PREFIXES:
                if raw.startswith(prefix) and len(raw) > len(prefix) + 1:
                    raw = raw[len(prefix) :]
                    break
        for part in (raw,) if raw.isalnum() else _NON_WORD.split(raw):
            if not part or part == "_":
                continue
            part = part.replace("_", "")
            if arabic and _ARABIC_CHARS.search(part):
                out.append(_fold_arabic_token(part))
            elif part not in _LATIN_ARTICLES:
                out.append(_fold_latin_token(part))
    # A name made only of an article ("El") keeps it rather than vanishing.
    return [t for t in out if t]


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Return the folding key of a place name ("" for empty, oversized or non-name input)."""
    return " ".join(tokens(text))


def skeleton_key(key: str) -> str:
    """Return the consonant skeleton of a normalised key (spaces and vowels dropped).

    Letters left side by side once the vowels go are kept: the key has already merged doubled
    letters, so "skk" (Skik, Sukayk, Sakkak) stays apart from the far larger "sk" group.
    """
    if not key or (not key.isascii() and _ARABIC_CHARS.search(key)):
        return key.replace(" ", "")
    skeleton = key.replace(" ", "")
    for source, target in _SKELETON_PAIRS:
        skeleton = skeleton.replace(source, target)
    if skeleton.isascii():  # the bytes' deletion is several times faster than str.translate
        return skeleton[:1] + skeleton[1:].encode().translate(None, _SKELETON_DROP_BYTES).decode()
    return skeleton[:1] + skeleton[1:].translate(_SKELETON_DROP)


_DESCRIPTORS_FILE = Path(__file__).parent / "data" / "descriptors.json"
_ALTERNATIVE_SEPARATORS = re.compile(r"\s*(?:/|\||;|,|\(|\)|\[|\]|\s-\s|\s–\s)\s*")


@lru_cache(maxsize=4)
def _folded_words(kind: str) -> frozenset[str]:
    """The folded tokens of one word list of descriptors.json ("words", "qualifiers" or
    "generic_words")."""
    words = json.loads(_DESCRIPTORS_FILE.read_text("utf-8"))[kind]
    return frozenset(t for word in words for t in tokens(word))


def named_letters(key: str) -> int:
    """The letters of a key outside its Arabic size and position qualifiers ("himar kabir",
    "qurn kabir" -> 5, 4): sibling villages of one name differ only by these words, so a
    longer name matched by the bare name ("Haymar") is that name, not a mere part of it."""
    words = key.split()
    qualifiers = _folded_words("qualifiers")
    if qualifiers.isdisjoint(words):  # most keys: count in C
        return sum(map(len, words))
    return sum(len(word) for word in words if word not in qualifiers)


def strip_descriptors(key: str) -> str:
    """Drop generic descriptor words ("village", "camp", "military airbase"...) from a key."""
    descriptors = _folded_words("words")
    kept = [t for t in key.split() if t not in descriptors and not t[:1].isdigit()]
    return " ".join(kept)


_GLUED_ARTICLE = re.compile(r"\b(?:al|el)(?=\w{4,}\b)|\b[ae](?=([tdrzsnl])\1\w{2,}\b)", re.I)
# A run of words inside a longer name is tried on its own from four folded letters: many
# place names fold to four ("mnin" Mnîne, "bahr" Al Bahrah, "hums" Homs), so "Ain Mneen"
# and "Jubb al-Bahrah" reach the village after a generic word (spring, well); shorter runs
# are mostly such generic words themselves ("tal", "dir", "mar").
MIN_WINDOW_LETTERS = 4


def _unglue_articles(text: str) -> str:
    """Split an article glued to its word: "Alboukamal" -> "boukamal", "Ezzor" -> "zor"."""
    return _GLUED_ARTICLE.sub("", text)


def _add(tier: list[str], seen: set[str], key: str) -> None:
    if key and key not in seen:
        seen.add(key)
        tier.append(key)


def query_key_tiers(text: str) -> list[list[str]]:
    """The keys to look a written name up under, in tiers from most to least faithful.

    1. the whole name; 2. each alternative written into it ("Kobane/Ayn al Arab",
    "Base (Qibar)"); 3. those without descriptor words ("Atmeh IDP camp" -> "atmeh");
    4. with glued articles split off ("Deir Ezzor" -> "deir zor"); 5. shorter runs of words
    ("... compound outside Barisha" -> "barisha"), never one generic word alone ("Kafr",
    "Shaykh": a kind of place, not its name). Always five lists, some maybe empty; all
    empty for a non-name.
    """
    if not isinstance(text, str) or len(text) > MAX_NAME_CHARS:
        return [[], [], [], [], []]
    key = normalize_name(text)
    one_word = " " not in key
    if one_word and not _ALTERNATIVE_SEPARATORS.search(text) and not _GLUED_ARTICLE.search(text):
        # One word, no alternatives, no glued article (most queries): dropping descriptors can
        # only empty that word and there is no shorter run of words, so it is the only key.
        return [[key] if key else [], [], [], [], []]
    seen: set[str] = set()
    whole: list[str] = []
    _add(whole, seen, key)
    alternatives: list[str] = []
    parts = [p for p in _ALTERNATIVE_SEPARATORS.split(text) if p and p != text]
    for part in parts:
        _add(alternatives, seen, normalize_name(part))
    stripped: list[str] = []
    for key in whole + alternatives:
        _add(stripped, seen, strip_descriptors(key))
    unglued: list[str] = []
    for part in [text, *parts]:
        if _GLUED_ARTICLE.search(part):
            _add(unglued, seen, strip_descriptors(normalize_name(_unglue_articles(part))))
    windows: list[str] = []
    for key in stripped or whole:
        words = key.split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if sum(len(w) for w in window) >= MIN_WINDOW_LETTERS and not (
                    size == 1 and window[0] in _folded_words("generic_words")
                ):
                    _add(windows, seen, " ".join(window))
    return [whole, alternatives, stripped, unglued, windows]
