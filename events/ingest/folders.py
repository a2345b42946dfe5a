"""Folders of articles, with a ``metadata.jsonl`` sidecar naming the fields of its files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from events.ingest.errors import ReadError

SIDECAR = "metadata.jsonl"
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson",
                              ".csv"})


def article_files(folder: Path) -> list[Path]:
    """Every article file under ``folder`` (recursively, hidden files and sidecars skipped)."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.name != SIDECAR and path.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(path)
    return files


def read_sidecar(folder: Path) -> tuple[dict[str, dict], list[ReadError]]:
    """Metadata of ``folder``'s sidecar keyed by the file path it names (relative to the folder)."""
    sidecar = folder / SIDECAR
    if not sidecar.is_file():
        return {}, []
    meta: dict[str, dict] = {}
    errors: list[ReadError] = []
    try:
        lines = sidecar.read_bytes().decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [ReadError(str(sidecar), f"unreadable sidecar ({exc})")]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(ReadError(f"{sidecar}:{number}", f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(row, dict) or not isinstance(row.get("file"), str):
            errors.append(ReadError(f"{sidecar}:{number}", "no 'file' key naming an article"))
            continue
        meta[Path(row["file"]).as_posix()] = row
    return meta, errors


def folder_items(folder: Path) -> Iterator[tuple[Path, dict | None] | ReadError]:
    """Each article file of ``folder`` with its sidecar metadata, and the sidecar's own errors."""
    meta, errors = read_sidecar(folder)
    yield from errors
    for path in article_files(folder):
        yield path, meta.get(path.relative_to(folder).as_posix())
