"""The values the gazetteer hands out: a Place and a Candidate (a place matched by one name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MatchKind = Literal["exact", "normalized", "fuzzy"]


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer, with every known name variant tagged by language."""

    id: str
    name: str
    feature: str
    country: str
    admin1: str
    admin1_id: str
    admin2: str
    admin2_id: str
    latitude: float
    longitude: float
    population: int
    source: str
    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A place that a queried name could refer to, with how well the name matched."""

    place: Place
    matched: str
    match: MatchKind
    similarity: float
