"""Candidate recall of the gazetteer on UCDP's Syrian place names.

For each name of ../shared/dev/toponyms_syria_ucdp.tsv, is the true place (a candidate within
25 km of the UCDP coordinates) among the top 10 candidates? Reported with and without the
country hint (geo/ passes the document's country), against the naive baseline the issue quotes
(exact lookup after lower-casing), with the misses counted by category so the weak spots show.

    .venv/bin/python benchmarks/eval_gazetteer_recall.py [--limit 10] [--misses 40]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

from gazetteer import load_index

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATASET = SHARED / "dev" / "toponyms_syria_ucdp.tsv"
RADIUS_KM = 25.0
CATEGORIES = [
    (
        "military/infrastructure",
        re.compile(
            r"brigade|base|airbase|airport|division|regiment|checkpoint|prison|complex|field|"
            r"dam|farm|station|school|hospital|bridge|road|mosque",
            re.I,
        ),
    ),
    ("camp", re.compile(r"\bcamp\b", re.I)),
    ("alternatives (/ or parentheses)", re.compile(r"[/()]")),
    ("descriptor words", re.compile(r"village|town|city|countryside|outskirts|near|outside", re.I)),
]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def category(name: str) -> str:
    for label, pattern in CATEGORIES:
        if pattern.search(name):
            return label
    return "plain name"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--misses", type=int, default=30, help="misses to print")
    args = parser.parse_args()
    if not DATASET.exists():
        print(f"{DATASET} not found (the dev sets live in ../shared); nothing to evaluate")
        return 0
    with DATASET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    index = load_index()
    lower_names: dict[str, list[tuple[float, float]]] = {}
    a = index.base.arrays
    for i in range(len(a.name_row)):
        row = int(a.name_row[i])
        lower_names.setdefault(a.name_at(i).lower(), []).append((a.latitude[row], a.longitude[row]))

    def baseline_hit(name: str, lat: float, lon: float) -> bool:
        return any(km(lat, lon, y, x) <= RADIUS_KM for y, x in lower_names.get(name.lower(), []))

    def hit(cands, lat: float, lon: float) -> tuple[bool, bool]:
        dists = [km(lat, lon, c.place.latitude, c.place.longitude) for c in cands]
        return any(d <= RADIUS_KM for d in dists), bool(dists) and dists[0] <= RADIUS_KM

    totals = Counter()
    misses_by_category: Counter[str] = Counter()
    rows_by_category: Counter[str] = Counter()
    examples = []
    started = time.perf_counter()
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        name = r["name"]
        cat = category(name)
        rows_by_category[cat] += 1
        totals["baseline"] += baseline_hit(name, lat, lon)
        any_hit, top1 = hit(index.candidates(name, limit=args.limit), lat, lon)
        sy_hit, sy_top1 = hit(index.candidates(name, limit=args.limit, countries=["SY"]), lat, lon)
        totals["recall"] += any_hit
        totals["top1"] += top1
        totals["recall_sy"] += sy_hit
        totals["top1_sy"] += sy_top1
        if not sy_hit:
            misses_by_category[cat] += 1
            examples.append((cat, name))
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(f"UCDP Syrian toponyms: {n} names, true place = a candidate within {RADIUS_KM:.0f} km")
    print(f"  baseline (exact lookup after lower-casing): {totals['baseline'] / n:.1%}")
    print(
        f"  candidate recall@{args.limit}, no country hint: {totals['recall'] / n:.1%} "
        f"(top-1 {totals['top1'] / n:.1%})"
    )
    print(
        f"  candidate recall@{args.limit}, countries=['SY']: {totals['recall_sy'] / n:.1%} "
        f"(top-1 {totals['top1_sy'] / n:.1%})"
    )
    print(f"  {2 * n} lookups in {elapsed:.1f} s")
    print("misses (countries=['SY']) by category:")
    for cat, count in rows_by_category.most_common():
        print(f"  {cat:34} {misses_by_category[cat]:4} missed of {count}")
    for cat, name in examples[: args.misses]:
        print(f"  miss [{cat}] {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
