"""Language of an article: the user's choice, or detected from its text (French first)."""

from __future__ import annotations

from geo.language import detect_language


def choose_language(text: str, lang: str | None) -> str | None:
    """``lang`` unless it is None or "auto", in which case the detected language."""
    if lang and lang != "auto":
        return lang
    return detect_language(text)
