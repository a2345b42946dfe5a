"""Ingest throughput and memory: `eventmap ingest` against bare spaCy on the same texts.

Articles of about 500 words are recombined from sentences of the seed articles (French) and of
the dev set's headlines (English). One core (CPU affinity and BLAS threads pinned). Reports:
- articles per CPU second (steady when other programs share the machine) and per wall second of
  the whole ingest (read, detect language, extract, geocode, store) and of two same-run
  baselines on the same texts: bare spaCy ``nlp.pipe`` with the language models' default
  components, and bare spaCy with the components extraction runs (no lemmatizer); the ratios;
- resident memory every tenth of ``--memory-articles`` (every 1k of the default 10k);
- ``store.events_frame()`` load time on a synthetic store (``--frame-rows``).

Usage: .venv/bin/python benchmarks/bench_ingest.py [--articles 300] [--memory-articles 10000]
       [--frame-rows 1000000]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: before numpy is imported

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from _shared import SHARED, dev_file, read_jsonl  # noqa: E402
from bench_geo import component_table, print_component_table  # noqa: E402

WORDS_PER_ARTICLE = 500
FRENCH_SHARE = 0.7


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300,
                        help="throughput corpus size (0 to skip)")
    parser.add_argument("--memory-articles", type=int, default=10000,
                        help="articles ingested for the memory profile (0 to skip)")
    parser.add_argument("--frame-rows", type=int, default=0,
                        help="rows of a synthetic store for the events_frame timing (0 to skip)")
    args = parser.parse_args()
    if not (SHARED / "seeds").is_dir():
        print(f"{SHARED / 'seeds'} not found: the seed articles live in ../shared beside the "
              "clone; nothing to measure.")
        return 0
    headlines = dev_file("events_syria_ucdp.jsonl")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    french, english = sentence_pools(headlines)
    rng = random.Random(20171114)
    with tempfile.TemporaryDirectory() as tmp:
        if args.articles:
            corpus = Path(tmp) / "corpus.jsonl"
            rows = write_articles(corpus, args.articles, french, english, rng)
            words = sum(len(row["text"].split()) for row in rows) / len(rows)
            langs = {lang: sum(row["lang"] == lang for row in rows) for lang in ("fr", "en")}
            print(f"corpus: {len(rows)} articles, {words:.0f} words on average, "
                  f"{langs['fr']} French / {langs['en']} English; 1 core")
            measure_throughput(corpus, rows, Path(tmp))
        if args.memory_articles:
            measure_memory(args.memory_articles, french, english, rng, Path(tmp))
        if args.frame_rows:
            measure_frame(args.frame_rows, Path(tmp))
    return 0


def sentence_pools(headlines: Path) -> tuple[list[str], list[str]]:
    """French sentences of the seed articles and English dev-set headlines."""
    french = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        french += [s.strip() for s in re.split(r"(?<=[.!?»])\s+", text) if len(s.split()) >= 6]
    english = []
    for record in read_jsonl(headlines):
        for source in record.get("source_articles", []):
            headline = (source.get("headline") or "").strip()
            if len(headline.split()) >= 6:
                english.append(headline if headline.endswith(".") else headline + ".")
    return french, english


def make_article(pool: list[str], rng: random.Random) -> str:
    """About WORDS_PER_ARTICLE words of sentences drawn from ``pool``, in paragraphs."""
    sentences, words = [], 0
    while words < WORDS_PER_ARTICLE:
        sentence = rng.choice(pool)
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def write_articles(path: Path, count: int, french: list[str], english: list[str],
                   rng: random.Random) -> list[dict]:
    rows = []
    start = date(2016, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(count):
            lang = "fr" if rng.random() < FRENCH_SHARE else "en"
            row = {"text": make_article(french if lang == "fr" else english, rng), "lang": lang,
                   "published": (start + timedelta(days=rng.randrange(1400))).isoformat()}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            rows.append(row)
    return rows


def measure_throughput(corpus: Path, rows: list[dict], tmp: Path) -> None:
    import spacy

    from events import store
    from events.extraction import BATCH_SIZE, extract_batch
    from events.extraction.pipeline import get_pipeline
    from events.model import Article
    from events.pipeline import ingest
    from geo.nlp import MODELS

    started = time.perf_counter()
    extract_batch([Article(text=rows[0]["text"], article_id="warm-fr", lang="fr"),
                   Article(text="Clashes near Raqqa.", article_id="warm-en", lang="en")])
    print(f"extraction pipelines loaded in {time.perf_counter() - started:.1f} s (not counted)")

    with store.open(tmp / "throughput.sqlite") as st:
        cpu, wall = time.process_time(), time.perf_counter()
        report = ingest([corpus], st)
        ours = (time.process_time() - cpu, time.perf_counter() - wall)
    n = len(rows)
    print(f"eventmap ingest: {n / ours[0]:.1f} articles/CPU-s, {n / ours[1]:.1f} articles/s wall "
          f"({report.summary()})")

    texts = {lang: [row["text"] for row in rows if row["lang"] == lang] for lang in ("fr", "en")}
    langs = [lang for lang, group in texts.items() if group]
    full_models = {lang: spacy.load(MODELS[lang]) for lang in langs}
    ours_only = [name for name in get_pipeline("fr").pipe_names if name.startswith("eventmap_")]
    for label, pipelines in (("all components", full_models),
                             ("extraction's components", {lang: get_pipeline(lang)
                                                          for lang in langs})):
        cpu, wall = time.process_time(), time.perf_counter()
        for lang, nlp in pipelines.items():
            with nlp.select_pipes(disable=[name for name in ours_only if name in nlp.pipe_names]):
                for _ in nlp.pipe(texts[lang], batch_size=BATCH_SIZE):
                    pass
                pipes = ", ".join(nlp.pipe_names)
            print(f"  {MODELS[lang]}: {pipes}")
        base = (time.process_time() - cpu, time.perf_counter() - wall)
        print(f"baseline bare spaCy nlp.pipe, {label}: {n / base[0]:.1f} articles/CPU-s, "
              f"{n / base[1]:.1f} articles/s wall")
        print(f"  ratio ingest / this baseline: {base[0] / ours[0]:.2f} per CPU second, "
              f"{base[1] / ours[1]:.2f} wall (aim >= 0.6, and >= 15 articles/s)")
    pipeline_ms = 0.0
    for lang in langs:
        table = component_table(get_pipeline(lang), texts[lang])
        print_component_table(f"[{lang}] extraction pipeline", table)
        pipeline_ms += sum(ms for _, ms in table) * len(texts[lang])
    print(f"rest of ingest (reading, rules after spaCy, dates, store): "
          f"{(ours[0] * 1000 - pipeline_ms) / n:.0f} CPU ms per article")


def measure_memory(total: int, french: list[str], english: list[str], rng: random.Random,
                   tmp: Path) -> None:
    from events import store
    from events.pipeline import ingest

    marks = sorted({max(1, total * step // 10) for step in range(1, 11)})  # every 1k of 10k
    print(f"memory while ingesting {total} articles: RSS {rss_mb():.0f} MB before")
    done = 0
    started = time.perf_counter()
    with store.open(tmp / "memory.sqlite") as st:
        for mark in marks:
            chunk = tmp / f"chunk-{mark}.jsonl"
            write_articles(chunk, mark - done, french, english, rng)
            ingest([chunk], st)
            chunk.unlink()
            done = mark
            rate = done / (time.perf_counter() - started)
            print(f"  after {done:>6} articles: RSS {rss_mb():.0f} MB, "
                  f"{st.stats()['events']} events stored, {rate:.1f} articles/s so far")


def measure_frame(rows: int, tmp: Path) -> None:
    """events_frame() on a store of ``rows`` synthetic events, bulk-loaded with plain SQL
    (going through add_article's de-duplication would take far longer than the measure)."""
    import sqlite3

    from events import store
    from events.store.sqlite import COLUMNS

    rng = random.Random(1)
    path = tmp / "frame.sqlite"
    store.open(path).close()  # creates the schema
    per_article = 3
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO articles (article_id, text, ingested_at) VALUES (?, ?, '')",
            ((f"a{i}", f"article {i}") for i in range(0, rows, per_article)),
        )
        values = {name: None for name in COLUMNS}
        values.update(event_type="Battles", sub_event_type="Armed clash", time_precision=1,
                      actor1="Islamic State", actor2="SDF: Syrian Democratic Forces",
                      location="Ar Raqqah", country="SY", iso3="SYR", geo_precision=1,
                      notes="Des affrontements ont opposé les FDS à Daech près de Raqqa, "
                      "selon l'OSDH, qui fait état de plusieurs morts des deux côtés.")

        def row(i: int) -> list:
            values.update(event_id=f"e{i}", article_id=f"a{i - i % per_article}",
                          event_date=(date(2016, 1, 1) + timedelta(days=i % 1400)).isoformat(),
                          latitude=32 + rng.random() * 5, longitude=36 + rng.random() * 6,
                          geo_confidence=rng.random(), fatalities=rng.choice((None, 1, 5)),
                          place_candidates="[]" if i % 2 else '[{"name": "Raqqa"}]')
            return [values[name] for name in COLUMNS]

        conn.executemany(
            f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            (row(i) for i in range(rows)),
        )
        conn.executemany("INSERT INTO event_sources VALUES (?, ?)",
                         ((f"e{i}", f"a{i - i % per_article}") for i in range(rows)))
    with store.open(path) as st:
        started = time.perf_counter()
        frame = st.events_frame()
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        st.events_frame()
        cached = time.perf_counter() - started
    print(f"store.events_frame(): {len(frame)} rows in {elapsed:.1f} s "
          f"(again with no write in between: {cached * 1000:.0f} ms)")


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    sys.exit(main())
