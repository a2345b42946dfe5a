"""A cheap French/English guess for texts whose language nobody gave (function-word counts)."""

from __future__ import annotations

import re
from functools import lru_cache

from events.extraction.lexicons import json_data

WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    raw = json_data("language_cues.json")
    return {lang: frozenset(raw[lang]) for lang in ("fr", "en")}


def guess_language(text: str) -> str:
    """ "en" when English function words outnumber French ones, else "fr" (French first)."""
    words = [w.lower() for w in WORD.findall(text[:SAMPLE_CHARS])]
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _function_words().items()}
    return "en" if scores["en"] > scores["fr"] else "fr"
