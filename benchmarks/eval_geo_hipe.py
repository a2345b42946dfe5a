"""HIPE-2020 French (historical newspapers, OCR): place-mention recall and precision.

Usage: .venv/bin/python benchmarks/eval_geo_hipe.py [--limit N] [--show K]

Gold spans carry no coordinates, so this scores recognition only: a prediction is correct when it
overlaps a gold span (also reported: exact boundaries). The bare fr_core_news_md NER (LOC) is the
same-run baseline. Old OCR text is far from the project's news domain: read the figures as a
floor for French recognition, not as the product's accuracy on current news.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import dev_file, read_jsonl

from geo.matcher import PLACE_LABELS
from geo.nlp import new_pipeline
from geo.parse import mentions_of


def score(docs: list[dict], predicted: list[list[tuple[int, int]]]) -> dict[str, float]:
    tp_pred = exact = gold_found = n_pred = n_gold = 0
    for doc, preds in zip(docs, predicted, strict=True):
        gold = [(t["start"], t["end"]) for t in doc["toponyms"]]
        n_gold += len(gold)
        n_pred += len(preds)
        tp_pred += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in preds)
        exact += len(set(preds) & set(gold))
        gold_found += sum(any(s < ge and gs < e for s, e in preds) for gs, ge in gold)
    precision, recall = tp_pred / max(1, n_pred), gold_found / max(1, n_gold)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"P": precision, "R": recall, "F1": f1,
            "exact P": exact / max(1, n_pred), "exact R": exact / max(1, n_gold)}


def examples(docs: list[dict], predicted: list[list[tuple[int, int]]], show: int) -> None:
    """The most frequent false positives and missed gold spans, so the next fix is visible."""
    wrong: Counter = Counter()
    missed: Counter = Counter()
    for doc, preds in zip(docs, predicted, strict=True):
        gold = [(t["start"], t["end"]) for t in doc["toponyms"]]
        wrong.update(doc["text"][s:e] for s, e in preds
                     if not any(s < ge and gs < e for gs, ge in gold))
        missed.update(doc["text"][gs:ge] for gs, ge in gold
                      if not any(s < ge and gs < e for s, e in preds))
    for label, counts in (("false positives", wrong), ("missed gold spans", missed)):
        common = "; ".join(f"{t} x{n}" if n > 1 else t for t, n in counts.most_common(show))
        print(f"  {sum(counts.values()):5d} {label}: {common}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=0, help="print the K most frequent "
                        "false positives and missed spans")
    args = parser.parse_args()
    docs = list(read_jsonl(dev_file("geoparse_fr_hipe_spans.jsonl")))
    docs = docs[: args.limit] if args.limit else docs
    texts = [d["text"] for d in docs]
    n_gold = sum(len(d["toponyms"]) for d in docs)
    print(f"HIPE-2020 fr: {len(docs)} documents, {n_gold} gold spans")
    nlp = new_pipeline("fr")
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["eventmap_places"]):
        bare = [[(e.start_char, e.end_char) for e in d.ents if e.label_ in PLACE_LABELS["fr"]]
                for d in nlp.pipe(texts)]
    t_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [[(m.start, m.end) for m in mentions_of(d)] for d in nlp.pipe(texts)]
    t_ours = time.perf_counter() - t0
    for label, preds, seconds in (("fr_core_news_md NER (LOC)", bare, t_bare),
                                  ("eventmap geoparse", ours, t_ours)):
        s = score(docs, preds)
        print(f"{label:<26} " + "  ".join(f"{k} {v:6.1%}" for k, v in s.items())
              + f"  [{len(docs) / seconds:.1f} docs/s]")
    if args.show:
        examples(docs, ours, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
