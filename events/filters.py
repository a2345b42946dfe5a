"""The one event filter shared by `eventmap export` and the dashboard: same view, same rows.

Filtering is a vectorised boolean mask over an events DataFrame (columns named as in
``events.model.EVENT_FIELDS``), so it stays fast on a million rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@dataclass(frozen=True)
class EventFilter:
    """What the analyst asked to see; an empty filter keeps every event.

    ``since``/``until`` are inclusive ISO dates. Undated events have no place on a date range:
    they are kept only while no range is set, or when ``include_undated`` is true.
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    include_undated: bool = True
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    text: str | None = None
    min_confidence: float | None = None

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean array: which rows of ``frame`` this filter keeps."""
        keep = np.ones(len(frame), dtype=bool)
        if self.actors:
            wanted = set(self.actors)
            hit = np.zeros(len(frame), dtype=bool)
            for column in ACTOR_COLUMNS:
                if column in frame:
                    hit |= frame[column].isin(wanted).to_numpy()
            keep &= hit
        keep &= _isin(frame, "event_type", self.event_types)
        keep &= _isin(frame, "sub_event_type", self.sub_event_types)
        keep &= _isin(frame, "country", self.countries)
        keep &= _isin(frame, "admin1", self.admin1)
        if self.since or self.until:
            dates = frame["event_date"]
            undated = dates.isna().to_numpy()
            in_range = np.ones(len(frame), dtype=bool)
            text_dates = dates.fillna("").astype(str)
            if self.since:
                in_range &= (text_dates >= self.since).to_numpy()
            if self.until:
                in_range &= (text_dates <= self.until).to_numpy()
            keep &= (in_range & ~undated) | (undated & self.include_undated)
        elif not self.include_undated:
            keep &= frame["event_date"].notna().to_numpy()
        if self.bbox is not None:
            west, south, east, north = self.bbox
            lon = frame["longitude"].to_numpy(dtype=float, na_value=np.nan)
            lat = frame["latitude"].to_numpy(dtype=float, na_value=np.nan)
            if west <= east:
                inside_lon = (lon >= west) & (lon <= east)
            else:  # a box across the antimeridian
                inside_lon = (lon >= west) | (lon <= east)
            keep &= inside_lon & (lat >= south) & (lat <= north)
        if self.text:
            notes = frame["notes"].fillna("").astype(str)
            keep &= notes.str.contains(self.text, case=False, regex=False).to_numpy()
        if self.min_confidence is not None:
            confidence = frame["geo_confidence"].to_numpy(dtype=float, na_value=np.nan)
            keep &= confidence >= self.min_confidence
        return keep

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` this filter keeps."""
        return frame.loc[self.mask(frame)]


def _isin(frame: pd.DataFrame, column: str, values: Iterable[str]) -> np.ndarray:
    values = tuple(values)
    if not values:
        return np.ones(len(frame), dtype=bool)
    return frame[column].isin(values).to_numpy()
