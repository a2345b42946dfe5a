"""Language of an article: the user's choice, or detected from its text (French first)."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is randomised; a fixed seed keeps ingest reproducible
SAMPLE_CHARS = 2000  # the opening of an article is enough and keeps detection cheap
SUPPORTED = ("fr", "en")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, preferring French then English on near ties."""
    try:
        guesses = detect_langs(text[:SAMPLE_CHARS])
    except LangDetectException:
        return None
    if not guesses:
        return None
    best = guesses[0]
    for guess in guesses:
        if guess.lang in SUPPORTED and guess.prob >= best.prob - 0.2:
            return guess.lang
    return best.lang


def choose_language(text: str, lang: str | None) -> str | None:
    """``lang`` unless it is None or "auto", in which case the detected language."""
    if lang and lang != "auto":
        return lang
    return detect_language(text)
