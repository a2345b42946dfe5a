"""Geocoder speed: resolve() calls per second and geoparse articles per second, with baselines.

Usage: .venv/bin/python benchmarks/bench_geo.py [--articles N]

* resolve: the UCDP toponym names (../shared/dev) resolved with --country SY, first pass (cold
  caches) and then repeated passes (warm caches, the steady state of a long ingest); the raw
  gazetteer lookup `idx.candidates()` on the same names is the same-run baseline.
* geoparse: ~500-word articles (GeoWebNews English and the French seed articles, cut or joined to
  about 500 words) through the full pipeline, against bare spaCy `nlp.pipe` on the same texts
  with the place component disabled.
* memory: peak resident set size of the process after both.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _shared import SHARED, dev_file, read_jsonl

from gazetteer import load_index
from geo import Context, resolve
from geo.nlp import new_pipeline
from geo.parse import mentions_of


def words_500(texts: list[str], count: int) -> list[str]:
    """``count`` texts of about 500 words made from the given texts (cut or joined)."""
    pool = " ".join(texts).split()
    return [" ".join(pool[(i * 500) % max(1, len(pool) - 500):][:500]) for i in range(count)]


def bench_resolve() -> None:
    names = [line.split("\t")[0] for line in
             dev_file("toponyms_syria_ucdp.tsv").read_text("utf-8").splitlines()[1:]]
    t0 = time.perf_counter()
    idx = load_index()
    print(f"gazetteer load: {time.perf_counter() - t0:.2f} s")
    context = Context(countries=("SY",))
    t0 = time.perf_counter()
    for name in names:
        idx.candidates(name, limit=12, fuzzy=True, countries=("SY",))
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    for name in names:
        resolve(name, context)
    t_cold = time.perf_counter() - t0
    rounds = 20
    t0 = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            resolve(name, context)
    t_warm = time.perf_counter() - t0
    n = len(names)
    print(f"baseline idx.candidates (uncached): {n / t_base:10,.0f} names/s")
    print(f"resolve, first pass (cold caches):  {n / t_cold:10,.0f} names/s")
    print(f"resolve, warm ({rounds} passes):        {n * rounds / t_warm:10,.0f} names/s "
          f"({t_warm / (n * rounds) * 1e6:.1f} µs per call)")


def bench_geoparse(lang: str, texts: list[str]) -> None:
    nlp = new_pipeline(lang)
    list(nlp.pipe(texts[:2]))  # warm-up: lazy loads happen outside the timings
    t_bare = t_full = float("inf")
    for _ in range(2):  # alternate and keep the best of two: the machine is shared
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=["eventmap_places"]):
            list(nlp.pipe(texts))
        t_bare = min(t_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = sum(len(mentions_of(doc)) for doc in nlp.pipe(texts))
        t_full = min(t_full, time.perf_counter() - t0)
    n = len(texts)
    print(f"[{lang}] {n} articles of ~500 words, {found} place mentions")
    print(f"[{lang}] bare spaCy nlp.pipe:        {n / t_bare:6.1f} articles/s")
    print(f"[{lang}] spaCy + eventmap_places:     {n / t_full:6.1f} articles/s "
          f"(+{(t_full - t_bare) / n * 1000:.0f} ms per article for geoparsing)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    bench_resolve()
    english = [d["text"] for d in read_jsonl(dev_file("geoparse_en_geowebnews.jsonl"))]
    french = [p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    bench_geoparse("en", words_500(english, args.articles))
    bench_geoparse("fr", words_500(french * 10, args.articles))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
