"""Where the gazetteer's files live: shipped data beside the code, the overlay in user data."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR = Path(__file__).parent / "data"
OVERLAY_FILE_NAME = "gazetteer_overlay.tsv"


def data_path(name: str) -> Path:
    """Return the path of a shipped file under gazetteer/data."""
    return DATA_DIR / name


@cache
def _platform_user_dir() -> Path:
    """The platform's data folder for eventmap, asked once: the place index checks its overlay
    there on every lookup, and asking platformdirs each time cost more than the check."""
    return Path(user_data_dir("eventmap"))


def user_dir() -> Path:
    """The user data directory (EVENTMAP_DATA_DIR overrides it, so tests never touch $HOME)."""
    override = os.environ.get("EVENTMAP_DATA_DIR")
    return Path(override) if override else _platform_user_dir()


def overlay_path() -> Path:
    """The user overlay TSV that `eventmap gazetteer add` writes and the index loads on top."""
    return user_dir() / OVERLAY_FILE_NAME
