"""Admin regions from the shipped Syria/Iraq polygons: point → governorate/district, region → point.

Uses gazetteer/data/admin_polygons.geojson(.gz) and a shapely STRtree, loaded once on first use.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from gazetteer import data_path

ADMIN1_TYPES = frozenset({"region", "governorate", "admin1"})
ADMIN2_TYPES = frozenset({"county", "district", "admin2"})


@dataclass(frozen=True)
class Region:
    """One admin polygon with its names and the gazetteer place it stands for."""

    place_id: str | None
    name: str
    level: int  # 1 governorate, 2 district
    country: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class _Regions:
    regions: tuple[Region, ...]
    tree: STRtree
    by_place: dict[str, Region]


def _read_features() -> list[dict]:
    for name in ("admin_polygons.geojson.gz", "admin_polygons.geojson"):
        path = data_path(name)
        if path.exists():
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                return json.load(handle).get("features", [])
    return []


@lru_cache(maxsize=1)
def _load() -> _Regions:
    regions = []
    for feature in _read_features():
        props = feature.get("properties") or {}
        placetype = str(props.get("placetype", "")).lower()
        level = 1 if placetype in ADMIN1_TYPES else 2 if placetype in ADMIN2_TYPES else 0
        if not level or not feature.get("geometry"):
            continue
        place_id = props.get("place_id") or props.get("id") or props.get("gazetteer_id")
        name = props.get("name_en") or props.get("name") or ""
        regions.append(Region(place_id and str(place_id), name, level,
                              str(props.get("cc", "")).upper(), shape(feature["geometry"])))
    tree = STRtree([r.geometry for r in regions])
    by_place = {r.place_id: r for r in regions if r.place_id}
    return _Regions(tuple(regions), tree, by_place)


def available() -> bool:
    """True when the polygons are shipped (reverse lookups need them)."""
    return bool(_load().regions)


def regions_at(latitude: float, longitude: float) -> list[Region]:
    """The admin regions containing a point, governorate first."""
    data = _load()
    if not data.regions:
        return []
    point = Point(longitude, latitude)
    hits = data.tree.query(point, predicate="intersects")
    return sorted((data.regions[i] for i in hits), key=lambda r: r.level)


def representative_point(place_id: str) -> tuple[float, float] | None:
    """(lat, lon) inside the polygon of a governorate or district, or None if not shipped."""
    region = _load().by_place.get(place_id)
    if region is None:
        return None
    point = region.geometry.representative_point()
    return point.y, point.x


@lru_cache(maxsize=32)
def border_point(first: str, second: str) -> tuple[float, float] | None:
    """(lat, lon) in the middle of the border shared by two countries, when both are shipped."""
    data = _load()
    shapes = {}
    for code in (first, second):
        parts = [r.geometry for r in data.regions if r.level == 1 and r.country == code]
        if not parts:
            return None
        shapes[code] = unary_union(parts)
    line = shapes[first].boundary.intersection(shapes[second].buffer(0.02))
    if line.is_empty:
        return None
    middle = nearest_points(line, line.centroid)[0]  # on the border, near its middle
    return middle.y, middle.x
