"""English conflict headlines (SOHR and Airwars style): type, actors, place and date."""

from __future__ import annotations

from events import extract
from events.extraction.mentions import mentions_of
from events.extraction.pipeline import get_pipeline
from geo.model import Resolution


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


def test_an_actor_modifying_the_trigger_acts():
    (event, *_) = _events("Eight people were killed in an Isis attack on the town of Manbij")
    assert event.actor1 == "Islamic State"
    assert event.actor2 == "Civilians (Syria)"


def test_shelling_by_the_regime_forces_names_its_agent():
    (event,) = _events("Shelling by the regime forces kills 3 displaced people in Kafr Nabl")
    assert event.actor1 == "Military Forces of Syria"
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_a_man_blowing_himself_up_is_a_suicide_bomb():
    (event,) = _events("An ISIS member blows himself up with an explosive belt in Azaz")
    assert event.sub_event_type == "Suicide bomb"
    assert (event.actor1, event.location) == ("Islamic State", "Azaz")


def test_a_targeting_verb_names_the_target_of_another_cue():
    events = _events("An assassination attempt targets a commander in Al-Sanamayn, Daraa")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_targeting_verb_alone_is_a_remote_attack():
    (event,) = _events("Casualties in targeting Jaramana in the outskirts of Damascus")
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_an_agent_after_an_article_acts():
    (event,) = _events("Shelling on Azaz city by the SDF leaves casualties")
    assert event.actor1 == "SDF: Syrian Democratic Forces"
    assert event.actor2 is None


def _placed(doc, text: str, country: str, relation: str | None = None, feature: str = "town"):
    """A place span of doc resolved by hand, so the test does not depend on the gazetteer."""
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    span._.resolution = Resolution(
        text,
        place_id=text,
        name=text,
        latitude=1.0,
        longitude=1.0,
        country=country,
        feature=feature,
        geo_precision=1,
        confidence=0.9,
    )
    span._.relation = relation
    return span


def test_a_namesake_abroad_loses_to_a_place_in_the_document_country():
    doc = get_pipeline("en")("Regime warplanes strike Mountain positions near Zabadani, Syria")
    doc.spans["places"] = [
        _placed(doc, "Mountain", "GB"),
        _placed(doc, "Zabadani", "SY", relation="near"),
        _placed(doc, "Syria", "SY", feature="country"),
    ]
    assert [m.place.span.text for m in mentions_of(doc, None)][:1] == ["Zabadani"]


def test_a_place_name_starting_an_organisation_name_is_not_the_place():
    doc = get_pipeline("en")("Gunmen assassinate an official of the Baath Party in Jasim town")
    doc.spans["places"] = [_placed(doc, "Baath", "SY"), _placed(doc, "Jasim", "SY")]
    assert [m.place.span.text for m in mentions_of(doc, None)] == ["Jasim"]


def test_the_governorate_written_after_a_place_overrules_a_namesake_elsewhere():
    doc = get_pipeline("en")("Warplanes strike Tishreen farm, Raqqa governorate, Syria")
    tishreen = _placed(doc, "Tishreen", "SY")
    tishreen._.resolution.admin1 = "Deir ez-Zor"
    doc.spans["places"] = [
        tishreen,
        _placed(doc, "Raqqa", "SY", feature="governorate"),
        _placed(doc, "Syria", "SY", feature="country"),
    ]
    assert [m.place.span.text for m in mentions_of(doc, None)][:1] == ["Raqqa"]


def test_an_implied_actor_is_not_also_the_target():
    for event in _events("Warplanes and helicopters raid several areas in the countryside of Hama"):
        assert event.actor1 != event.actor2 or event.actor1 is None


def test_the_first_of_two_joined_actors_acts_with_the_second():
    (event,) = _events(
        "Regime forces and loyal militiamen shell Kafr Nabl in the countryside of Idlib"
    )
    assert event.actor1 == "Military Forces of Syria"
    assert event.assoc_actor_1 == "Militia (Pro-Government)"


def test_listed_victims_are_never_the_actor():
    for event in _events("Five casualties, children and women, in airstrikes on Saqba and Douma"):
        assert event.actor1 != "Civilians (Syria)"
        assert event.actor2 == "Civilians (Syria)"


def test_a_place_resolved_abroad_loses_to_the_city_written_as_its_container():
    doc = get_pipeline("en")("Aerial bombardment kills 10 in Bab Neirab neighborhood, Aleppo")
    doc.spans["places"] = [_placed(doc, "Bab Neirab", "ES"), _placed(doc, "Aleppo", "SY")]
    assert [m.place.span.text for m in mentions_of(doc, None)] == ["Aleppo"]


def test_a_direction_from_a_city_is_not_a_container():
    doc = get_pipeline("en")("Clashes in Jarabulus city northeast of Aleppo")
    doc.spans["places"] = [_placed(doc, "Jarabulus", "TR"), _placed(doc, "Aleppo", "SY")]
    assert [m.place.span.text for m in mentions_of(doc, None)] == ["Jarabulus"]


def test_sniper_fire_on_a_civilian_is_an_attack():
    events = _events(
        "A civilian dies by snipers of the regime forces in Darayya, Damascus countryside"
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Military Forces of Syria", "Civilians (Syria)")
    ]


def test_turkish_shells_are_fired_by_the_turkish_army():
    (event,) = _events("Turkish shells target the countryside of Aleppo")
    assert event.actor1 == "Military Forces of Turkey"
