"""GeoWebNews (English news): toponym detection P/R and end-to-end resolution within 161 km.

Usage: .venv/bin/python benchmarks/eval_geo_geowebnews.py [--limit N] [--show K]

Gold spans with eval=true are scored. A predicted mention counts as found when it overlaps a gold
span; predictions overlapping only non-scored gold annotations are ignored, the rest are false
positives. End to end = share of gold toponyms found AND placed within 161 km of the gold point
(Mordecai 3 reaches about 61 % on this kind of news). The bare spaCy NER (GPE/LOC/FAC) of the
same model is scored in the same run as the detection baseline. Every gold toponym that is not
placed within 161 km is counted in one miss category (not detected, by the shape of its text;
found but unresolved; found but placed too far, by the kind of place chosen), and false
positives are counted by the kind of mention, so the next fix is visible; --show K prints K
examples of each category.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file, read_jsonl

from geo.distance import haversine_km
from geo.lexicon import place_references
from geo.matcher import PLACE_LABELS
from geo.nlp import MODELS, new_pipeline
from geo.parse import mentions_of

KM = 161
NEAR_MISS_KM = 500


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _shape(name: str) -> str:
    """How an undetected gold toponym is written: the detection rule it would need."""
    if name in place_references():
        return "reference to a country (Russian, EU)"
    if name[:1].islower():
        return "lower case"
    letters = name.replace(".", "")
    if letters.isupper() and len(letters) <= 4:
        return "abbreviation (US, EU, NY)"
    if " " in name.strip():
        return "several words"
    return "one capitalised word"


def _wrong_kind(res, gold: dict) -> str:
    """Why a found toponym is placed more than 161 km off."""
    km = haversine_km(res.latitude, res.longitude, gold["lat"], gold["lon"])
    if res.feature in ("country", "continent"):
        return f"placed as a {res.feature}, {'<' if km <= NEAR_MISS_KM else '>'}{NEAR_MISS_KM} km"
    if km <= NEAR_MISS_KM:
        return f"near miss ({KM}-{NEAR_MISS_KM} km)"
    return f"wrong place (> {NEAR_MISS_KM} km)"


def score(docs: list[dict], predicted: list[list[tuple[int, int, object]]]
          ) -> tuple[Counter, dict[str, list[str]]]:
    """Detection and resolution counts for predicted (start, end, resolution-or-None) triples,
    and the examples behind each miss category."""
    c: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)

    def miss(category: str, example: str) -> None:
        c[category] += 1
        examples[category].append(example)

    for doc, preds in zip(docs, predicted, strict=True):
        gold = [t for t in doc["toponyms"] if t["eval"]]
        other = [(t["start"], t["end"]) for t in doc["toponyms"]
                 if not t["eval"] and t["start"] is not None]
        c["gold"] += len(gold)
        for start, end, res in preds:
            if any(_overlaps((start, end), (g["start"], g["end"])) for g in gold):
                c["tp_pred"] += 1
            elif not any(_overlaps((start, end), o) for o in other):
                c["fp"] += 1
                kind = res.feature if res is not None and res.resolved else "unresolved"
                miss(f"false positive: {kind}", doc["text"][start:end])
        for g in gold:
            hits = [p for p in preds if _overlaps((p[0], p[1]), (g["start"], g["end"]))]
            if not hits:
                miss(f"not detected: {_shape(g['name'])}", f"{g['name']} [{g['type']}]")
                continue
            c["found"] += 1
            res = hits[0][2]
            if res is None or not res.resolved:
                if res is not None:
                    miss("found, unresolved", f"{g['name']}: {res.reason}")
                continue
            c["resolved"] += 1
            if haversine_km(res.latitude, res.longitude, g["lat"], g["lon"]) <= KM:
                c["within"] += 1
            else:
                miss(f"found, {_wrong_kind(res, g)}",
                     f"{g['name']} -> {res.name} ({res.country}, {res.feature}) "
                     f"gold {g['normalised']} {g['lat']:.1f},{g['lon']:.1f}")
    return c, examples


def report(label: str, c: Counter, seconds: float, n_docs: int) -> None:
    precision = c["tp_pred"] / max(1, c["tp_pred"] + c["fp"])
    recall = c["found"] / max(1, c["gold"])
    line = (f"{label:<28} P {precision:6.1%}  R {recall:6.1%}  "
            f"F1 {2 * precision * recall / max(1e-9, precision + recall):6.1%}")
    if c["resolved"]:
        line += (f"  end-to-end within {KM} km {c['within'] / c['gold']:6.1%}"
                 f"  (of found: {c['within'] / max(1, c['found']):6.1%})")
    print(f"{line}  [{n_docs / seconds:5.1f} docs/s]")


def print_categories(c: Counter, examples: dict[str, list[str]], show: int) -> None:
    """Miss and false-positive counts, largest first, with a few examples each."""
    for category, items in sorted(examples.items(), key=lambda kv: (kv[0].startswith("false"),
                                                                       -len(kv[1]))):
        common = Counter(items).most_common(show)
        sample = "; ".join(f"{text} x{n}" if n > 1 else text for text, n in common)
        print(f"  {c[category]:5d}  {category}" + (f"  e.g. {sample}" if show else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--show", type=int, default=0, help="examples printed per category")
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
    report("spaCy NER only (baseline)", score(docs, bare)[0], t_bare, len(docs))

    t0 = time.perf_counter()
    ours = [[(m.start, m.end, m.resolution) for m in mentions_of(d)] for d in nlp.pipe(texts)]
    t_ours = time.perf_counter() - t0
    counts, examples = score(docs, ours)
    report("eventmap geoparse", counts, t_ours, len(docs))
    print(f"gold toponyms {counts['gold']}, found {counts['found']}, "
          f"resolved {counts['resolved']}, within {KM} km {counts['within']}; "
          f"false positives {counts['fp']}")
    print("misses by category (gold toponyms not placed within 161 km), then false positives:")
    print_categories(counts, examples, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
