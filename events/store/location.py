"""Where the store lives: a URL or path from the user, else the user data directory."""

from __future__ import annotations

import os

from gazetteer.paths import user_dir

DEFAULT_FILE = "events.sqlite"
SQLITE_PREFIX = "sqlite:///"
MEMORY = ":memory:"


def sqlite_target(url: str | os.PathLike | None) -> str:
    """The SQLite file (or ``:memory:``) that ``url`` names.

    Accepts None (the default store), a path, or ``sqlite:///relative`` / ``sqlite:////absolute``.
    Raises ValueError for other URL schemes.
    """
    if url is None:
        return str(user_dir() / DEFAULT_FILE)
    text = os.fspath(url)
    if text.startswith(SQLITE_PREFIX):
        return text[len(SQLITE_PREFIX):] or MEMORY
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ValueError(f"unsupported store URL scheme {scheme!r} (use a path or sqlite:///PATH)")
    return text
