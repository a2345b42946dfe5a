"""Gazetteer speed and memory, each against a naive baseline measured in the same run.

* load: a fresh interpreter imports gazetteer and calls load_index(); wall time and peak RSS,
  then the one-off build of the fuzzy tables on the first fuzzy lookup;
* exact lookups/s: distinct names drawn from the gazetteer itself, ``candidates(name,
  fuzzy=False)`` (the call geo makes), against a linear scan comparing the lower-cased name with
  every stored name;
* fuzzy lookups/s: other distinct names with one letter changed, ``candidates(name)``, against a
  linear scan scoring every stored key with rapidfuzz (``process.extract``, top 10).

"First time" means what it says: every timed query string is new to the index and to every
cache, and all samples are disjoint (no string in two of them), so no pass finds results
another one cached (two names of different samples can still share a place, as in real text).
Each rate is measured twice:

* cold: right after the load (and the fuzzy tables' build), when the tables' memory pages and
  the interpreter's allocator are still being touched for the first time;
* warm: after the index has answered a disjoint warm-up sample of as many exact and misspelt
  queries, the state of a long-running ingest.

The cold queries are then repeated to show the result cache separately. Rates are given in wall
time and in the process's CPU time (the second is steadier on a shared machine).

Lookups hand out places whose fields are read from the tables on first use, so another disjoint
sample of exact queries also reads every field of every candidate (names included): the cost a
caller that looks at all the candidates pays.

    .venv/bin/python benchmarks/bench_gazetteer.py [--queries 5000] [--baseline-queries 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import time
from operator import attrgetter
from pathlib import Path

from rapidfuzz import fuzz, process

from gazetteer import Place, load_index, normalize_name
from gazetteer.tables import GazetteerArrays

LOAD_PROBE = """
import json, resource, time
t0, c0 = time.perf_counter(), time.process_time()
from gazetteer import load_index
index = load_index()
t1, c1 = time.perf_counter(), time.process_time()
rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
index.candidates("Dayr az Zawwr")
t2 = time.perf_counter()
rss_fuzzy = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": t1 - t0, "load_cpu_s": c1 - c0, "rss_load_mb": rss_load,
                  "fuzzy_warmup_s": t2 - t1, "rss_fuzzy_mb": rss_fuzzy}))
"""


def measure_load() -> dict:
    # Run from this folder, so the probe imports the same gazetteer as this process.
    result = subprocess.run(
        [sys.executable, "-c", LOAD_PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def misspell(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if not letters:
        return name
    i = rng.choice(letters)
    return name[:i] + rng.choice("aeioukrtsn") + name[i + 1 :]


def rate(func, queries: list[str]) -> tuple[float, float]:
    """Queries per second, in wall-clock and in process CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for q in queries:
        func(q)
    return len(queries) / (time.perf_counter() - wall), len(queries) / (time.process_time() - cpu)


PLACE_FIELDS = attrgetter(*(field.name for field in dataclasses.fields(Place)))


def read_every_field(candidates: list) -> None:
    for candidate in candidates:
        PLACE_FIELDS(candidate.place)


def disjoint_samples(
    arrays: GazetteerArrays, count: int, size: int, rng: random.Random
) -> list[list[str]]:
    """count lists of distinct stored names, no name in two lists (a repeat anywhere would be
    answered from the result cache); each list has at most size names."""
    picks = rng.sample(range(len(arrays.name_row)), count * size)
    used: set[str] = set()
    samples = []
    for first in range(0, count * size, size):
        names = [arrays.name_at(i) for i in picks[first : first + size]]
        fresh = [n for n in dict.fromkeys(names) if n not in used]
        used.update(fresh)
        samples.append(fresh)
    return samples


