"""Regenerate geo/data/country_points.tsv and the countryinfo rows of geo/data/demonyms.tsv.

Usage: .venv/bin/python benchmarks/build_country_tables.py [--wheel countryinfo-*.whl]

Country points: see country_point() — countryinfo's `latlng` (the CIA World Factbook's
geographic coordinates, the convention GeoNames' own country points follow) and the centroid of
the country's largest polygon (world-atlas 50m outlines, kept in the table's centroid columns)
are blended when they nearly agree; compare_country_points.py measures every option.
Demonyms: countryinfo's English demonym of each country as an
adjective row (split where it lists several: "Bosnian, Herzegovinian"); a demonym several
countries share ("Chinese": China, Hong Kong, Macau) goes to
the most populous, and one that is the country's own name is skipped. Hand-written rows
(source `eventmap`) are kept as they are and win over generated ones.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from countryinfo_source import CountryRecord, read_records

from geo.distance import haversine_km
from geo.lexicon import DATA_DIR, read_table

GENERATED = "countryinfo"
TOLERANCE_KM = 161

Point = tuple[float, float]


def write_table(name: str, fields: list[str], rows: list[dict[str, str]]) -> None:
    """Write one tab-separated table of geo/data."""
    with (DATA_DIR / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_NONE)
        writer.writeheader()
        writer.writerows(rows)


def shipped_centroid(row: dict[str, str]) -> Point | None:
    """The largest-polygon centroid a shipped row keeps (before the first run, the row's own
    point; None for a country only countryinfo knows)."""
    if "source" not in row:
        return float(row["latitude"]), float(row["longitude"])
    if not row["centroid_latitude"]:
        return None
    return float(row["centroid_latitude"]), float(row["centroid_longitude"])


def midpoint(a: Point, b: Point) -> Point:
    """The point halfway between two points on the sphere (safe across the antimeridian)."""
    vectors = [(math.cos(math.radians(lat)) * math.cos(math.radians(lon)),
                math.cos(math.radians(lat)) * math.sin(math.radians(lon)),
                math.sin(math.radians(lat))) for lat, lon in (a, b)]
    x, y, z = (sum(v[i] for v in vectors) / 2 for i in range(3))
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def country_point(factbook: Point | None, centroid: Point | None) -> tuple[Point | None, str]:
    """The point that stands for a country, and where it comes from. Two conventions exist: the
    Factbook's coordinates (GeoNames' country points follow them) and the centroid of the main
    landmass. When they lie within twice the 161 km tolerance of geoparsing scores, their
    midpoint is within 161 km of both, so a map reads right under either convention; when they
    lie further apart, the Factbook point."""
    if centroid is None:
        return factbook, "countryinfo"
    if factbook is None:
        return centroid, "centroid"
    if haversine_km(*factbook, *centroid) <= 2 * TOLERANCE_KM:
        return midpoint(factbook, centroid), "midpoint"
    return factbook, "countryinfo"


def country_points(records: list[CountryRecord]) -> list[dict[str, str]]:
    """One row per country: the chosen point, its source, and the centroid kept for re-runs."""
    centroids = {r["iso2"]: c for r in read_table("country_points.tsv")
                 if (c := shipped_centroid(r)) is not None}
    factbook = {r.iso2: (r.latitude, r.longitude) for r in records}
    rows = []
    for iso2 in sorted(centroids.keys() | factbook.keys()):
        (lat, lon), source = country_point(factbook.get(iso2), centroids.get(iso2))
        centroid = centroids.get(iso2)
        rows.append({"iso2": iso2, "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
                     "source": source,
                     "centroid_latitude": f"{centroid[0]:.4f}" if centroid else "",
                     "centroid_longitude": f"{centroid[1]:.4f}" if centroid else ""})
    return rows


def demonym_rows(records: list[CountryRecord]) -> list[dict[str, str]]:
    """Hand-written rows, then one English adjective row per countryinfo demonym."""
    kept = [r for r in read_table("demonyms.tsv") if r["source"] != GENERATED]
    taken = {(r["lang"], r["word"].casefold()) for r in kept}
    for rec in sorted(records, key=lambda r: -r.population):
        for word in (w.strip() for w in rec.demonym.replace("/", ",").split(",")):
            if not word or word in rec.names or ("en", word.casefold()) in taken:
                continue
            taken.add(("en", word.casefold()))
            kept.append({"lang": "en", "word": word, "iso2": rec.iso2, "form": "adjective",
                         "source": GENERATED})
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded countryinfo wheel")
    args = parser.parse_args()
    records = read_records(args.wheel)
    points = country_points(records)
    write_table("country_points.tsv", ["iso2", "latitude", "longitude", "source",
                                       "centroid_latitude", "centroid_longitude"], points)
    demonyms = demonym_rows(records)
    write_table("demonyms.tsv", ["lang", "word", "iso2", "form", "source"], demonyms)
    print(f"{len(records)} countryinfo records: {len(points)} country points, "
          f"{sum(r['source'] == GENERATED for r in demonyms)} generated demonym rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
