"""Extraction throughput on one core against bare spaCy nlp.pipe over the same texts, same run.

Articles of about 500 words are assembled from the paragraphs of the bundled sample corpus
(events/sample), each article a different rotation so no two texts are equal. Baseline: the full
fr_core_news_md pipeline through nlp.pipe with the same batch size. Also prints peak memory.

Run: .venv/bin/python benchmarks/bench_extraction.py [--articles 150]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one core, for the baseline and for us

import spacy  # noqa: E402

from events.extraction import BATCH_SIZE, extract_many  # noqa: E402
from events.extraction.pipeline import get_pipeline  # noqa: E402
from events.model import Article  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "events" / "sample"
WORDS = 500


def articles(count: int) -> list[str]:
    paragraphs = [
        p.strip()
        for f in sorted(SAMPLE.glob("*.txt"))
        for p in f.read_text("utf-8").split("\n")
        if len(p.split()) > 12
    ]
    texts = []
    for index in range(count):
        chosen, words, at = [], 0, index * 7
        while words < WORDS:
            paragraph = paragraphs[at % len(paragraphs)]
            chosen.append(paragraph)
            words += len(paragraph.split())
            at += index % 5 + 1
        texts.append("\n".join(chosen))
    return texts


def current_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    args = parser.parse_args()
    texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average, batch size {BATCH_SIZE}")

    bare = spacy.load("fr_core_news_md")
    list(bare.pipe(texts[:8]))
    started = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=BATCH_SIZE):
        pass
    bare_rate = len(texts) / (time.perf_counter() - started)
    print(f"baseline, bare spaCy fr_core_news_md nlp.pipe: {bare_rate:.1f} articles/s")

    get_pipeline("fr")
    items = [
        Article(text=t, article_id=f"bench-{i}", published="2020-04-14", lang="fr")
        for i, t in enumerate(texts)
    ]
    list(extract_many(items[:8]))
    started = time.perf_counter()
    events = sum(len(found) for _, found in extract_many(items))
    rate = len(items) / (time.perf_counter() - started)
    print(
        f"events.extraction.extract_many: {rate:.1f} articles/s, {events} events "
        f"({rate / bare_rate:.2f} of bare spaCy)"
    )

    rss_first = current_mb()
    for _ in extract_many(items):
        pass
    print(
        f"memory (RSS) after one pass {rss_first:.0f} MB, after a second pass over the same "
        f"{len(items)} articles {current_mb():.0f} MB"
    )

    single = items[0]
    started = time.perf_counter()
    list(extract_many([single]))
    print(f"latency, one article through extract: {1000 * (time.perf_counter() - started):.0f} ms")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
