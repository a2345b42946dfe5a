"""GeoWebNews (English news): toponym detection P/R and end-to-end resolution within 161 km.

Usage: .venv/bin/python benchmarks/eval_geo_geowebnews.py [--limit N]

Gold spans with eval=true are scored. A predicted mention counts as found when it overlaps a gold
span; predictions overlapping only non-scored gold annotations are ignored, the rest are false
positives. End to end = share of gold toponyms found AND placed within 161 km of the gold point
(Mordecai 3 reaches about 61 % on this kind of news). The bare spaCy NER (GPE/LOC/FAC) of the
same model is scored in the same run as the detection baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file, read_jsonl

from geo.distance import haversine_km
from geo.matcher import PLACE_LABELS
from geo.nlp import MODELS, new_pipeline
from geo.parse import mentions_of

KM = 161


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(docs: list[dict], predicted: list[list[tuple[int, int, object]]]) -> dict:
    """Detection and resolution counts for predicted (start, end, resolution-or-None) triples."""
    c = Counter()
    for doc, preds in zip(docs, predicted, strict=True):
        gold = [t for t in doc["toponyms"] if t["eval"]]
        other = [(t["start"], t["end"]) for t in doc["toponyms"]
                 if not t["eval"] and t["start"] is not None]
        c["gold"] += len(gold)
        for start, end, _ in preds:
            if any(_overlaps((start, end), (g["start"], g["end"])) for g in gold):
                c["tp_pred"] += 1
            elif not any(_overlaps((start, end), o) for o in other):
                c["fp"] += 1
        for g in gold:
            hits = [p for p in preds if _overlaps((p[0], p[1]), (g["start"], g["end"]))]
            if not hits:
                continue
            c["found"] += 1
            res = hits[0][2]
            if res is not None and res.resolved:
                c["resolved"] += 1
                if haversine_km(res.latitude, res.longitude, g["lat"], g["lon"]) <= KM:
                    c["within"] += 1
    return c


def report(label: str, c: Counter, seconds: float, n_docs: int) -> None:
    precision = c["tp_pred"] / max(1, c["tp_pred"] + c["fp"])
    recall = c["found"] / max(1, c["gold"])
    line = (f"{label:<28} P {precision:6.1%}  R {recall:6.1%}  "
            f"F1 {2 * precision * recall / max(1e-9, precision + recall):6.1%}")
    if c["resolved"]:
        line += (f"  end-to-end within {KM} km {c['within'] / c['gold']:6.1%}"
                 f"  (of found: {c['within'] / max(1, c['found']):6.1%})")
    print(f"{line}  [{n_docs / seconds:5.1f} docs/s]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    args = parser.parse_args()
    docs = list(read_jsonl(dev_file("geoparse_en_geowebnews.jsonl")))
    docs = docs[: args.limit] if args.limit else docs
    texts = [d["text"] for d in docs]
    print(f"GeoWebNews: {len(docs)} documents, {sum(len(t['toponyms']) for t in docs)} "
          f"annotations, {sum(t['eval'] for d in docs for t in d['toponyms'])} scored; "
          f"model {MODELS['en']}")

    nlp = new_pipeline("en")
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["eventmap_places"]):
        bare = [[(e.start_char, e.end_char, None) for e in d.ents if e.label_ in PLACE_LABELS["en"]]
                for d in nlp.pipe(texts)]
    t_bare = time.perf_counter() - t0
    report("spaCy NER only (baseline)", score(docs, bare), t_bare, len(docs))

    t0 = time.perf_counter()
    ours = [[(m.start, m.end, m.resolution) for m in mentions_of(d)] for d in nlp.pipe(texts)]
    t_ours = time.perf_counter() - t0
    counts = score(docs, ours)
    report("eventmap geoparse", counts, t_ours, len(docs))
    print(f"gold toponyms {counts['gold']}, found {counts['found']}, "
          f"resolved {counts['resolved']}, within {KM} km {counts['within']}; "
          f"false positives {counts['fp']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
