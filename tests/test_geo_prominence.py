"""Well-known places against small namesakes: a story set in one country still means the world's
Moscow, China or Port of Spain when it names them, and a country written with "and" is one name."""

from __future__ import annotations

import pytest

from geo import Context, geoparse, resolve

TEXAS_STORY = "Officials in Austin, Texas said on Monday that {name} mattered to local farmers."


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [("Moscow", "RU", "city"), ("China", "CN", "country"), ("Damascus", "SY", "city"),
     ("Lebanon", "LB", "country"), ("Berlin", "DE", "city")],
)
def test_world_place_beats_small_namesake_in_the_story_country(name, country, feature):
    text = TEXAS_STORY.format(name=name)
    res = resolve(name, Context(text=text, countries=("US",), lang="en"))
    assert (res.country, res.feature) == (country, feature), res.reason


def test_given_country_focus_still_keeps_a_name_alone_inside_it():
    """geocode --country US: the caller asks for the American Moscow."""
    res = resolve("Moscow", Context(countries=("US",)))
    assert res.country == "US"


def test_foreign_capital_is_admissible_however_small():
    mentions = geoparse("Officials from Damascus and Aleppo flew to Valletta on Monday.", "en")
    valletta = next(m for m in mentions if m.text == "Valletta")
    assert valletta.resolution.country == "MT"
    assert abs(valletta.resolution.latitude - 35.9) < 0.1


def test_country_name_with_and_is_one_mention():
    mentions = geoparse("Trinidad and Tobago beat South Africa in Port of Spain.", "en")
    by_text = {m.text: m.resolution for m in mentions}
    assert by_text["Trinidad and Tobago"].country == "TT"
    assert by_text["Port of Spain"].country == "TT"
    assert "Trinidad" not in by_text and "Tobago" not in by_text


def test_a_wide_state_named_nearby_does_not_pull_a_city_to_a_small_namesake():
    # Texas is too wide to tell Portland, Texas (400 km from its middle) from Portland, Oregon.
    texas = resolve("Texas", Context(countries=("US",)))
    res = resolve("Portland", Context(text="Portland lost in Texas.", countries=("US",),
                                      lang="en", nearby=(texas,)))
    assert res.admin1 == "Oregon"


def test_a_syrian_governorate_named_nearby_still_places_its_village():
    governorate = resolve("Idlib Governorate", Context(countries=("SY",)))
    res = resolve("Kafr Nabl", Context(text="Shelling hit Kafr Nabl in Idlib Governorate.",
                                       countries=("SY",), lang="en", nearby=(governorate,)))
    assert res.admin1 == governorate.name and "inside" in res.reason
