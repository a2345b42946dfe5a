"""English place-name detection: capital abbreviations, leading function words, and names that
hold a false friend inside them."""

from __future__ import annotations

from geo import geoparse


def _mentions(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.resolution.country, m.resolution.feature) for m in geoparse(text, "en")}


def test_us_before_a_noun_is_the_country_not_the_pronoun():
    found = _mentions("The soldier had been embedded with US Special Forces in Manbij.")
    assert found.get("US") == ("US", "country")
    assert _mentions("Let us go, and tell us more about it.") == {}


def test_a_sentence_opening_preposition_is_not_part_of_the_name():
    found = _mentions("7:50 p.m. In Washington, some of the diplomats packed their bags.")
    assert "Washington" in found and "In Washington" not in found
    assert found["Washington"][0] == "US"


def test_a_false_friend_inside_a_longer_known_name_does_not_block_it():
    found = _mentions("A former governor of Enugu State whose property was seized spoke.")
    assert found.get("Enugu State", (None,))[0] == "NG"
    assert _mentions("The Islamic State attacked the convoy at dawn.") == {}


def test_state_abbreviation_after_a_place_is_the_state():
    mentions = {m.text: m for m in geoparse("Officials in Richmond, Va. said a fire broke out "
                                            "in Trenton, N.J., and in Vancouver, BC.", "en")}
    for code, state, iso2 in (("Va.", "Virginia", "US"), ("N.J.", "New Jersey", "US"),
                              ("BC", "British Columbia", "CA")):
        assert mentions[code].kind == "abbreviation"
        assert (mentions[code].resolution.name, mentions[code].resolution.country) == (state, iso2)
    assert mentions["Vancouver"].resolution.country == "CA"


def test_state_code_outside_an_address_is_not_a_place():
    assert _mentions("The PA said the CA team would meet on Monday.") == {}


def test_a_persons_surname_is_not_a_place_elsewhere_in_the_text():
    text = ("President Muhammadu Buhari met party leaders in Abuja on Monday. Later, Buhari "
            "said the talks had gone well.")
    assert "Buhari" not in _mentions(text)
    assert _mentions(text).get("Abuja", (None,))[0] == "NG"


def test_a_large_city_ner_calls_a_person_is_the_city():
    found = _mentions("The closure will affect people travelling to Cirencester from Gloucester "
                      "and Cheltenham, potentially doubling journey times.")
    assert found.get("Cheltenham", (None,))[0] == "GB"


def test_a_large_citys_name_that_is_a_persons_surname_here_is_the_person():
    text = "Abraham Lincoln spoke at length. Later Lincoln said the war was over."
    assert [m.text for m in geoparse(text, "en")] == []


def test_a_large_city_ner_calls_a_nationality_is_the_city():
    found = _mentions("Algeria has a central role in the region. In a visit to Tunis on 1 "
                      "February Macron criticised NATO.")
    assert found.get("Tunis", (None,))[0] == "TN"


def test_a_town_ner_calls_a_person_is_a_place_where_people_travel_to():
    found = _mentions("The 11-mile road closure will affect people travelling to Cirencester "
                      "from Gloucester and Cheltenham.")
    assert found.get("Cirencester") == ("GB", "town")


def test_a_name_after_to_alone_is_not_taken_for_a_destination():
    assert "Thornhill" not in _mentions("He spoke to Thornhill about the plan on Monday.")


def test_a_title_before_a_name_is_no_place():
    mentions = geoparse("President Trump met Secretary Pompeo and Sen. Kelly in Ohio. "
                        "Mr Putin and Pope Francis spoke.", "en")
    assert [m.text for m in mentions] == ["Ohio"]
