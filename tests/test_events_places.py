"""The place of an extracted event: the document's actors say the country a headline never names."""

from __future__ import annotations

from events import extract


def _located(text: str):
    return [e for e in extract(text, published="2017-03-10", lang="en") if e.latitude is not None]


def test_the_actors_country_wins_over_a_namesake_abroad():
    (event, *_) = _located("SDF fighters and ISIS members clash in Hajin town, leaving 12 dead")
    assert (event.country, event.admin1) == ("SY", "Deir ez-Zor")


def test_a_well_known_city_abroad_stays_abroad_in_a_syrian_headline():
    events = _located("Regime forces shell Daraa. A car bomb kills 5 people in Istanbul")
    assert {(e.location, e.country) for e in events} >= {("Daraa", "SY"), ("Istanbul", "TR")}


def test_a_village_in_a_named_countryside_is_the_events_place():
    (event, *_) = _located(
        "Rocket shelling by the regime forces targets Zammar village in the southern "
        "countryside of Aleppo leaving 7 casualties"
    )
    assert (event.location, event.admin1, event.geo_precision) == ("Zammar", "Aleppo", 1)


def test_foreign_forces_do_not_move_a_village_to_their_country():
    (event, *_) = _located(
        "Russian warplanes conducted several airstrikes over Tarmala village, killing 3 civilians"
    )
    assert (event.country, event.admin1) == ("SY", "Idlib")



def test_a_world_region_is_broader_than_the_country_the_event_is_in():
    (event, *_) = _located("An air strike in the Levant killed 4 civilians in Syria on Monday")
    assert (event.location, event.country, event.geo_precision) == ("Syria", "SY", 3)
