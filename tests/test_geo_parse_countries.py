"""Countries in English text: adjectives ("Russian troops") as place mentions of their own kind,
and countries placed at the point gazetteers use for the whole country, not at the capital."""

from __future__ import annotations

import json

import pytest

from events import extract
from geo import geoparse
from geo.distance import haversine_km

# GeoNames' points for whole countries (what GeoWebNews-style gold data uses).
GEONAMES_POINTS = {"RU": (60.0, 100.0), "US": (39.76, -98.5), "CN": (35.0, 105.0),
                   "SY": (35.0, 38.0), "MX": (23.0, -102.0)}


def _within(res, point, km=161) -> bool:
    return res.resolved and haversine_km(res.latitude, res.longitude, *point) <= km


@pytest.fixture(scope="session")
def russian_text_mentions():
    return geoparse("Russian troops crossed the border on Monday, and American and Chinese "
                    "diplomats met in Geneva. Russians protested.", "en")


def test_country_adjective_is_a_mention_of_its_country(russian_text_mentions):
    adjectives = {m.text: m for m in russian_text_mentions if m.kind == "adjective"}
    assert set(adjectives) == {"Russian", "American", "Chinese"}
    for text, iso2 in (("Russian", "RU"), ("American", "US"), ("Chinese", "CN")):
        res = adjectives[text].resolution
        assert res.country == iso2 and res.feature == "country"
        assert _within(res, GEONAMES_POINTS[iso2]), res


def test_plural_demonym_names_people_not_a_place(russian_text_mentions):
    assert "Russians" not in {m.text for m in russian_text_mentions}


def test_place_names_keep_their_kind_and_win_over_adjectives(russian_text_mentions):
    names = [m for m in russian_text_mentions if m.kind == "name"]
    assert [m.text for m in names] == ["Geneva"]
    line = json.loads(json.dumps(names[0].to_dict()))
    assert line["kind"] == "name" and line["country"] == "CH"
    ocean = geoparse("Ships sailed across the Indian Ocean.", "en")
    assert all(m.kind == "name" for m in ocean)
    assert [m.text for m in ocean if m.text.startswith("Indian")] == ["Indian Ocean"]


def test_continent_adjective_is_the_continent():
    mentions = geoparse("The European summit opened in Brussels.", "en")
    european = [m for m in mentions if m.text == "European"]
    assert european and european[0].kind == "adjective"
    assert european[0].resolution.feature == "continent"
    assert european[0].resolution.name == "Europe"


def test_french_adjectives_are_not_place_mentions():
    mentions = geoparse("Les troupes russes sont entrées à Alep lundi.", "fr")
    assert "russes" not in {m.text for m in mentions}
    assert all(m.kind == "name" for m in mentions)


@pytest.mark.parametrize(("name", "iso2"), [("Russia", "RU"), ("the United States", "US"),
                                            ("China", "CN"), ("Syria", "SY"), ("Mexico", "MX")])
def test_country_named_alone_is_placed_at_the_whole_country_point(name, iso2):
    mentions = geoparse(f"Officials in {name} said nothing more on Tuesday.", "en")
    countries = [m for m in mentions if m.resolution.feature == "country"]
    assert countries, [m.to_dict() for m in mentions]
    assert countries[0].resolution.country == iso2
    assert _within(countries[0].resolution, GEONAMES_POINTS[iso2]), countries[0].resolution


def test_an_event_is_never_placed_at_a_country_adjective():
    events = extract("Russian airstrikes killed five civilians in Idlib on Monday.",
                     published="2019-05-06", lang="en")
    assert events, "the strike is an event"
    assert all(e.location_text != "Russian" for e in events)
    assert any(e.location_text == "Idlib" for e in events)


def test_union_abbreviation_refers_to_its_continent_and_institutions_are_no_places():
    mentions = {m.text: m for m in geoparse(
        "EU leaders met the Canadian minister at the White House on Friday.", "en")}
    assert mentions["EU"].kind == "abbreviation"
    assert mentions["EU"].resolution.name == "Europe"
    assert mentions["Canadian"].kind == "adjective"
    assert mentions["Canadian"].resolution.country == "CA"  # not a village called Canadian
    assert "White House" not in mentions
