"""Reading articles from files and folders into ``Article`` records.

``iter_articles`` streams Articles and ReadErrors (one per bad input) so a batch of any size is
read in constant memory and a bad file never stops the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from events.ingest.dates import parse_published
from events.ingest.errors import ReadError, UnreadableInput
from events.ingest.folders import ARTICLE_SUFFIXES, folder_items
from events.ingest.readers import Item, read_csv, read_document, read_jsonl
from events.model import Article

__all__ = ["ReadError", "UnreadableInput", "iter_articles", "parse_published", "read_articles"]


def iter_articles(
    paths: Iterable[str | os.PathLike],
    published: str | None = None,
    lang: str | None = None,
) -> Iterator[Item]:
    """Articles of every path (files or folders), interleaved with the errors of bad inputs.

    ``published`` dates the articles that carry no date of their own; ``lang`` ("fr", "en" or
    "auto"/None to detect) applies to articles that do not state theirs.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for entry in folder_items(path):
                if isinstance(entry, ReadError):
                    yield entry
                else:
                    found = True
                    file, meta = entry
                    yield from _read_file(file, published=published, lang=lang, meta=meta)
            if not found:
                kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
                yield ReadError(str(path), f"no article files ({kinds}) in this folder")
        elif path.exists():
            yield from _read_file(path, published=published, lang=lang, meta=None)
        else:
            yield ReadError(str(path), "no such file or folder")


def read_articles(
    paths: Iterable[str | os.PathLike],
    published: str | None = None,
    lang: str | None = None,
) -> tuple[list[Article], list[ReadError]]:
    """All articles and all errors of ``paths`` as two lists (for small inputs)."""
    articles: list[Article] = []
    errors: list[ReadError] = []
    for item in iter_articles(paths, published=published, lang=lang):
        (errors if isinstance(item, ReadError) else articles).append(item)
    return articles, errors


def _read_file(
    path: Path, *, published: str | None, lang: str | None, meta: dict | None
) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, lang=lang, published=published)
    elif suffix == ".csv":
        yield from read_csv(path, lang=lang, published=published)
    else:
        yield read_document(path, lang=lang, published=published, meta=meta)
