"""The SQLite event store: articles, events and the reports behind each event, in one file.

Every article is written in one transaction (article row, its new events, its source links), so
an interrupted ingest keeps every article committed before the interruption and nothing half.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from events import dedup
from events.model import EVENT_FIELDS, Article, Event

SCHEMA_VERSION = 1
LIST_FIELDS = ("sources", "place_candidates")
COLUMNS = tuple(name for name in EVENT_FIELDS if name != "sources")  # as stored in `events`
SCALAR_COLUMNS = tuple(name for name in COLUMNS if name not in LIST_FIELDS)
INTEGER_COLUMNS = ("time_precision", "geo_precision", "fatalities")
FLOAT_COLUMNS = ("latitude", "longitude", "geo_confidence")
ARTICLE_COLUMNS = ("article_id", "title", "published", "source", "url", "lang", "path", "text")


class StoreError(Exception):
    """A store that cannot be opened or used (not a database, newer schema...)."""


@dataclass(frozen=True)
class AddResult:
    """What one ``add_article`` call changed."""

    article_id: str
    new: bool  # False when the article was already stored: nothing was added
    events_added: int = 0
    events_merged: int = 0  # matched an event already stored: the article became one more source
    unresolved: int = 0  # new events without coordinates


class SQLiteStore:
    """Events and their source articles in one SQLite file (WAL: readers never block writers)."""

    def __init__(self, target: str) -> None:
        self.target = target
        if target != ":memory:":
            Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._commits = 0  # this connection's writes; PRAGMA data_version counts the others'
        self._cached_frame: tuple[tuple[int, int], pd.DataFrame] | None = None
        try:
            self._conn = sqlite3.connect(
                target, isolation_level=None, check_same_thread=False, timeout=30
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{target}: not an eventmap store ({exc})") from None

    def _migrate(self) -> None:
        row = self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        version = None
        if row:
            found = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
            version = found[0] if found else None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.target}: written by a newer eventmap (schema {version} > {SCHEMA_VERSION})"
            )
        if version is None:
            schema = files("events.store").joinpath("schema.sql").read_text(encoding="utf-8")
            self._conn.executescript(
                f"BEGIN; {schema} INSERT INTO schema_version VALUES ({SCHEMA_VERSION}); COMMIT;"
            )
        self._add_new_fields()

    def _add_new_fields(self) -> None:
        """Give stores written before a field joined the event record a column for it (null
        for the events already stored), so an additive model change needs no migration."""
        present = {row[1] for row in self._conn.execute("PRAGMA table_info(events)")}
        for name in COLUMNS:
            if name not in present:
                kind = ("INTEGER" if name in INTEGER_COLUMNS
                        else "REAL" if name in FLOAT_COLUMNS else "TEXT")
                self._conn.execute(f"ALTER TABLE events ADD COLUMN {name} {kind}")

    # -- writing ---------------------------------------------------------------------------

    def add_article(self, article: Article, events: list[Event]) -> AddResult:
        """Store ``article`` and its ``events`` in one transaction; an already stored article
        adds nothing, and an event matching a stored one (``events.dedup``) is merged into it."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                if self._has_article(article.article_id):
                    conn.execute("ROLLBACK")
                    return AddResult(article.article_id, new=False)
                conn.execute(
                    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, ingested_at) "
                    f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})",
                    [*(getattr(article, c) for c in ARTICLE_COLUMNS),
                     datetime.now(timezone.utc).isoformat(timespec="seconds")],
                )
                added = merged = unresolved = 0
                for event in events:
                    if self._merge_into_stored(event, article.article_id):
                        merged += 1
                        continue
                    self._insert_event(event, article.article_id)
                    added += 1
                    unresolved += event.latitude is None
                conn.execute("COMMIT")
                self._commits += 1
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return AddResult(article.article_id, True, added, merged, unresolved)

    def _insert_event(self, event: Event, article_id: str) -> None:
        values = event.to_dict()
        values["article_id"] = values["article_id"] or article_id
        values["place_candidates"] = json.dumps(values["place_candidates"], ensure_ascii=False)
        self._conn.execute(
            f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            [values[c] for c in COLUMNS],
        )
        for source in dict.fromkeys([*event.sources, article_id]):
            self._link(event.event_id, source)

    def _link(self, event_id: str, article_id: str) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO event_sources (event_id, article_id) "
            "SELECT ?, article_id FROM articles WHERE article_id = ?",
            (event_id, article_id),
        )

    def _merge_into_stored(self, event: Event, article_id: str) -> bool:
        match = self._stored_match(event)
        if match is None:
            return False
        self._link(match, article_id)
        fill = ", ".join(f"{name} = COALESCE({name}, ?)" for name in dedup.FILLABLE_FIELDS)
        self._conn.execute(
            f"UPDATE events SET {fill} WHERE event_id = ?",
            [getattr(event, name) for name in dedup.FILLABLE_FIELDS] + [match],
        )
        return True

    def _stored_match(self, event: Event) -> str | None:
        """Id of the stored event that ``event`` reports again, if any."""
        same_id = self._conn.execute(
            "SELECT event_id FROM events WHERE event_id = ?", (event.event_id,)
        ).fetchone()
        if same_id:
            return same_id[0]
        if event.event_date is None or event.latitude is None or event.longitude is None:
            return None
        west, south, east, north = dedup.search_box(event.latitude, event.longitude)
        day = date.fromisoformat(event.event_date)
        slack = timedelta(days=dedup.MAX_DAYS_APART)
        window = ((day - slack).isoformat(), (day + slack).isoformat())
        rows = self._conn.execute(
            f"SELECT {', '.join(SCALAR_COLUMNS)} FROM events WHERE event_type = ? "
            "AND event_date BETWEEN ? AND ? AND latitude BETWEEN ? AND ? "
            "AND longitude BETWEEN ? AND ?",
            (event.event_type, *window, south, north, west, east),
        ).fetchall()
        for row in rows:
            if dedup.same_event(event, Event(**dict(zip(SCALAR_COLUMNS, row, strict=True)))):
                return row[0]
        return None

    # -- reading ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether the article with this content-hash id is already stored."""
        with self._lock:
            return self._has_article(article_id)

    def _has_article(self, article_id: str) -> bool:
        return self._conn.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone() is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article (title, source, URL, text) behind an event, or None."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        return Article(**dict(zip(ARTICLE_COLUMNS, row, strict=True))) if row else None

    def events_frame(self) -> pd.DataFrame:
        """Every event, one row each, columns exactly ``EVENT_FIELDS`` in that order.

        ``sources`` and ``place_candidates`` hold Python lists; integer codes are nullable Int64,
        text columns plain objects (building typed string columns costs more than the query).
        The frame is cached until this or another connection writes, so a dashboard may call
        this on every refresh; callers get a copy-on-write view and cannot alter the cache.
        """
        with self._lock:
            version = (self._conn.execute("PRAGMA data_version").fetchone()[0], self._commits)
            if self._cached_frame is None or self._cached_frame[0] != version:
                self._cached_frame = (version, self._load_frame())
            return self._cached_frame[1].copy(deep=False)

    def _load_frame(self) -> pd.DataFrame:
        with _no_gc():
            rows = self._conn.execute(_FRAME_QUERY).fetchall()
            columns = list(zip(*rows, strict=True)) or [() for _ in EVENT_FIELDS]
            del rows
            data = {}
            for name, values in zip((*COLUMNS, "sources"), columns, strict=True):
                if name in INTEGER_COLUMNS:
                    data[name] = pd.array(values, dtype="Int64")
                elif name in FLOAT_COLUMNS:
                    data[name] = np.array(values, dtype=float)
                elif name == "sources":
                    data[name] = _split_sources(values)
                elif name == "place_candidates":
                    data[name] = _json_lists(values)
                else:
                    data[name] = pd.Series(np.array(values, dtype=object), dtype=object)
            return pd.DataFrame({name: data[name] for name in EVENT_FIELDS}, copy=False)

    def stats(self) -> dict:
        """Counts for summaries: articles, events, undated events, events with no coordinates."""
        with self._lock:
            articles = self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            events, undated, unresolved = self._conn.execute(
                "SELECT count(*), coalesce(sum(event_date IS NULL), 0), "
                "coalesce(sum(latitude IS NULL), 0) FROM events"
            ).fetchone()
        return {"articles": articles, "events": events, "undated_events": undated,
                "unresolved_places": unresolved}

    def close(self) -> None:
        """Close the database (checkpointing the WAL)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_SOURCE_SEPARATOR = "\x1f"
_FRAME_QUERY = (
    f"SELECT {', '.join('e.' + c for c in COLUMNS)}, (SELECT group_concat(article_id, char(31)) "
    "FROM (SELECT s.article_id FROM event_sources s WHERE s.event_id = e.event_id "
    "ORDER BY s.rowid)) FROM events e ORDER BY e.rowid"
)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a million fresh row tuples would trigger it dozens
    of times for nothing (they hold no cycles), which doubles the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _split_sources(values: tuple) -> list[list[str]]:
    return [text.split(_SOURCE_SEPARATOR) if text else [] for text in values]


def _json_lists(values: tuple) -> list[list]:
    """Decode JSON list cells, sharing one parse for repeated values (most are ``[]``)."""
    decoded: dict[str, list] = {}
    out = []
    for text in values:
        if not text:
            out.append([])
            continue
        value = decoded.get(text)
        if value is None:
            value = decoded[text] = json.loads(text)
        out.append(list(value) if value else [])
    return out
