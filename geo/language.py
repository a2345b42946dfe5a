"""Which language a text is in: langdetect with a fixed seed, preferring French then English.

One detector for the whole pipeline, so `eventmap ingest` and `eventmap geoparse` agree on a
text's language (events imports it from here; geo may not import events).
"""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is randomised; a fixed seed keeps results reproducible
SAMPLE_CHARS = 2000  # the opening of a text is enough and keeps detection cheap
PREFERRED = ("fr", "en")


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
        if guess.lang in PREFERRED and guess.prob >= best.prob - 0.2:
            return guess.lang
    return best.lang
