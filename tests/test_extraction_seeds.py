"""Events of the bundled seed articles, as an analyst would check them (spaCy + gazetteer)."""

from __future__ import annotations

from geopy.distance import great_circle

ABU_KAMAL = (34.4536, 40.9367)
HASAKAH = (36.5024, 40.7477)
TAL_TAMR = (36.6556, 40.3708)
MOSCOW = (55.75, 37.62)
PARIS = (48.85, 2.35)


def _find(events, event_type=None, sub_event_type=None, actor=None):
    return [
        e
        for e in events
        if (event_type is None or e.event_type == event_type)
        and (sub_event_type is None or e.sub_event_type == sub_event_type)
        and (actor is None or actor in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2))
    ]


def _km(event, point):
    return great_circle((event.latitude, event.longitude), point).km


def test_sdf_downing_isis_drones_near_raqqa_is_undated(seed_events):
    (event,) = _find(
        seed_events["0e94f913e2e749a1.txt"], "Strategic developments", "Disrupted weapons use"
    )
    assert (event.actor1, event.actor2) == ("SDF: Syrian Democratic Forces", "Islamic State")
    assert event.event_date is None and event.time_precision is None
    assert "abattu deux drones" in event.notes


def test_russian_air_strikes_on_isis_near_abu_kamal(seed_events):
    for name, day in (("cf6bfb46e9628c8d.txt", "2017-11-15"), ("cfa563b15047df66.txt", None)):
        strikes = _find(
            seed_events[name],
            "Explosions/Remote violence",
            "Air/drone strike",
            "Military Forces of Russia",
        )
        assert strikes, name
        first = strikes[0]
        assert first.actor1 == "Military Forces of Russia" and first.actor2 == "Islamic State"
        assert _km(first, ABU_KAMAL) < 15
        assert first.event_date.startswith("2017-11")
        if day:
            assert (first.event_date, first.time_precision) == (day, 1)


def test_isis_convoys_leaving_abu_kamal_are_a_change_of_activity(seed_events):
    moves = _find(
        seed_events["cfa563b15047df66.txt"],
        "Strategic developments",
        "Change to group/activity",
        "Islamic State",
    )
    assert moves and moves[0].event_date.startswith("2017-11")


def test_regime_isis_clashes_at_sukhnah_with_29_dead(seed_events):
    clashes = _find(seed_events["f549ceba8815f688.txt"], "Battles", "Armed clash")
    (deadly,) = [e for e in clashes if e.fatalities is not None]
    assert deadly.fatalities == 29
    assert {deadly.actor1, deadly.actor2} == {"Military Forces of Syria", "Islamic State"}
    assert deadly.admin1 and "Homs" in deadly.admin1
    assert "Sukhnah" in deadly.notes


def test_russian_military_police_patrol_near_hasakah_on_13_april(seed_events):
    patrols = _find(
        seed_events["f549ceba8815f688.txt"],
        "Strategic developments",
        "Change to group/activity",
        "Police Forces of Russia (Military Police)",
    )
    dated = [e for e in patrols if e.event_date == "2020-04-13"]
    assert dated and dated[0].time_precision == 1
    assert _km(dated[0], HASAKAH) < 60
    assert dated[0].geo_precision in (2, 3)


def test_russian_reinforcements_near_tal_tamr_on_13_april(seed_events):
    moves = _find(
        seed_events["f549ceba8815f688.txt"],
        "Strategic developments",
        actor="Military Forces of Russia",
    )
    near = [e for e in moves if e.latitude is not None and _km(e, TAL_TAMR) < 10]
    assert near and near[0].event_date == "2020-04-13" and near[0].geo_precision == 2


def test_government_offensive_on_the_jihadist_camp(seed_events):
    (offensive, *_) = _find(
        seed_events["1faeba03072df517.txt"], "Battles", actor="Military Forces of Syria"
    )
    assert offensive.actor1 == "Military Forces of Syria"
    assert offensive.event_date == "2025-10-22"
    assert "Idlib" in offensive.location and offensive.geo_precision == 3
    assert "offensive" in offensive.notes


def test_speaker_cities_are_not_event_places(seed_events):
    for events in seed_events.values():
        for event in events:
            if event.latitude is not None:
                assert _km(event, MOSCOW) > 100 and _km(event, PARIS) > 100, event.notes


def test_refused_strikes_are_not_events(seed_events):
    for event in seed_events["cf6bfb46e9628c8d.txt"]:
        assert "refusé de bombarder" not in event.notes


def test_event_ids_are_stable(seed_articles, seed_events):
    from events import extract

    text, meta = seed_articles["f549ceba8815f688.txt"]
    again = extract(text, published=meta["published"], article_id="f549ceba8815f688.txt")
    assert [e.event_id for e in again] == [e.event_id for e in seed_events["f549ceba8815f688.txt"]]
    assert len({e.event_id for e in again}) == len(again)
