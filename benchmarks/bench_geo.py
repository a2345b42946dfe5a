"""Geocoder speed: resolve() calls per second and geoparse articles per second, with baselines.

Usage: .venv/bin/python benchmarks/bench_geo.py [--articles N]

* resolve: the UCDP toponym names (../shared/dev) resolved with --country SY, first pass (cold
  caches) and then repeated passes (warm caches, the steady state of a long ingest); the raw
  gazetteer lookup `idx.candidates()` on the same names is the same-run baseline.
* geoparse: ~500-word articles (GeoWebNews English and the French seed articles, cut or joined to
  about 500 words) through the geoparsing pipeline (`geo.nlp.new_pipeline`: sentence recogniser
  and NER over the text; the place component tags only a few sentence openers), against two
  same-run baselines on the same texts: bare spaCy `nlp.pipe` with the language model's default
  components, and bare spaCy with the reduced set geoparsing runs (the same pipeline with the
  place component disabled). nlp.pipe tags the sentence openers of a whole batch at once; the
  rate of one text per call (what geo.geoparse does) is given too. The geoparsing pipeline
  multiplies matrices with numpy's BLAS on one thread (geo.nlp.OneThreadNumpyOps); both
  bare-spaCy baselines are timed with that backend (the ratios compare like with like) and with
  spaCy's default BLIS kernels, and the annotations of the two backends are compared. Then the
  time of each component, one after the other over the same texts (the place component's time
  includes its opener tagging).
* memory: peak resident set size of the process after both.

One core (CPU affinity and BLAS threads pinned). Rates are given per CPU second of this process
(steady even when other programs share the machine) and per wall-clock second.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy  # noqa: E402
from _shared import SHARED, dev_file, read_jsonl  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from thinc.api import NumpyOps  # noqa: E402

from gazetteer import load_index  # noqa: E402
from geo import Context, resolve  # noqa: E402
from geo.nlp import (  # noqa: E402
    COMPONENT,
    MODELS,
    OneThreadNumpyOps,
    multiply_with,
    new_pipeline,
)
from geo.parse import mentions_of  # noqa: E402

ROUNDS = 2  # each timing is the best of this many passes: the machine may be shared


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


def best_times(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the fastest of ROUNDS calls of ``run``."""
    cpu = wall = float("inf")
    for _ in range(ROUNDS):
        c0, w0 = time.process_time(), time.perf_counter()
        run()
        cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - w0)
    return cpu, wall


def rate_line(label: str, n: int, times: tuple[float, float], reference: float | None = None
              ) -> str:
    """One result line: articles per CPU second and per wall second (and a ratio)."""
    cpu, wall = times
    line = f"{label:<44} {n / cpu:6.1f} articles/CPU-s  {n / wall:6.1f} articles/s wall"
    return line + (f"  ({reference / cpu:.2f} of the baseline's rate)" if reference else "")


def component_table(nlp: Language, texts: list[str]) -> list[tuple[str, float]]:
    """CPU milliseconds per article of the tokenizer and of each component, run one after the
    other over the same texts (the best of ROUNDS passes)."""
    best: dict[str, float] = {}
    for _ in range(ROUNDS):
        c0 = time.process_time()
        docs = [nlp.make_doc(text) for text in texts]
        best["tokenizer"] = min(best.get("tokenizer", float("inf")), time.process_time() - c0)
        for name, component in nlp.pipeline:
            c0 = time.process_time()
            docs = list(component.pipe(docs) if hasattr(component, "pipe")
                        else map(component, docs))
            best[name] = min(best.get(name, float("inf")), time.process_time() - c0)
    return [(name, seconds * 1000 / len(texts)) for name, seconds in best.items()]


def print_component_table(label: str, rows: list[tuple[str, float]]) -> None:
    total = sum(ms for _, ms in rows)
    print(f"{label}: CPU ms per article by component (total {total:.0f} ms)")
    for name, ms in rows:
        print(f"    {name:<18} {ms:6.1f} ms  {ms / total:6.1%}")


def annotations(doc: Doc) -> tuple:
    """What the models decide for a Doc: entities, sentence starts, tags, parse."""
    return ([(e.start, e.end, e.label_) for e in doc.ents], [s.start for s in doc.sents],
            [(t.pos_, t.tag_, t.dep_, t.head.i) for t in doc])


def bench_geoparse(lang: str, texts: list[str]) -> None:
    nlp = new_pipeline(lang)
    nlp_blis = multiply_with(new_pipeline(lang), NumpyOps())  # spaCy's default: BLIS kernels
    full_model = multiply_with(spacy.load(MODELS[lang]), OneThreadNumpyOps())
    full_blis = spacy.load(MODELS[lang])
    for pipeline in (nlp, nlp_blis, full_model, full_blis):
        list(pipeline.pipe(texts[:2]))  # warm-up: lazy loads happen outside the timings
    found = sum(len(mentions_of(doc)) for doc in nlp.pipe(texts))
    found_blis = sum(len(mentions_of(doc)) for doc in nlp_blis.pipe(texts))
    differ = sum(annotations(a) != annotations(b)
                 for a, b in zip(full_model.pipe(texts), full_blis.pipe(texts), strict=True))
    n = len(texts)

    def reduced(pipeline: Language) -> None:
        with pipeline.select_pipes(disable=[COMPONENT]):
            list(pipeline.pipe(texts))

    t_full_blis = best_times(lambda: list(full_blis.pipe(texts)))
    t_reduced_blis = best_times(lambda: reduced(nlp_blis))
    t_full_model = best_times(lambda: list(full_model.pipe(texts)))
    t_reduced = best_times(lambda: reduced(nlp))
    t_ours = best_times(lambda: list(nlp.pipe(texts)))
    t_single = best_times(lambda: [nlp(text) for text in texts])
    print(f"[{lang}] {n} articles of ~500 words, {found} place mentions ({found_blis} with "
          f"BLIS); full model annotations differing between backends: {differ} of {n} articles")
    print(f"[{lang}] " + rate_line(f"bare spaCy {MODELS[lang]}, all, BLIS", n, t_full_blis))
    print(f"[{lang}] " + rate_line("bare spaCy, geoparsing's components, BLIS", n,
                                   t_reduced_blis))
    print(f"[{lang}] " + rate_line("bare spaCy, all components, numpy BLAS", n, t_full_model))
    print(f"[{lang}] " + rate_line("bare spaCy, geoparsing's, numpy BLAS", n, t_reduced))
    print(f"[{lang}] " + rate_line("geoparse (spaCy + eventmap_places)", n, t_ours, t_reduced[0])
          + f"; {t_full_model[0] / t_ours[0]:.2f}x the full model's rate")
    print(f"[{lang}] " + rate_line("geoparse, one text per call (geo.geoparse)", n, t_single,
                                   t_reduced[0]))
    print(f"[{lang}] geoparsing adds {(t_ours[0] - t_reduced[0]) / n * 1000:.0f} CPU ms per "
          f"article ({', '.join(nlp.pipe_names)})")
    print_component_table(f"[{lang}] full model", component_table(full_model, texts))
    print_component_table(f"[{lang}] geoparse", component_table(nlp, texts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
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
