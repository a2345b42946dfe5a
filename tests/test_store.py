"""The SQLite store: round trip, idempotence, cross-article merge, transactions, locations."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from events import dedup, store
from events.model import EVENT_FIELDS, Article, Event


def article(name: str, published: str | None = "2017-11-14") -> Article:
    return Article(text=f"text of {name}", article_id=name, title=f"Title {name}",
                   published=published, source="AFP", url=f"https://example.org/{name}")


def clash(event_id: str, article_id: str, **changes) -> Event:
    base = Event(
        event_id=event_id, event_type="Battles", sub_event_type="Armed clash",
        event_date="2017-11-14", time_precision=1, actor1="SDF", actor2="ISIS",
        location="Ghanem al-Ali", latitude=35.9, longitude=39.4, geo_precision=1,
        geo_confidence=0.9, country="Syria", iso3="SYR", notes="Les FDS ont abattu des drones.",
        article_id=article_id, place_candidates=[{"name": "Ghanim al Ali", "score": 0.4}],
    )
    return replace(base, **changes)


def test_events_come_back_as_a_frame_with_every_field(tmp_path):
    with store.open(tmp_path / "events.sqlite") as st:
        result = st.add_article(article("a1"), [clash("e1", "a1", fatalities=3)])
        frame = st.events_frame()
    assert (result.new, result.events_added) == (True, 1)
    assert tuple(frame.columns) == EVENT_FIELDS
    row = frame.iloc[0]
    assert (row.actor1, row.actor2, row.event_date, row.fatalities) == ("SDF", "ISIS",
                                                                      "2017-11-14", 3)
    assert (row.latitude, row.longitude) == (35.9, 39.4)
    assert row.sources == ["a1"]
    assert row.place_candidates == [{"name": "Ghanim al Ali", "score": 0.4}]


def test_store_survives_reopening_and_serves_articles(tmp_path):
    path = tmp_path / "events.sqlite"
    with store.open(path) as st:
        st.add_article(article("a1"), [clash("e1", "a1")])
    with store.open(f"sqlite:///{path}") as st:
        assert st.has_article("a1") and not st.has_article("zz")
        assert st.article("a1").title == "Title a1"
        assert st.article("a1").url == "https://example.org/a1"
        assert st.article("zz") is None
        assert st.stats() == {"articles": 1, "events": 1, "undated_events": 0,
                              "unresolved_places": 0}
        version = st._conn.execute("SELECT version FROM schema_version").fetchone()[0]
        journal = st._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert (version, journal) == (1, "wal")


def test_re_adding_an_article_changes_nothing(tmp_path):
    with store.open(tmp_path / "s.sqlite") as st:
        st.add_article(article("a1"), [clash("e1", "a1")])
        before = st.events_frame()
        again = st.add_article(article("a1"), [clash("e1", "a1"), clash("e2", "a1")])
        assert (again.new, again.events_added, again.events_merged) == (False, 0, 0)
        assert st.events_frame().equals(before)


def test_the_same_event_from_another_article_is_stored_once_with_both_sources(tmp_path):
    with store.open(tmp_path / "s.sqlite") as st:
        st.add_article(article("a1"), [clash("e1", "a1")])
        second = st.add_article(article("a2"), [
            clash("e2", "a2", event_date="2017-11-15", latitude=35.95, longitude=39.45,
                  actor1="ISIS", actor2=None, fatalities=4),
        ])
        frame = st.events_frame()
    assert (second.events_added, second.events_merged) == (0, 1)
    assert len(frame) == 1
    assert frame.iloc[0].sources == ["a1", "a2"]
    assert frame.iloc[0].fatalities == 4  # the toll the first report lacked
    assert frame.iloc[0].actor1 == "SDF"  # roles stay the first report's


@pytest.mark.parametrize("changes", [
    {"latitude": 36.1},  # about 22 km north
    {"event_date": "2017-11-16"},  # two days later
    {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
    {"actor1": "Military Forces of Syria", "actor2": None},  # no actor in common
    {"event_date": None},  # undated: no evidence it is the same event
    {"latitude": None, "longitude": None},
])
def test_different_events_are_not_merged(tmp_path, changes):
    with store.open(tmp_path / "s.sqlite") as st:
        st.add_article(article("a1"), [clash("e1", "a1")])
        result = st.add_article(article("a2"), [clash("e2", "a2", **changes)])
        assert (result.events_added, result.events_merged) == (1, 0)
        assert len(st.events_frame()) == 2


def test_a_failing_article_leaves_nothing_half_written(tmp_path):
    with store.open(tmp_path / "s.sqlite") as st:
        st.add_article(article("a1"), [clash("e1", "a1")])
        broken = clash("e3", "a2", event_type=None)  # violates the schema mid-article
        with pytest.raises(sqlite3.IntegrityError):
            st.add_article(article("a2"), [clash("e2", "a2", latitude=30.0), broken])
        assert not st.has_article("a2")
        assert list(st.events_frame().event_id) == ["e1"]
        assert st.add_article(article("a2"), [clash("e2", "a2", latitude=30.0)]).new


def test_default_store_lives_in_the_data_directory(isolated_data_dir):
    with store.open() as st:
        st.add_article(article("a1"), [])
    assert (isolated_data_dir / "events.sqlite").exists()


def test_unusable_stores_are_clear_errors(tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello " * 1000, encoding="utf-8")
    with pytest.raises(store.StoreError, match="not an eventmap store"):
        store.open(not_a_db)
    with pytest.raises(store.StoreError, match="unsupported store URL"):
        store.open("mysql://host/db")


def test_merge_events_groups_reports_of_one_event():
    merged = dedup.merge_events([
        clash("e1", "a1"),
        clash("e2", "a2", longitude=39.41),
        clash("e3", "a3", latitude=37.0),
    ])
    assert [(e.event_id, e.sources) for e in merged] == [("e1", ["a1", "a2"]), ("e3", ["a3"])]


def test_the_frame_follows_writes_from_any_connection(tmp_path):
    path = tmp_path / "s.sqlite"
    with store.open(path) as reader, store.open(path) as writer:
        reader.add_article(article("a1"), [clash("e1", "a1")])
        first = reader.events_frame()
        first.loc[0, "actor1"] = "edited by the caller"
        assert reader.events_frame().loc[0, "actor1"] == "SDF"
        writer.add_article(article("a2"), [clash("e2", "a2", latitude=30.0)])
        assert list(reader.events_frame().event_id) == ["e1", "e2"]
        reader.add_article(article("a3"), [clash("e3", "a3", latitude=31.0)])
        assert len(reader.events_frame()) == 3


def test_a_store_from_before_a_new_event_field_opens_and_keeps_its_events(tmp_path):
    path = tmp_path / "old.sqlite"
    with store.open(path) as st:
        st.add_article(article("a1"), [clash("e1", "a1", fatalities=7)])
    with sqlite3.connect(path) as conn:  # as written by a version without `fatalities`
        conn.execute("ALTER TABLE events DROP COLUMN fatalities")
    with store.open(path) as st:
        frame = st.events_frame()
        assert tuple(frame.columns) == EVENT_FIELDS
        assert frame.iloc[0].actor1 == "SDF" and frame.fatalities.isna().all()
        st.add_article(article("a2"), [clash("e2", "a2", latitude=30.0, fatalities=2)])
        assert st.events_frame().set_index("event_id").loc["e2", "fatalities"] == 2
