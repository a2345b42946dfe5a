"""events.pipeline.ingest: files in, events stored once, a report of what happened."""

from __future__ import annotations

import json

import pytest

from events import store
from events.pipeline import ingest

RAQQA = "De violents affrontements ont opposé les FDS à Daech près de Raqqa. Le bilan est lourd."
RAQQA_AGAIN = "Selon l'OSDH, des affrontements entre FDS et Daech à Raqqa ont fait des morts."
ALEP = "Des affrontements ont opposé l'armée syrienne aux rebelles à Alep."


def write_batch(folder):
    folder.mkdir()
    (folder / "a.txt").write_text(RAQQA, encoding="utf-8")
    (folder / "b.txt").write_text(RAQQA_AGAIN, encoding="utf-8")
    (folder / "c.txt").write_text(ALEP, encoding="utf-8")
    rows = [{"file": f"{name}.txt", "published": "2017-11-14"} for name in "abc"]
    (folder / "metadata.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    return folder


def test_ingest_stores_events_once_and_reruns_add_nothing(tmp_path, keyword_extractor):
    batch = write_batch(tmp_path / "in")
    with store.open(tmp_path / "s.sqlite") as st:
        first = ingest([batch], st, extractor=keyword_extractor)
        frame = st.events_frame()
        again = ingest([batch], st, extractor=keyword_extractor)
        assert st.events_frame().equals(frame)
    assert (first.articles_read, first.articles_new, first.events_added,
            first.events_merged) == (3, 3, 2, 1)
    assert first.exit_code == 0
    raqqa = frame.set_index("location").loc["Raqqa"]
    assert len(raqqa.sources) == 2 and raqqa.event_date == "2017-11-14"
    assert (again.articles_read, again.articles_skipped, again.events_added) == (3, 3, 0)


def test_bad_inputs_are_reported_and_the_rest_goes_through(tmp_path, keyword_extractor):
    good = tmp_path / "good.txt"
    good.write_text(RAQQA, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with store.open(tmp_path / "s.sqlite") as st:
        report = ingest([good, empty, tmp_path / "nope"], st, published="2019-01-02",
                        extractor=keyword_extractor)
        assert st.stats()["events"] == 1
        assert st.events_frame().event_date.tolist() == ["2019-01-02"]
    assert [e.where for e in report.errors] == [str(empty), str(tmp_path / "nope")]
    assert report.exit_code == 1
    with store.open(tmp_path / "t.sqlite") as st:
        assert ingest([empty], st, extractor=keyword_extractor).exit_code == 2


def test_an_article_that_breaks_extraction_is_one_error(tmp_path, keyword_extractor):
    (tmp_path / "a.txt").write_text(RAQQA, encoding="utf-8")
    (tmp_path / "poison.txt").write_text("POISON " + ALEP, encoding="utf-8")

    def fragile(articles):
        if any("POISON" in a.text for a in articles):
            raise ValueError("cannot parse")
        return keyword_extractor(articles)

    with store.open(tmp_path / "s.sqlite") as st:
        report = ingest([tmp_path], st, extractor=fragile)
        assert st.stats()["articles"] == 1
    assert [(e.where, e.reason) for e in report.errors] == [
        (str(tmp_path / "poison.txt"), "extraction failed (cannot parse)")
    ]


def test_an_interrupted_ingest_keeps_what_it_committed(tmp_path, keyword_extractor, monkeypatch):
    batch = write_batch(tmp_path / "in")
    monkeypatch.setattr("events.pipeline.BATCH_SIZE", 1)
    seen = []

    def interrupted_on_third(articles):
        seen.extend(articles)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return keyword_extractor(articles)

    with store.open(tmp_path / "s.sqlite") as st:
        with pytest.raises(KeyboardInterrupt):
            ingest([batch], st, extractor=interrupted_on_third)
        assert st.stats()["articles"] == 2
        resumed = ingest([batch], st, extractor=keyword_extractor)
        assert (resumed.articles_skipped, resumed.articles_new) == (2, 1)
        assert st.stats()["articles"] == 3
