"""eventmap events: ingest articles, extract ACLED-style events, store and export them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from events.model import Event


def extract(
    text: str,
    published: str | None = None,
    lang: str | None = None,
    article_id: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> list[Event]:
    """ACLED-style events of one article; spaCy loads on first call, so `import events` is light."""
    from events.extraction import extract as _extract

    return _extract(
        text,
        published=published,
        lang=lang,
        article_id=article_id,
        source=source,
        source_url=source_url,
    )
