"""Where the dashboard's events come from: a store, or a plain DataFrame (benchmarks, tests).

One small interface: ``events_frame()`` and ``article(article_id)``. The frame is read ONCE at
start (and again on demand via ``reload``) and kept with numpy arrays prepared for the map, so a
filter change or a pan never touches the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

import numpy as np
import pandas as pd

from events.model import EVENT_FIELDS


class EventStore(Protocol):
    """The part of ``events.store`` the dashboard reads."""

    def events_frame(self) -> pd.DataFrame: ...

    def article(self, article_id: str) -> Any: ...


class FrameStore:
    """A store made of one DataFrame, so benchmarks and tests can run without SQLite."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def events_frame(self) -> pd.DataFrame:
        return self._frame

    def article(self, article_id: str) -> None:
        return None


def event_styles() -> dict:
    """Colour, marker shape and sub-types of each ACLED event type (dashboard/data)."""
    text = resources.files("dashboard").joinpath("data/event_styles.json").read_text("utf-8")
    return json.loads(text)


EPOCH = np.datetime64("1970-01-01", "D")
UNDATED = np.iinfo(np.int32).min


@dataclass
class LoadedEvents:
    """The events frame plus the arrays the map and timeline read on every request."""

    frame: pd.DataFrame
    lon: np.ndarray = field(init=False)
    lat: np.ndarray = field(init=False)
    day: np.ndarray = field(init=False)  # days since 1970-01-01, UNDATED when no date
    type_code: np.ndarray = field(init=False)  # index into ``type_names``
    precision: np.ndarray = field(init=False)
    type_names: list[str] = field(init=False)
    _options: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        frame = self.frame
        self.lon = frame["longitude"].to_numpy(dtype=float, na_value=np.nan)
        self.lat = frame["latitude"].to_numpy(dtype=float, na_value=np.nan)
        dates = pd.to_datetime(frame["event_date"], errors="coerce", format="ISO8601")
        days = dates.to_numpy(dtype="datetime64[D]")
        offsets = (days - EPOCH).astype(np.int64)
        self.day = np.where(np.isnat(days), UNDATED, offsets).astype(np.int32)
        known = list(event_styles()["types"])
        present = sorted(set(frame["event_type"].dropna().unique()) - set(known))
        self.type_names = known + present
        codes = pd.Categorical(frame["event_type"], categories=self.type_names).codes
        self.type_code = np.where(codes < 0, len(self.type_names), codes).astype(np.int16)
        self.precision = frame["geo_precision"].fillna(1).to_numpy(dtype=np.int8)

    @property
    def located(self) -> np.ndarray:
        """Rows that can be drawn on the map."""
        return ~(np.isnan(self.lon) | np.isnan(self.lat))

    def options(self, *columns: str) -> list[str]:
        """Sorted distinct non-empty values of the columns, for a dropdown; computed once."""
        if columns not in self._options:
            names: set[str] = set()
            for column in columns:
                names.update(v for v in self.frame[column].dropna().unique() if v)
            self._options[columns] = sorted(names)
        return self._options[columns]

    def actor_options(self) -> list[str]:
        """Every actor named in any actor column."""
        return self.options("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def load_events(store: EventStore | pd.DataFrame) -> tuple[EventStore, LoadedEvents]:
    """Read the store's events once; a DataFrame is wrapped as a store."""
    if isinstance(store, pd.DataFrame):
        store = FrameStore(store)
    frame = store.events_frame()
    missing = [c for c in EVENT_FIELDS if c not in frame]
    for column in missing:
        frame[column] = None
    return store, LoadedEvents(frame.reset_index(drop=True))
