"""Which point stands for a whole country? Compare sources against GeoWebNews' GeoNames points.

Usage: .venv/bin/python benchmarks/compare_country_points.py [--wheel countryinfo-*.whl]

The yardstick is every scored GeoWebNews gold span whose text is a country's name: its gold
point is GeoNames' point for that country. Each source is scored by the share of those spans it
places within 161 km and by the median distance: the capital (the gazetteer's country record)
as the baseline, the largest-polygon centroid, the countryinfo `latlng` point, the blend that
build_country_tables.py writes, and the table shipped now.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file, read_jsonl
from build_country_tables import country_point, shipped_centroid
from countryinfo_source import read_records

from gazetteer import load_index
from geo.distance import haversine_km
from geo.lexicon import read_table

KM = 161

Point = tuple[float, float]


def gold_country_spans(names: dict[str, str]) -> list[tuple[str, float, float]]:
    """(iso2, gold lat, gold lon) for every scored gold span whose text names a country."""
    out = []
    for doc in read_jsonl(dev_file("geoparse_en_geowebnews.jsonl")):
        for t in doc["toponyms"]:
            iso2 = names.get((t["name"] or "").casefold())
            if t["eval"] and iso2 and t["lat"] is not None:
                out.append((iso2, t["lat"], t["lon"]))
    return out


def evaluate(label: str, point_of: Callable[[str], Point | None],
             gold: list[tuple[str, float, float]]) -> None:
    """Print one source's share within 161 km and median distance over the gold spans."""
    km = [haversine_km(*p, lat, lon) for iso2, lat, lon in gold
          if (p := point_of(iso2)) is not None]
    within = sum(d <= KM for d in km)
    print(f"{label:<44} {within:4d}/{len(gold)} within {KM} km ({within / len(gold):6.1%}), "
          f"median {statistics.median(km):7.0f} km, {len(gold) - len(km)} without a point")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded countryinfo wheel")
    args = parser.parse_args()
    records = read_records(args.wheel)
    names = {r["name"].casefold(): r["iso2"] for r in read_table("countries.tsv")}
    for rec in records:
        for name in rec.names:
            names.setdefault(name.casefold(), rec.iso2)
    gold = gold_country_spans(names)
    print(f"GeoWebNews gold spans naming a country: {len(gold)} "
          f"({len({g[0] for g in gold})} countries)")
    rows = read_table("country_points.tsv")
    shipped = {r["iso2"]: (float(r["latitude"]), float(r["longitude"])) for r in rows}
    centroids = {r["iso2"]: c for r in rows if (c := shipped_centroid(r)) is not None}
    factbook = {r.iso2: (r.latitude, r.longitude) for r in records}
    index = load_index()

    def capital(iso2: str) -> Point | None:
        places = index.places_in(iso2, feature="country")
        return (places[0].latitude, places[0].longitude) if places else None

    evaluate("capital (gazetteer country record, baseline)", capital, gold)
    evaluate("largest-polygon centroid (world-atlas)", centroids.get, gold)
    evaluate("countryinfo latlng (restcountries/Factbook)", factbook.get, gold)
    evaluate("midpoint of both within 322 km, else Factbook",
             lambda iso2: country_point(factbook.get(iso2), centroids.get(iso2))[0], gold)
    evaluate("geo/data/country_points.tsv (shipped now)", shipped.get, gold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
