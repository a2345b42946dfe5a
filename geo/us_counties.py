"""US counties ("Orange County", "Suffolk County"), which the gazetteer does not hold as places.

geo/data/us_counties.tsv (benchmarks/build_us_counties.py) gives each county's point and a
weight (the population of the places in it). A name that several states share goes to the
county of the state the document is about: the state of the places resolved around it, else the
state the text names most, else the most populous county of that name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from geo.lexicon import read_table, written_key
from geo.model import REGION, Context, Resolution

CONFIDENCE = 0.8  # the only county of that name, or the one the document's state points to
SHARED_NAME_CONFIDENCE = 0.5  # one of several namesakes, taken for its population alone
FEATURE = "county"


@dataclass(frozen=True)
class County:
    """One county row: FIPS code, state postal code, full name, point and weight."""

    fips: str
    state: str
    name: str
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def _counties() -> dict[str, tuple[County, ...]]:
    table: dict[str, list[County]] = {}
    for r in read_table("us_counties.tsv"):
        county = County(r["fips"], r["state"], r["name"], float(r["latitude"]),
                        float(r["longitude"]), int(r["population"]))
        table.setdefault(written_key(county.name), []).append(county)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """US postal code → state name (geo/data/state_abbreviations.tsv)."""
    return {r["abbreviation"]: r["name"] for r in read_table("state_abbreviations.tsv")
            if r["iso2"] == "US" and r["style"] == "postal"}


@lru_cache(maxsize=1)
def _state_regex() -> re.Pattern[str]:
    names = sorted(_state_names().values(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


@lru_cache(maxsize=64)
def _states_written(text: str) -> Counter:
    """How often the text writes each state's name ("Florida" twice...)."""
    return Counter(m.group(0) for m in _state_regex().finditer(text))


def us_county(name: str, context: Context) -> Resolution | None:
    """The county a name means ("Orange County"), or None when no US county bears it."""
    counties = _counties().get(written_key(name))
    if not counties:
        return None
    around = Counter(r.admin1 for r in context.nearby if r.resolved and r.country == "US")
    written = _states_written(context.text) if context.text else Counter()
    names = _state_names()

    def evidence(county: County) -> tuple[int, int]:
        state = names.get(county.state, "")
        return around[state], written[state]

    best = max(counties, key=lambda c: (*evidence(c), c.population))
    told = any(evidence(best))
    confidence = CONFIDENCE if told or len(counties) == 1 else SHARED_NAME_CONFIDENCE
    state = names.get(best.state, best.state)
    why = "the document's state" if told else (
        "the only county of that name" if len(counties) == 1 else "the most populous of "
        f"{len(counties)} counties of that name")
    return Resolution(query=name, place_id=f"us-county:{best.fips}", name=best.name,
                      latitude=best.latitude, longitude=best.longitude, admin1=state,
                      country="US", iso3="USA", feature=FEATURE, geo_precision=REGION,
                      confidence=confidence, reason=f"US county in {state}: {why}")
