"""Checks on untrusted names and texts: one clear reason instead of an exception."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")


def clean_name(name: object) -> tuple[str, str | None]:
    """Return (cleaned name, None) or ("", reason) for input that cannot be a place name."""
    if not isinstance(name, str):
        return "", f"not a text value ({type(name).__name__})"
    cleaned = _INVISIBLE.sub("", name)
    if "\x00" in cleaned or "\ufffd" in cleaned:
        return "", "binary or undecodable characters"
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in cleaned)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return "", "empty name"
    if len(cleaned) > MAX_NAME_CHARS:
        return "", f"name longer than {MAX_NAME_CHARS} characters"
    if not any(ch.isalpha() for ch in cleaned):
        return "", "no letters in name"
    return cleaned, None


def clean_text(text: object) -> tuple[str, str | None]:
    """Return (text, None) or ("", reason) for a document that cannot be geoparsed."""
    if not isinstance(text, str):
        return "", f"not a text value ({type(text).__name__})"
    if len(text) > MAX_TEXT_CHARS:
        return "", f"text longer than {MAX_TEXT_CHARS} characters"
    if not text.strip():
        return "", "empty text"
    if text.count("\x00") or text.count("\ufffd") > max(10, len(text) // 100):
        return "", "binary or undecodable text"
    return text, None
