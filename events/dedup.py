"""When two reports describe the same event: same type, at most 10 km and 1 day apart, and at
least one actor in common. Used across articles by the store and on plain lists of events."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from events.model import Event
from geo.distance import haversine_km

MAX_DISTANCE_KM = 10.0
MAX_DAYS_APART = 1
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
KM_PER_DEGREE_LATITUDE = 111.32
# What a later report may add to a stored event: a toll the first report lacked. Roles, place and
# date stay those of the first report, so a merge never mixes two readings of who did what.
FILLABLE_FIELDS = ("fatalities",)


def actors_of(event: Event) -> set[str]:
    """Every actor named on the event, whatever its role."""
    return {name for name in (getattr(event, f) for f in ACTOR_FIELDS) if name}


def same_event(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` report one event. Undated or unplaced events never match: there
    is no evidence they are the same, and merging them would hide one report."""
    if a.event_type != b.event_type:
        return False
    if None in (a.event_date, b.event_date, a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    if abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days) > (
        MAX_DAYS_APART
    ):
        return False
    if not actors_of(a) & actors_of(b):
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_DISTANCE_KM


def search_box(latitude: float, longitude: float, km: float = MAX_DISTANCE_KM
               ) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a box that holds every point within ``km`` of the point,
    for a cheap indexed pre-filter before the exact distance test."""
    dlat = km / KM_PER_DEGREE_LATITUDE
    dlon = km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return longitude - dlon, latitude - dlat, longitude + dlon, latitude + dlat


def merge_into(kept: Event, other: Event) -> Event:
    """``kept`` with ``other``'s sources appended and its blank ``FILLABLE_FIELDS`` filled."""
    filled = {
        name: getattr(other, name)
        for name in FILLABLE_FIELDS
        if getattr(kept, name) is None and getattr(other, name) is not None
    }
    sources = list(dict.fromkeys([*_sources(kept), *_sources(other)]))
    return replace(kept, **filled, sources=sources)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per real-world event: each report merged into the first that matches it."""
    merged: list[Event] = []
    for event in events:
        for index, kept in enumerate(merged):
            if same_event(kept, event):
                merged[index] = merge_into(kept, event)
                break
        else:
            merged.append(replace(event, sources=_sources(event)))
    return merged


def _sources(event: Event) -> list[str]:
    if event.sources:
        return list(event.sources)
    return [event.article_id] if event.article_id else []
