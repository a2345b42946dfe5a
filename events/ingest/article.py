"""Turning decoded text plus metadata into an ``Article`` with its content-hash id."""

from __future__ import annotations

import hashlib
import unicodedata

from events.ingest.dates import parse_published
from events.ingest.errors import UnreadableInput
from events.ingest.language import choose_language
from events.model import Article

MAX_ARTICLE_CHARS = 1_000_000  # spaCy's default max_length: longer "articles" are dumps, not news
ID_HEX_DIGITS = 16


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no surrounding blanks: the same article read twice hashes the same."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def article_id_for(text: str) -> str:
    """Stable id of an article: a hash of its normalised text (so re-ingesting adds nothing)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def build_article(
    text: str,
    *,
    path: str,
    lang: str | None,
    published: object = None,
    fallback_published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from raw text and whatever metadata came with it.

    ``fallback_published`` (the user's ``--published``) dates articles that carry no date of
    their own. Raises ``UnreadableInput`` for empty, oversized or badly dated input.
    """
    text = normalise_text(text)
    if not text:
        raise UnreadableInput("no text (empty or only blanks)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise UnreadableInput(
            f"{len(text) / 1e6:.1f} million characters in one article, more than the "
            f"{MAX_ARTICLE_CHARS / 1e6:.0f} million limit (split it into articles, e.g. as .jsonl)"
        )
    return Article(
        text=text,
        article_id=article_id_for(text),
        title=_clean(title),
        published=parse_published(published) or fallback_published,
        source=_clean(source),
        url=_clean(url),
        lang=choose_language(text, _clean(lang)),
        path=path,
    )


def _clean(value: object) -> str | None:
    """Metadata value as a stripped string, None when absent (CSV gives NaN/'' for blanks)."""
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() != "nan" else None
