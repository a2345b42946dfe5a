"""The event record: ACLED-aligned field names shared by extraction, the store and the exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

# ACLED's geo_precision / time_precision codes, named so call sites read as prose.
GEO_EXACT, GEO_NEAR, GEO_REGION = 1, 2, 3
TIME_DAY, TIME_WEEK, TIME_MONTH = 1, 2, 3


@dataclass
class Article:
    """One input article as read by ``events.ingest``: the unit of storage and of idempotence."""

    text: str
    article_id: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    source: str | None = None
    url: str | None = None
    lang: str | None = None  # "fr", "en", ... or None before detection
    path: str | None = None  # where it was read from, for error messages


@dataclass
class Event:
    """One dated, geolocated event in ACLED's data model (see DESIGN.md, "Event record")."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None = None  # ISO date; None when neither the text nor the article dates it
    time_precision: int | None = None
    date_text: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    location: str | None = None
    location_text: str | None = None
    place_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geo_confidence: float | None = None
    fatalities: int | None = None
    notes: str | None = None
    source: str | None = None
    source_url: str | None = None
    article_id: str | None = None
    published: str | None = None
    language: str | None = None
    sources: list[str] = field(default_factory=list)  # article ids of every report of this event
    place_candidates: list[dict] = field(default_factory=list)  # geocoder runner-ups, for review

    def to_dict(self) -> dict:
        """Plain dict of every field, for JSON lines, GeoJSON properties and the store."""
        return asdict(self)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
