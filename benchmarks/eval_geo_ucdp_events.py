"""UCDP Syrian event headlines (English): is the event's gold place among the geoparsed places?

Usage: .venv/bin/python benchmarks/eval_geo_ucdp_events.py

For each of the 230 events of ../shared/dev/events_syria_ucdp.jsonl, the headline text is
geoparsed and scored as found when any resolved mention lies within 25 km of the gold point
(the upper bound for the events extractor, which picks one place per event). The same score for
mentions found by the bare spaCy NER and resolved alone (no document context) is the baseline.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file, read_jsonl

from geo import resolve
from geo.distance import haversine_km
from geo.matcher import PLACE_LABELS
from geo.nlp import new_pipeline
from geo.parse import mentions_of

KM = 25


def main() -> int:
    rows = list(read_jsonl(dev_file("events_syria_ucdp.jsonl")))
    nlp = new_pipeline("en")
    ours = base = 0
    started = time.perf_counter()
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows]), strict=True):
        points = [(m.resolution.latitude, m.resolution.longitude) for m in mentions_of(doc)
                  if m.resolution.resolved]
        ours += any(haversine_km(*p, row["lat"], row["lon"]) <= KM for p in points)
        alone = [resolve(e.text) for e in doc.ents if e.label_ in PLACE_LABELS["en"]]
        base += any(r.resolved and haversine_km(r.latitude, r.longitude, row["lat"], row["lon"])
                    <= KM for r in alone)
    n = len(rows)
    elapsed = time.perf_counter() - started
    print(f"{n} UCDP events: gold place among the resolved mentions (≤{KM} km) "
          f"[{elapsed:.1f} s for both]")
    print(f"  bare NER spans, each resolved alone: {base / n:6.1%}")
    print(f"  eventmap geoparse (joint):           {ours / n:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
