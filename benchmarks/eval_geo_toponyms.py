"""UCDP Syrian toponyms: top-1 resolution within 5 / 25 / 161 km, misses by category.

Usage: .venv/bin/python benchmarks/eval_geo_toponyms.py [--country SY] [--show N]

Each name of ../shared/dev/toponyms_syria_ucdp.tsv is resolved alone (no document context), as
`eventmap geocode --country SY` would. The ceiling is the share of names whose gold place (within
25 km) is among the gazetteer candidates the resolver weighs (geo.resolver.considered): top-1 is
reported against the whole set and against that ceiling. Misses are counted by category, each
split into "ranking" (gold among the candidates) and "coverage" (it is not), so the next fix is
obvious:
unresolved (no candidate / rejected as no good match), wrong country, same name elsewhere in the
country (an exact or folded match, far away), fuzzy match gone wrong, and relative or facility
names (brigade, base, checkpoint...) the gazetteer does not hold. A population-only baseline
(the most populous exact/folded candidate, fuzzy otherwise) is scored in the same run.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file

from gazetteer import load_index
from geo import Context, resolve
from geo.distance import haversine_km
from geo.resolver import considered

THRESHOLDS = (5, 25, 161)
CONFIDENCE_BINS = ((0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
FACILITY_WORDS = ("brigade", "base", "division", "regiment", "airport", "checkpoint", "airbase",
                  "battalion", "hospital", "prison", "dam", "field", "factory", "station")


def read_rows() -> list[dict]:
    with dev_file("toponyms_syria_ucdp.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r | {"lat": float(r["lat"]), "lon": float(r["lon"])} for r in rows]


def population_baseline(name: str, countries: tuple[str, ...]) -> tuple[float, float] | None:
    cands = load_index().candidates(name, limit=10, fuzzy=True, countries=countries or None)
    if not cands:
        return None
    exact = [c for c in cands if c.match != "fuzzy"] or cands
    best = max(exact, key=lambda c: c.place.population)
    return best.place.latitude, best.place.longitude


def category(row: dict, res, km: float | None) -> str:
    lowered = row["name"].lower()
    if any(w in lowered.split() for w in FACILITY_WORDS):
        return "facility or unit name"
    if not res.resolved:
        return "unresolved: " + ("no candidate" if "no gazetteer entry" in res.reason
                                 else "rejected as no good match")
    if res.country != "SY":
        return f"wrong country ({res.country})"
    if "fuzzy" in res.reason:
        return "fuzzy match to another place"
    if res.candidates and any(haversine_km(c["latitude"], c["longitude"], row["lat"],
                                           row["lon"]) <= 25 for c in res.candidates):
        return "right place among runner-ups"
    return "same name elsewhere (gold not among candidates)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country", action="append", default=[], help="ISO2 focus, e.g. SY")
    parser.add_argument("--show", type=int, default=8, help="examples listed per miss category")
    args = parser.parse_args()
    countries = tuple(c.upper() for c in args.country)
    rows = read_rows()
    t0 = time.perf_counter()
    load_index()
    print(f"{len(rows)} UCDP toponyms; country focus {countries or 'none'}; "
          f"gazetteer load {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    results = [resolve(r["name"], Context(countries=countries)) for r in rows]
    t_ours = time.perf_counter() - t0
    base = [population_baseline(r["name"], countries) for r in rows]

    seen = [any(haversine_km(p.latitude, p.longitude, r["lat"], r["lon"]) <= 25
                for p in considered(r["name"], Context(countries=countries))) for r in rows]

    hits, base_hits = Counter(), Counter()
    misses: dict[str, list[str]] = {}
    ranking: Counter = Counter()
    for row, res, point, in_reach in zip(rows, results, base, seen, strict=True):
        km = haversine_km(res.latitude, res.longitude, row["lat"], row["lon"]) if res.resolved \
            else None
        for limit in THRESHOLDS:
            hits[limit] += km is not None and km <= limit
            base_hits[limit] += point is not None and haversine_km(*point, row["lat"],
                                                                   row["lon"]) <= limit
        if km is None or km > 25:
            label = category(row, res, km)
            where = f"{res.name} {km:.0f} km" if km is not None else res.reason[:60]
            misses.setdefault(label, []).append(f"{row['name']} → {where}")
            ranking[label] += in_reach
    n, ceiling = len(rows), sum(seen)
    print(f"ceiling: gold among the candidates weighed for {ceiling / n:6.1%} of names")
    for label, counts in (("eventmap resolve", hits), ("population baseline", base_hits)):
        print(f"{label:<22}" + "  ".join(f"≤{k} km {counts[k] / n:6.1%}" for k in THRESHOLDS)
              + f"   ≤25 km of the ceiling {counts[25] / max(1, ceiling):6.1%}")
    answered = [r for r in results if r.resolved]
    right = sum(haversine_km(r.latitude, r.longitude, row["lat"], row["lon"]) <= 25
                for row, r in zip(rows, results, strict=True) if r.resolved)
    share = right / max(1, len(answered))
    print(f"answered {len(answered) / n:6.1%} of names; of the answers, {share:6.1%} "
          "within 25 km (the baseline always answers)")
    print(f"first pass (cold caches): {n / t_ours:,.0f} names/s")
    print(f"misses beyond 25 km: {sum(len(v) for v in misses.values())} "
          f"({sum(ranking.values())} ranking: gold among the candidates; the rest coverage)")
    for label, items in sorted(misses.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(items):4d}  {label} ({ranking[label]} ranking): "
              + "; ".join(items[: args.show]))
    confident = [(res.confidence, km_ok) for res, km_ok in (
        (res, haversine_km(res.latitude, res.longitude, row["lat"], row["lon"]) <= 25)
        for row, res in zip(rows, results, strict=True) if res.resolved)]
    print("calibration (resolved names; confidence bin → share within 25 km):")
    for low, high in CONFIDENCE_BINS:
        part = [ok for c, ok in confident if low <= c < high]
        if part:
            share = sum(part) / len(part)
            print(f"  [{low:.2f}, {min(high, 1):.2f}) n={len(part):4d}  {share:6.1%}")
    print("answering only from a confidence on (share of names answered, their precision):")
    for low, _ in CONFIDENCE_BINS:
        part = [ok for c, ok in confident if c >= low]
        print(f"  ≥{low:.2f}: answered {len(part) / n:6.1%}, precision "
              f"{sum(part) / max(1, len(part)):6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
