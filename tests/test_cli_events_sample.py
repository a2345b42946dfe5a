"""End to end on the bundled sample corpus with the real extraction: ingest, re-run, export."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from events import store
from events.cli import main

SAMPLE = str(files("events").joinpath("sample"))


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The sample corpus ingested once through `eventmap ingest` (loads spaCy)."""
    path = str(tmp_path_factory.mktemp("sample") / "events.sqlite")
    assert main(["ingest", SAMPLE, "--db", path]) == 0
    return path


@pytest.mark.slow
def test_sample_corpus_is_stored_with_its_metadata(sample_db):
    with store.open(sample_db) as st:
        stats = st.stats()
        frame = st.events_frame()
        sputnik = st.article(frame.loc[frame.source == "Sputnik Afrique", "article_id"].iloc[0])
    assert stats["articles"] == 5
    assert stats["events"] >= 5
    assert set(frame.published.dropna()) <= {"2017-11-14", "2017-11-15", "2020-04-14",
                                             "2025-10-22"}
    assert sputnik.title.startswith("Moscou dénonce")
    assert all(len(sources) >= 1 for sources in frame.sources)


@pytest.mark.slow
def test_re_ingesting_the_sample_adds_nothing(sample_db, capsys):
    with store.open(sample_db) as st:
        before = st.events_frame()
    assert main(["ingest", SAMPLE, "--db", sample_db]) == 0
    assert "5 already stored" in capsys.readouterr().out
    with store.open(sample_db) as st:
        assert st.events_frame().equals(before)


@pytest.mark.slow
def test_sample_exports_as_geojson_in_syria(sample_db, capsys):
    capsys.readouterr()
    assert main(["export", "--format", "geojson", "--db", sample_db,
                 "--bbox", "35.5,32.3,42.4,37.4"]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    assert features
    assert all(35.5 <= f["geometry"]["coordinates"][0] <= 42.4 for f in features)
