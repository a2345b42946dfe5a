"""Accuracy of event extraction on UCDP GED Syria headlines (shared/dev/events_syria_ucdp.jsonl).

For each gold event, the headline is extracted with source_articles[0].date as the published date,
then: location = the gold point within 25 km of any extracted event's point (and of the first
event's, "top-1"); date = an extracted date within a day of [date, date_end]; actors = the gold
actor1/actor2 found among the extracted events' actors after the UCDP → lexicon mapping in
benchmarks/ucdp_actor_map.tsv ("slots": share of gold actor slots found; "any": rows with at least
one). Baseline in the same run: the publication date alone, as a dateline-only extractor would.

Every location miss is put in one category, printed with its count, so the next fix is obvious:
a geoparsed place within 25 km that no event took (no event, no located event, or an event
placed elsewhere); the gold name written and found but resolved elsewhere (in Syria or abroad)
or left unresolved; the gold name written but not found as a place; the gold name not written.
Each of the last four says whether the gazetteer holds a place of that name within 25 km. The
categories read the geoparse of the headline, before the extractor's own re-resolution.

Run: .venv/bin/python benchmarks/eval_events_ucdp.py [--limit N] [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from geopy.distance import great_circle
from rapidfuzz import fuzz

from events.extraction import extract_many
from events.extraction.pipeline import get_pipeline
from events.model import Article, Event
from gazetteer import load_index, normalize_name
from geo.model import PlaceMention
from geo.parse import mentions_of

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "dev" / "events_syria_ucdp.jsonl"
ACTOR_MAP = Path(__file__).resolve().parent / "ucdp_actor_map.tsv"
RADIUS_KM = 25
DAY = timedelta(days=1)
NAME_MATCH = 85  # rapidfuzz score for "the gold name is written here"


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


def _within(gold: tuple[float, float], lat: float | None, lon: float | None) -> bool:
    return lat is not None and great_circle(gold, (lat, lon)).km <= RADIUS_KM


def _gold_keys(row: dict) -> set[str]:
    return {k for n in (row["location"], row["location_ascii"]) if len(k := normalize_name(n)) > 2}


def _writes(text: str, keys: set[str]) -> bool:
    return any(fuzz.partial_ratio(k, text) >= NAME_MATCH for k in keys)


def _in_gazetteer(row: dict, gold: tuple[float, float]) -> bool:
    """True when some gazetteer place named like the gold place lies within the radius."""
    return any(
        _within(gold, c.place.latitude, c.place.longitude)
        for name in {row["location"], row["location_ascii"]}
        for c in load_index().candidates(name, limit=30)
    )


def miss_category(row: dict, events: list[Event], mentions: list[PlaceMention]) -> str:
    """Why the gold place is not among the extracted events' places (see the module doc)."""
    gold = (row["lat"], row["lon"])
    if any(_within(gold, m.resolution.latitude, m.resolution.longitude) for m in mentions):
        if not events:
            return "place found, no event extracted"
        if all(e.latitude is None for e in events):
            return "place found, no event located"
        return "place found, event chose another"
    keys = _gold_keys(row)
    listed = "" if _in_gazetteer(row, gold) else " (not in gazetteer)"
    named = [m for m in mentions if _writes(normalize_name(m.text), keys)]
    if named:
        res = named[0].resolution
        if not res.resolved:
            return "gold name found, unresolved" + listed
        where = "in Syria" if res.country == row["country"] else "abroad"
        return f"gold name resolved elsewhere {where}" + listed
    if _writes(normalize_name(row["text"]), keys):
        return "gold name written, not found" + listed
    return "gold name not written" + listed


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
    misses: dict[str, list[tuple[dict, list[Event]]]] = {}
    for row in rows:
        events = events_of[row["text"]]
        with_events += bool(events)
        gold = (row["lat"], row["lon"])
        points = [(e.latitude, e.longitude) for e in events if e.latitude is not None]
        near = [great_circle(gold, p).km <= RADIUS_KM for p in points]
        hits["loc_any"] += any(near)
        if not any(near):
            misses.setdefault(row["text"], []).append((row, events))
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
        if args.show_misses and not all(matched):
            print(
                f"ACTOR MISS {row['actor1']} / {row['actor2']} :: {row['text'][:160]}"
            )
            for e in events:
                print(f"     {e.event_type}/{e.sub_event_type} {e.actor1}/{e.actor2}")
    total = len(rows)
    categories: Counter[str] = Counter()
    docs = get_pipeline("en").pipe(misses)
    for doc, missed in zip(docs, misses.values(), strict=True):
        mentions = mentions_of(doc)
        for row, events in missed:
            category = miss_category(row, events, mentions)
            categories[category] += 1
            if args.show_misses:
                print(f"LOCATION MISS [{category}] {row['location']} :: {row['text'][:200]}")
                for m in mentions:
                    r = m.resolution
                    print(f"     mention {m.text!r} -> {r.name} {r.admin1} {r.country} "
                          f"{r.feature} conf {r.confidence} rel {m.relation}")
                for e in events:
                    print(f"     event {e.location} ({e.location_text}) prec {e.geo_precision}")

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
    print(f"location misses by category ({sum(categories.values())}):")
    for category, count in categories.most_common():
        print(f"  {count:4d}  {category}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
