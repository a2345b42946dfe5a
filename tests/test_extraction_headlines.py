"""English conflict headlines (SOHR and Airwars style): type, actors, place and date."""

from __future__ import annotations

from events import extract


def _events(text: str, published: str = "2017-03-10"):
    return extract(text, published=published, lang="en")


def test_touching_cues_are_one_trigger_with_the_place_after_them():
    events = _events(
        "Two men killed by shelling on Nawa and in a landmine explosion in Tasil, Daraa countryside"
    )
    mines = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert [e.location for e in mines] == ["Tasīl"]


def test_airwars_incident_line_is_a_coalition_air_strike():
    (event,) = _events("March 3rd 2017: (S470) Raqqa governorate, Syria")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Coalition: Global Coalition Against Daesh"
    assert (event.event_date, event.location) == ("2017-03-03", "Raqqa")


def test_a_bracketed_acronym_is_not_an_incident_reference():
    assert _events("A statement by the observatory (SOHR) on Raqqa governorate") == []
