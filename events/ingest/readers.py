"""One reader per input format. Each yields Articles and ReadErrors and never raises for bad input.

Row formats (.jsonl, .csv) report a bad row as ``file:line`` and go on with the next row.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import htmldate
import trafilatura

from events.ingest.article import build_article
from events.ingest.decode import decode_bytes
from events.ingest.errors import ReadError, UnreadableInput
from events.model import Article

MAX_DOCUMENT_BYTES = 16_000_000  # a single .txt/.html article file; larger is not one article
ROW_FIELDS = ("title", "published", "source", "url")

Item = Article | ReadError


def read_document(
    path: Path, *, lang: str | None, published: str | None, meta: dict | None = None
) -> Item:
    """One article from a .txt or .html file, with optional sidecar metadata for it."""
    meta = meta or {}
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise UnreadableInput(
                f"file is {size / 1e6:.1f} MB, more than the {MAX_DOCUMENT_BYTES / 1e6:.0f} MB "
                "allowed for one article"
            )
        text = decode_bytes(path.read_bytes())
        page: dict = {}
        if is_html(path):
            page = html_article(text)
            text = page.pop("text")
        fields = {**page, **{k: meta[k] for k in ROW_FIELDS if meta.get(k) is not None}}
        return build_article(
            text, path=str(path), lang=meta.get("lang") or lang, fallback_published=published,
            **fields,
        )
    except UnreadableInput as exc:
        return ReadError(str(path), str(exc))
    except OSError as exc:
        return ReadError(str(path), exc.strerror or str(exc))


def is_html(path: Path) -> bool:
    """Whether ``path`` is read as a web page."""
    return path.suffix.lower() in {".html", ".htm", ".xhtml"}


def html_article(html: str) -> dict:
    """Main text, title, URL and publication date of a web page (scripts and menus dropped).

    The date comes only from the page's own metadata and markup, never from a guess.
    """
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True)
    if not text:
        text = trafilatura.html2txt(html)
    if not text or not text.strip():
        raise UnreadableInput("no article text in the page")
    metadata = trafilatura.extract_metadata(html)
    published = htmldate.find_date(html, extensive_search=False, original_date=True)
    return {
        "text": text,
        "title": metadata.title if metadata else None,
        "url": metadata.url if metadata else None,
        "published": published,
    }


def read_jsonl(path: Path, *, lang: str | None, published: str | None) -> Iterator[Item]:
    """One article per JSON line (``text`` required; id, title, published, source, url, lang)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), exc.strerror or str(exc))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield ReadError(where, "not UTF-8 text")
                continue
            except json.JSONDecodeError as exc:
                yield ReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(row, dict):
                yield ReadError(where, "a JSON line must be an object with a 'text' field")
                continue
            yield _row_article(row, where, lang=lang, published=published)


def read_csv(path: Path, *, lang: str | None, published: str | None) -> Iterator[Item]:
    """One article per CSV row; the header must name a ``text`` column."""
    try:
        text = decode_bytes(path.read_bytes())
    except UnreadableInput as exc:
        yield ReadError(str(path), str(exc))
        return
    except OSError as exc:
        yield ReadError(str(path), exc.strerror or str(exc))
        return
    csv.field_size_limit(sys.maxsize)  # long article bodies are legitimate; limits apply per row
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [name.strip().lower() for name in (reader.fieldnames or []) if name]
    if "text" not in columns:
        found = ", ".join(columns) or "none"
        yield ReadError(str(path), f"no 'text' column in the CSV header (columns: {found})")
        return
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            clean = {(key or "").strip().lower(): value for key, value in row.items()}
            yield _row_article(clean, where, lang=lang, published=published)
    except csv.Error as exc:
        yield ReadError(f"{path}:{reader.line_num}", f"malformed CSV ({exc})")


def _row_article(row: dict, where: str, *, lang: str | None, published: str | None) -> Item:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "no 'text' in this row")
    try:
        return build_article(
            text, path=where, lang=row.get("lang") or lang, fallback_published=published,
            **{key: row.get(key) for key in ROW_FIELDS},
        )
    except UnreadableInput as exc:
        return ReadError(where, str(exc))
