"""Ingest: article files → Articles → events → the store, with a report of what happened.

Articles already in the store are skipped before extraction (re-running a batch costs little and
changes nothing); the rest are extracted in batches (spaCy's ``nlp.pipe`` is faster on batches)
and written one transaction per article.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field

from tqdm import tqdm

from events.ingest import ReadError, iter_articles
from events.model import Article, Event
from events.store import SQLiteStore

BATCH_SIZE = 32
Extractor = Callable[[list[Article]], list[list[Event]]]


@dataclass
class IngestReport:
    """What one ingest run read, stored, skipped and could not read."""

    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0  # already stored (or twice in this batch): nothing added
    events_added: int = 0
    events_merged: int = 0  # reported again by another article: stored once, one more source
    unresolved_places: int = 0  # new events without coordinates
    errors: list[ReadError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all read, 1 some inputs failed, 2 nothing could be read (the CLI's contract)."""
        if not self.errors:
            return 0 if self.articles_read else 2
        return 1 if self.articles_read else 2

    def summary(self) -> str:
        """One line for the end of `eventmap ingest`."""
        return (
            f"{self.articles_read} articles read: {self.articles_new} new, "
            f"{self.articles_skipped} already stored; {self.events_added} events added, "
            f"{self.events_merged} merged into stored events, {self.unresolved_places} with "
            f"unresolved places; failed inputs: {len(self.errors)}"
        )


def default_extractor() -> Extractor:
    """The spaCy-based extraction (imported on first use: it loads language models)."""
    from events.extraction import extract_batch

    return extract_batch


def ingest(
    paths: Iterable[str | os.PathLike],
    store: SQLiteStore,
    published: str | None = None,
    lang: str | None = None,
    progress: bool = False,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Read ``paths``, extract events from the articles not yet stored, store them.

    ``published`` dates articles without a date of their own; ``lang`` is "fr", "en" or
    "auto"/None; ``progress`` shows a tqdm bar on stderr; ``extractor`` maps a batch of articles
    to their events (the spaCy extraction unless given).
    """
    extract = extractor or default_extractor()
    report = IngestReport()
    batch: list[Article] = []
    pending: set[str] = set()
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    try:
        for item in iter_articles(paths, published=published, lang=lang):
            if isinstance(item, ReadError):
                report.errors.append(item)
                continue
            report.articles_read += 1
            bar.update()
            if item.article_id in pending or store.has_article(item.article_id):
                report.articles_skipped += 1
                continue
            batch.append(item)
            pending.add(item.article_id)
            if len(batch) >= BATCH_SIZE:
                _store_batch(batch, store, extract, report)
                batch, pending = [], set()
        _store_batch(batch, store, extract, report)
    finally:
        bar.close()
    return report


def extract_articles(
    articles: list[Article], extract: Extractor
) -> list[tuple[Article, list[Event] | ReadError]]:
    """Events of each article. If a batch fails, its articles are retried one by one, so one
    text that breaks extraction is one error line, not a lost batch."""
    if len(articles) > 1:
        with suppress(Exception):
            return list(zip(articles, extract(articles), strict=True))
    paired: list[tuple[Article, list[Event] | ReadError]] = []
    for article in articles:
        try:
            paired.append((article, extract([article])[0]))
        except Exception as exc:
            where = article.path or article.article_id
            paired.append((article, ReadError(where, f"extraction failed ({exc})")))
    return paired


def _store_batch(
    batch: list[Article], store: SQLiteStore, extract: Extractor, report: IngestReport
) -> None:
    if not batch:
        return
    for article, events in extract_articles(batch, extract):
        if isinstance(events, ReadError):
            report.errors.append(events)
            continue
        result = store.add_article(article, events)
        if not result.new:
            report.articles_skipped += 1
            continue
        report.articles_new += 1
        report.events_added += result.events_added
        report.events_merged += result.events_merged
        report.unresolved_places += result.unresolved
