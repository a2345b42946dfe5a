"""Where events live between ingest and the map: ``open(url)`` returns a store.

A path or ``sqlite:///PATH`` opens (and creates) a SQLite file; None opens ``events.sqlite`` in
the eventmap data directory (``$EVENTMAP_DATA_DIR`` or the platform's user data folder).
"""

from __future__ import annotations

import os

from events.store.location import sqlite_target
from events.store.sqlite import AddResult, SQLiteStore, StoreError

__all__ = ["AddResult", "SQLiteStore", "StoreError", "open"]


def open(url: str | os.PathLike | None = None) -> SQLiteStore:
    """Open the store at ``url`` (see the module docstring); raises StoreError if unusable."""
    try:
        target = sqlite_target(url)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    return SQLiteStore(target)
