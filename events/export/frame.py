"""What every exporter accepts: an events DataFrame (``store.events_frame()``, possibly filtered
by ``EventFilter``) or a list of Events, turned into one DataFrame with ``EVENT_FIELDS``."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from events.model import EVENT_FIELDS, Event

Events = pd.DataFrame | Sequence[Event]


def as_frame(events: Events) -> pd.DataFrame:
    """The events as a DataFrame with exactly ``EVENT_FIELDS`` as columns."""
    if isinstance(events, pd.DataFrame):
        missing = [name for name in EVENT_FIELDS if name not in events.columns]
        if missing:
            raise ValueError(f"events frame lacks the columns {', '.join(missing)}")
        return events.loc[:, list(EVENT_FIELDS)]
    return pd.DataFrame([event.to_dict() for event in events], columns=list(EVENT_FIELDS))


def plain(value: object) -> object:
    """A JSON-ready Python value: NaN/NA become None, numpy scalars become int/float/str."""
    if isinstance(value, list | dict | str):
        return value
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of ``frame`` as dicts of plain values."""
    columns = list(frame.columns)
    return [
        {name: plain(value) for name, value in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def located(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the events that have coordinates (map formats cannot place the others)."""
    return frame.loc[frame["latitude"].notna() & frame["longitude"].notna()]
