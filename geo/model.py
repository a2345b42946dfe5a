"""The values the geocoder hands out: a Resolution for one name, a PlaceMention for one span."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PRECISE = 1
NEAR = 2
REGION = 3


@dataclass(frozen=True)
class Context:
    """What is known around a mention: document text, country focus, places resolved nearby."""

    text: str = ""
    countries: tuple[str, ...] = ()
    lang: str | None = None
    nearby: tuple[Resolution, ...] = ()


@dataclass
class Resolution:
    """The chosen place for one name (or none), with how precise and how sure the choice is."""

    query: str
    place_id: str | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    feature: str | None = None
    geo_precision: int | None = None
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """True when the resolution carries a point."""
        return self.latitude is not None and self.longitude is not None

    def to_dict(self) -> dict:
        """Plain JSON-ready dictionary (the form printed by `eventmap geocode --json`)."""
        return asdict(self)


@dataclass
class PlaceMention:
    """One place mention in a text: its character span, what it resolved to, its qualifier,
    and its kind: "name" (a place named), "adjective" (a country or continent written as an
    adjective, "Russian troops"), "abbreviation" (a union of countries, "EU" for Europe, a
    country's capital abbreviation, "DPRK", or a state written after a place, "Trenton, N.J.")
    or "embedded" (a country, region or large city named inside an organisation's name,
    "University of Washington", "HSBC Malta"): all but "name" are about the place, not where
    something happens, and events never take them as their place."""

    text: str
    start: int
    end: int
    resolution: Resolution
    relation: str | None = None
    kind: str = "name"

    def to_dict(self) -> dict:
        """The JSON line printed by `eventmap geoparse`."""
        res = self.resolution
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "relation": self.relation,
            "kind": self.kind,
            "place_id": res.place_id,
            "name": res.name,
            "latitude": res.latitude,
            "longitude": res.longitude,
            "admin1": res.admin1,
            "country": res.country,
            "feature": res.feature,
            "geo_precision": res.geo_precision,
            "confidence": res.confidence,
            "reason": res.reason,
        }