def disjoint_typos(
    samples: list[list[str]], rng: random.Random, taken: set[str]
) -> list[list[str]]:
    """Each sample's names misspelt, distinct across all lists and unlike any name in taken."""
    used = set(taken)
    typos = []
    for names in samples:
        fresh = [t for t in dict.fromkeys(misspell(n, rng) for n in names) if t not in used]
        used.update(fresh)
        typos.append(fresh)
    return typos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=5000)
    parser.add_argument("--baseline-queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    load = measure_load()
    print(
        f"load_index(): {load['load_s']:.2f} s ({load['load_cpu_s']:.2f} s CPU), "
        f"peak RSS {load['rss_load_mb']:.0f} MB"
    )
    print(
        f"first fuzzy lookup (builds the skeleton tables): {load['fuzzy_warmup_s']:.2f} s, "
        f"peak RSS {load['rss_fuzzy_mb']:.0f} MB"
    )

    index = load_index()
    index.candidates("warm up")
    arrays = index.base.arrays
    rng = random.Random(args.seed)
    names, warmup, warm_names, read_names, *typo_sources = disjoint_samples(
        arrays, 7, args.queries, rng
    )
    exact_queries = {*names, *warmup, *warm_names, *read_names}
    typos, warmup_typos, warm_typos = disjoint_typos(typo_sources, rng, exact_queries)
    print(
        f"{len(arrays.name_row)} stored names, {len(arrays.key_text)} distinct keys; "
        f"{len(names)} distinct exact and {len(typos)} distinct misspelt queries a sample"
    )

    exact, exact_cpu = rate(lambda q: index.candidates(q, fuzzy=False), names)
    fuzzy, fuzzy_cpu = rate(lambda q: index.candidates(q), typos)
    read, read_cpu = rate(lambda q: read_every_field(index.candidates(q, fuzzy=False)), read_names)
    rate(lambda q: index.candidates(q, fuzzy=False), warmup)
    rate(lambda q: index.candidates(q), warmup_typos)
    exact_w, exact_w_cpu = rate(lambda q: index.candidates(q, fuzzy=False), warm_names)
    fuzzy_w, fuzzy_w_cpu = rate(lambda q: index.candidates(q), warm_typos)
    # Names recur across articles: the same queries again are answered from the result cache.
    exact_repeat, _ = rate(lambda q: index.candidates(q, fuzzy=False), names)
    fuzzy_repeat, _ = rate(lambda q: index.candidates(q), typos)
    # The baselines' data is made only now, so it burdens none of the index's timings.
    stored = [arrays.name_at(i).lower() for i in range(len(arrays.name_row))]
    few = args.baseline_queries
    naive_exact, naive_exact_cpu = rate(
        lambda q: [i for i, s in enumerate(stored) if s == q.lower()], names[:few]
    )
    naive_fuzzy, naive_fuzzy_cpu = rate(
        lambda q: process.extract(normalize_name(q), arrays.key_text, scorer=fuzz.ratio, limit=10),
        typos[:few],
    )
    print(
        f"exact lookups/s, first time: cold {exact:,.0f} ({exact_cpu:,.0f} per CPU second), "
        f"warm {exact_w:,.0f} ({exact_w_cpu:,.0f} per CPU second); repeated (result cache) "
        f"{exact_repeat:,.0f}  vs linear scan {naive_exact:,.1f} ({naive_exact_cpu:,.1f} per "
        f"CPU second; x{exact_cpu / naive_exact_cpu:,.0f} cold, "
        f"x{exact_w_cpu / naive_exact_cpu:,.0f} warm)"
    )
    print(
        f"exact lookups/s reading every field of every candidate: {read:,.0f} first time "
        f"({read_cpu:,.0f} per CPU second)"
    )
    print(
        f"fuzzy lookups/s, first time: cold {fuzzy:,.0f} ({fuzzy_cpu:,.0f} per CPU second), "
        f"warm {fuzzy_w:,.0f} ({fuzzy_w_cpu:,.0f} per CPU second); repeated {fuzzy_repeat:,.0f}"
        f"  vs rapidfuzz linear scan {naive_fuzzy:,.1f} ({naive_fuzzy_cpu:,.1f} per CPU second;"
        f" x{fuzzy_cpu / naive_fuzzy_cpu:,.0f} cold, x{fuzzy_w_cpu / naive_fuzzy_cpu:,.0f} warm)"
    )

    recall_rng = random.Random(args.seed)  # its own stream: the same 1000 names whatever --queries
    sample = recall_rng.sample(range(len(arrays.name_row)), 1000)
    found = sum(
        any(
            c.place.id == index.base.ids[int(arrays.name_row[i])]
            for c in index.candidates(misspell(arrays.name_at(i), recall_rng))
        )
        for i in sample
    )
    print(f"one-letter typo: true place among the top 10 for {found / 10:.1f} % of 1000 names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
