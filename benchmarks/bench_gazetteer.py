"""Gazetteer speed and memory, each against a naive baseline measured in the same run.

* load: a fresh interpreter imports gazetteer and calls load_index(); wall time and peak RSS,
  then the one-off build of the fuzzy tables on the first fuzzy lookup;
* exact lookups/s: distinct names drawn from the gazetteer itself, ``candidates(name,
  fuzzy=False)`` (the call geo makes), against a linear scan comparing the lower-cased name with
  every stored name;
* fuzzy lookups/s: other distinct names with one letter changed, ``candidates(name)``, against a
  linear scan scoring every stored key with rapidfuzz (``process.extract``, top 10).

"First time" means what it says: every query string is new to the index, and the exact and fuzzy
queries come from disjoint samples, so neither pass finds Place objects the other one built.
The same queries are then repeated to show the result cache separately. Rates are given in wall
time and in the process's CPU time (the second is steadier on a shared machine).

Lookups hand out places whose fields are read from the tables on first use, so a third disjoint
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


def distinct_names(arrays: GazetteerArrays, picks: list[int]) -> list[str]:
    """The names at these entries, each once (a repeat would be answered from the cache)."""
    return list(dict.fromkeys(arrays.name_at(i) for i in picks))


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
    picks = rng.sample(range(len(arrays.name_row)), 3 * args.queries)
    names = distinct_names(arrays, picks[: args.queries])
    typo_names = distinct_names(arrays, picks[args.queries : 2 * args.queries])
    read_names = distinct_names(arrays, picks[2 * args.queries :])
    typos = list(dict.fromkeys(misspell(n, rng) for n in typo_names))
    stored = [arrays.name_at(i).lower() for i in range(len(arrays.name_row))]
    keys = arrays.key_text
    print(
        f"{len(stored)} stored names, {len(keys)} distinct keys, {len(names)} distinct exact and "
        f"{len(typos)} distinct misspelt queries"
    )

    exact, exact_cpu = rate(lambda q: index.candidates(q, fuzzy=False), names)
    fuzzy, fuzzy_cpu = rate(lambda q: index.candidates(q), typos)
    read, read_cpu = rate(lambda q: read_every_field(index.candidates(q, fuzzy=False)), read_names)
    # Names recur across articles: the same queries again are answered from the result cache.
    exact_warm, _ = rate(lambda q: index.candidates(q, fuzzy=False), names)
    fuzzy_warm, _ = rate(lambda q: index.candidates(q), typos)
    few = args.baseline_queries
    naive_exact, _ = rate(
        lambda q: [i for i, s in enumerate(stored) if s == q.lower()], names[:few]
    )
    naive_fuzzy, _ = rate(
        lambda q: process.extract(normalize_name(q), keys, scorer=fuzz.ratio, limit=10),
        typos[:few],
    )
    print(
        f"exact lookups/s: index {exact:,.0f} first time ({exact_cpu:,.0f} per CPU second), "
        f"{exact_warm:,.0f} repeated (result cache)  vs linear scan {naive_exact:,.1f}  "
        f"(x{exact / naive_exact:,.0f} first time)"
    )
    print(
        f"exact lookups/s reading every field of every candidate: {read:,.0f} first time "
        f"({read_cpu:,.0f} per CPU second)"
    )
    print(
        f"fuzzy lookups/s: index {fuzzy:,.0f} first time ({fuzzy_cpu:,.0f} per CPU second), "
        f"{fuzzy_warm:,.0f} repeated  vs rapidfuzz linear scan {naive_fuzzy:,.1f}  "
        f"(x{fuzzy / naive_fuzzy:,.0f} first time)"
    )

    sample = rng.sample(range(len(arrays.name_row)), 1000)
    found = sum(
        any(
            c.place.id == index.base.ids[int(arrays.name_row[i])]
            for c in index.candidates(misspell(arrays.name_at(i), rng))
        )
        for i in sample
    )
    print(f"one-letter typo: true place among the top 10 for {found / 10:.1f} % of 1000 names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
