"""Places larger than a country or outside every country: continents, world regions ("Middle
East", "Sahel", "Korean Peninsula"), oceans and seas.

The gazetteer holds towns and admin regions; asked for "Atlantic" or "Middle East" it offers a
village that bears the name. These names are read from geo/data/continents.tsv and
geo/data/world_regions.tsv instead. A region made of countries stands at the mean of its member
countries' points (geo/data/country_points.tsv); a water body or a physical region at the point
its row gives. A short name that means different waters in different parts of the world ("the
Gulf") is read only when the document's countries say which.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from geo.lexicon import read_table, written_key
from geo.model import REGION, Resolution

CONFIDENCE = 0.85
CONTEXT_CONFIDENCE = 0.75  # a short name read through the document's countries
ID_PREFIXES = ("continent:", "region:")
REGION_WORD = " region"


def is_world_region(resolution: Resolution) -> bool:
    """True for a continent, world region, ocean or sea answer (no country, precision 3)."""
    return (resolution.place_id or "").startswith(ID_PREFIXES)


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    return {r["iso2"]: (float(r["latitude"]), float(r["longitude"]))
            for r in read_table("country_points.tsv")}


def mean_point(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The spherical mean of points (lat, lon): right across the antimeridian too."""
    x = y = z = 0.0
    count = 0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
        count += 1
    if not count or math.hypot(x, y, z) < 1e-9:
        return None
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def _members(code: str, rows: dict[str, dict[str, str]]) -> set[str]:
    """ISO2 codes of a region's member countries; "@015" stands for region 015's members."""
    out: set[str] = set()
    for item in rows[code]["members"].split():
        out |= _members(item[1:], rows) if item.startswith("@") else {item}
    return out


@lru_cache(maxsize=1)
def _entries() -> tuple[dict[str, Resolution], dict[str, list[tuple[frozenset[str], Resolution]]]]:
    """(key → resolution for names that need no context, key → [(countries, resolution)] for
    names that do)."""
    plain: dict[str, Resolution] = {}
    by_context: dict[str, list[tuple[frozenset[str], Resolution]]] = {}
    for row in read_table("continents.tsv"):
        res = Resolution(query="", place_id=f"continent:{row['code']}", name=row["name"],
                         latitude=float(row["latitude"]), longitude=float(row["longitude"]),
                         feature="continent", geo_precision=REGION, confidence=0.9,
                         reason="continent name")
        plain.update((written_key(n), res) for n in row["names"].split("|") if n)
    rows = {r["code"]: r for r in read_table("world_regions.tsv")}
    for code, row in rows.items():
        if row["latitude"]:
            point = (float(row["latitude"]), float(row["longitude"]))
        else:
            point = mean_point(_country_points()[c] for c in sorted(_members(code, rows))
                               if c in _country_points())
        if point is None:
            continue
        res = Resolution(query="", place_id=f"region:{code}", name=row["name"],
                         latitude=round(point[0], 4), longitude=round(point[1], 4),
                         feature=row["kind"], geo_precision=REGION, confidence=CONFIDENCE,
                         reason=f"{row['kind']} name")
        for name in filter(None, row["names"].split("|")):
            plain.setdefault(written_key(name), res)
        countries = frozenset(row["context"].split())
        for name in filter(None, row["context_names"].split("|")):
            by_context.setdefault(written_key(name), []).append((countries, res))
    return plain, by_context


def world_region(name: str, countries: tuple[str, ...] = ()) -> Resolution | None:
    """The continent, region, ocean or sea a name means, or None. ``countries`` are the
    document's countries, most telling first: they decide what a short name ("Gulf") means."""
    found = written_key(name)
    plain, by_context = _entries()
    if found not in plain and found.endswith(REGION_WORD):  # "the Asia-Pacific region"
        found = found.removesuffix(REGION_WORD)
    if found in plain:
        return _as_query(plain[found], name, plain[found].confidence)
    for country in countries:
        for members, res in by_context.get(found, []):
            if country in members:
                return _as_query(res, name, CONTEXT_CONFIDENCE,
                                 f"{res.reason}; read in a document about {country}")
    return None


def _as_query(res: Resolution, query: str, confidence: float, reason: str = "") -> Resolution:
    return Resolution(query=query, place_id=res.place_id, name=res.name, latitude=res.latitude,
                      longitude=res.longitude, feature=res.feature, geo_precision=REGION,
                      confidence=confidence, reason=reason or res.reason)
