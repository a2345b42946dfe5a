"""Accuracy of event extraction on UCDP GED Syria headlines (shared/dev/events_syria_ucdp.jsonl).

For each gold event, the headline is extracted with source_articles[0].date as the published date,
then: location = the gold point within 25 km of any extracted event's point (and of the first
event's, "top-1"); date = an extracted date within a day of [date, date_end]; actors = the gold
actor1/actor2 found among the extracted events' actors after the UCDP → lexicon mapping in
benchmarks/ucdp_actor_map.tsv ("slots": share of gold actor slots found; "any": rows with at least
one). Baseline in the same run: the publication date alone, as a dateline-only extractor would.

Run: .venv/bin/python benchmarks/eval_events_ucdp.py [--limit N] [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from geopy.distance import great_circle

from events.extraction import extract_many
from events.model import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "dev" / "events_syria_ucdp.jsonl"
ACTOR_MAP = Path(__file__).resolve().parent / "ucdp_actor_map.tsv"
RADIUS_KM = 25
DAY = timedelta(days=1)


def load_actor_map() -> dict[str, set[str]]:
    with ACTOR_MAP.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {r["ucdp"]: {n.strip() for n in r["lexicon"].split("|")} for r in rows}


def accepted(ucdp_field: str, mapping: dict[str, set[str]]) -> set[str]:
    """Lexicon names that match a UCDP actor field (which may list several groups)."""
    names = mapping.get(ucdp_field, set())
    if names:
        return names
    for part in ucdp_field.split(","):
        names |= mapping.get(part.strip(), set())
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"{DEV} not found (no shared/ beside the repository): nothing to evaluate.")
        return 0
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8")][: args.limit]
    mapping = load_actor_map()
    texts = {}
    for row in rows:
        texts.setdefault(row["text"], row["source_articles"][0]["date"])
    articles = [
        Article(text=t, article_id=f"ucdp-{i}", published=p, lang="en")
        for i, (t, p) in enumerate(texts.items())
    ]
    started = time.perf_counter()
    events_of = {a.text: events for a, events in extract_many(articles)}
    elapsed = time.perf_counter() - started

    hits = {"loc_any": 0, "loc_top1": 0, "date_any": 0, "date_base": 0, "actor_any": 0}
    slots = slots_found = with_events = 0
    for row in rows:
        events = events_of[row["text"]]
        with_events += bool(events)
        gold = (row["lat"], row["lon"])
        points = [(e.latitude, e.longitude) for e in events if e.latitude is not None]
        near = [great_circle(gold, p).km <= RADIUS_KM for p in points]
        hits["loc_any"] += any(near)
        hits["loc_top1"] += bool(near) and near[0]
        low = date.fromisoformat(row["date"]) - DAY
        high = date.fromisoformat(row["date_end"]) + DAY
        days = [date.fromisoformat(e.event_date) for e in events if e.event_date]
        hits["date_any"] += any(low <= d <= high for d in days)
        hits["date_base"] += low <= date.fromisoformat(row["source_articles"][0]["date"]) <= high
        found = {a for e in events for a in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2)}
        matched = [bool(accepted(row[k], mapping) & found) for k in ("actor1", "actor2")]
        slots += 2
        slots_found += sum(matched)
        hits["actor_any"] += any(matched)
        if args.show_misses and not (any(near) and all(matched)):
            print(
                f"MISS {row['location']} {row['actor1']} / {row['actor2']} :: {row['text'][:160]}"
            )
            for e in events:
                print(f"     {e.event_type}/{e.sub_event_type} {e.actor1}/{e.actor2} {e.location}")
    total = len(rows)

    def pct(n: int) -> str:
        return f"{100 * n / total:.1f} %"

    print(f"UCDP Syria dev events: {total} gold rows, {len(articles)} distinct headlines")
    print(
        f"extraction: {elapsed:.1f} s ({len(articles) / elapsed:.1f} headlines/s), "
        f"rows with >=1 event {pct(with_events)}"
    )
    print(
        f"location within {RADIUS_KM} km: any extracted event {pct(hits['loc_any'])}, "
        f"first event {pct(hits['loc_top1'])}"
    )
    print(
        f"date within a day: any extracted event {pct(hits['date_any'])} "
        f"(baseline, publication date alone: {pct(hits['date_base'])})"
    )
    print(
        f"actors after mapping: gold slots found {100 * slots_found / slots:.1f} %, "
        f"rows with at least one gold actor {pct(hits['actor_any'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
