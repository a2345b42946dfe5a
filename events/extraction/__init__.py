"""Events from one article's text: spaCy pipeline + actor lexicon + trigger cues + rules.

`extract` handles one text; `extract_many` streams articles through `nlp.pipe` in batches for
throughput (what `eventmap ingest` uses through `extract_batch`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.tokens import Doc

from events.extraction.assemble import group, to_event
from events.extraction.dates import parse_iso
from events.extraction.mentions import mentions_of
from events.extraction.pipeline import SUPPORTED, get_pipeline
from events.model import Article, Event
from geo.parse import detect_lang

BATCH_SIZE = 32

__all__ = ["extract", "extract_batch", "extract_many"]


def _language(article: Article) -> str:
    """The article's language, else the one detector geoparse and ingest use (French first)."""
    lang = (article.lang or "").lower()[:2]
    return lang if lang in SUPPORTED else detect_lang(article.text)


def _events_of(doc: Doc, article: Article, lang: str) -> list[Event]:
    key = article.article_id or hashlib.sha1(article.text.encode("utf-8")).hexdigest()
    published = parse_iso(article.published)
    provenance = {
        "source": article.source,
        "source_url": article.url,
        "article_id": article.article_id,
        "published": published.isoformat() if published else None,
        "language": lang,
    }
    events = [to_event(g, key, **provenance) for g in group(mentions_of(doc, published))]
    for event in events:
        if article.article_id:
            event.sources = [article.article_id]
    return events


def extract(
    text: str,
    published: str | None = None,
    lang: str | None = None,
    article_id: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> list[Event]:
    """ACLED-style events of one article text (an empty list when it reports none)."""
    article = Article(
        text=text,
        article_id=article_id or "",
        published=published,
        source=source,
        url=source_url,
        lang=lang,
    )
    ((_, events),) = extract_many([article])
    return events


def _check_length(article: Article, limit: int) -> None:
    """A clear error instead of spaCy's for texts the language model cannot take at once."""
    if len(article.text) > limit:
        where = article.path or article.article_id or "text"
        raise ValueError(
            f"{where}: {len(article.text):,} characters, more than the {limit:,} allowed"
        )


def extract_many(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) for each article, in input order, through nlp.pipe in batches."""
    iterator = iter(articles)
    while batch := list(islice(iterator, BATCH_SIZE)):
        langs = [_language(a) for a in batch]
        results: dict[int, list[Event]] = {}
        for lang in dict.fromkeys(langs):
            indexes = [i for i, item in enumerate(langs) if item == lang]
            nlp = get_pipeline(lang)
            for index in indexes:
                _check_length(batch[index], nlp.max_length)
            docs = nlp.pipe(batch[i].text for i in indexes)
            for index, doc in zip(indexes, docs, strict=True):
                results[index] = _events_of(doc, batch[index], lang)
        for index, article in enumerate(batch):
            yield article, results[index]


def extract_batch(articles: list[Article]) -> list[list[Event]]:
    """The events of each article of a list, in order (the ingest pipeline's Extractor shape)."""
    return [events for _, events in extract_many(articles)]
