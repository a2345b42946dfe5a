"""Shared test fixtures. Every test runs with its own eventmap data directory, so no test reads
or writes the real user overlay or store."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point EVENTMAP_DATA_DIR at a fresh folder for each test."""
    data_dir = tmp_path_factory.mktemp("eventmap-data")
    monkeypatch.setenv("EVENTMAP_DATA_DIR", str(data_dir))
    return data_dir


# --- events ingest/store/export tests: a keyword extractor standing in for the spaCy one, so
# the pipeline, store and CLI plumbing are tested without loading models. ---

KEYWORD_PLACES = {
    "Raqqa": (35.9594, 39.0079), "Tabqa": (35.8374, 38.5480), "Alep": (36.2021, 37.1343),
}
KEYWORD_ACTORS = {"FDS": "SDF", "Daech": "ISIS", "armée syrienne": "Military Forces of Syria"}


def keyword_events(articles):
    """One 'Battles' event per sentence that says "affrontements", placed at the first known
    place name and dated on the publication day."""
    from events.model import Event

    batches = []
    for article in articles:
        events = []
        for index, sentence in enumerate(article.text.split(".")):
            if "affrontements" not in sentence:
                continue
            place = next((name for name in KEYWORD_PLACES if name in sentence), None)
            lat, lon = KEYWORD_PLACES.get(place, (None, None))
            actors = [canon for word, canon in KEYWORD_ACTORS.items() if word in sentence]
            events.append(Event(
                event_id=f"{article.article_id}-{index}", event_type="Battles",
                sub_event_type="Armed clash", event_date=article.published,
                time_precision=1 if article.published else None,
                actor1=actors[0] if actors else None,
                actor2=actors[1] if len(actors) > 1 else None,
                location=place, latitude=lat, longitude=lon, country="Syria", iso3="SYR",
                notes=sentence.strip(), article_id=article.article_id,
                published=article.published, language=article.lang,
            ))
        batches.append(events)
    return batches


@pytest.fixture
def keyword_extractor():
    """The keyword extractor above, as a pipeline ``extractor=``."""
    return keyword_events


# --- extraction tests: the bundled seed articles, extracted once per session (loads spaCy and the
# gazetteer). ---

@pytest.fixture(scope="session")
def seed_articles():
    """{file name: (text, metadata)} of the sample corpus bundled in events/sample."""
    import json
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "events" / "sample"
    meta = [json.loads(line) for line in (sample / "metadata.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    return {m["file"]: ((sample / m["file"]).read_text("utf-8"), m) for m in meta}


@pytest.fixture(scope="session")
def seed_events(seed_articles):
    """{file name: events} for every seed article, with its metadata publication date."""
    from events import extract

    return {name: extract(text, published=meta.get("published"), article_id=name)
            for name, (text, meta) in seed_articles.items()}


@pytest.fixture(scope="session")
def gazetteer_index():
    """The shipped gazetteer index, loaded once per test session (about a second)."""
    from gazetteer import load_index

    return load_index()
