"""World regions, oceans and seas, other country names and US counties: what a user sees when
a text names something larger than a town or a country under another name."""

from geo import geoparse, resolve
from geo.distance import haversine_km
from geo.model import REGION, Context


def _mention(text: str, written: str):
    return next(m for m in geoparse(text, "en") if m.text == written)


def _point(res):
    return res.latitude, res.longitude


def test_a_world_region_is_placed_among_its_countries_not_at_a_namesake_village():
    res = resolve("Middle East")
    assert res.feature == "region" and res.geo_precision == REGION
    assert res.country is None and res.place_id.startswith("region:")
    assert 20 < res.latitude < 38 and 30 < res.longitude < 55


def test_oceans_and_seas_resolve_as_water_bodies():
    assert resolve("Atlantic Ocean").feature == "ocean"
    assert resolve("Mediterranean").feature == "sea"
    assert haversine_km(*_point(resolve("Indian Ocean")), -10.0, 70.0) < 1000


def test_a_region_named_in_several_words_keeps_the_country_named_inside_it():
    text = "Militants attacked oil installations in the Niger Delta and ships in the Indian Ocean."
    delta = _mention(text, "Niger Delta")
    assert delta.resolution.name == "Niger Delta" and delta.resolution.country is None
    assert _mention(text, "Indian Ocean").resolution.feature == "ocean"


def test_a_regional_adjective_refers_to_the_region():
    mention = _mention("Latin American leaders met on Monday.", "Latin American")
    assert mention.kind == "adjective"
    assert mention.resolution.name == "Latin America"


def test_the_gulf_is_read_from_the_countries_of_the_document():
    text = "Iranian forces seized a tanker in the Gulf on Friday."
    assert _mention(text, "Gulf").resolution.name == "Persian Gulf"
    assert resolve("Gulf").name != "Persian Gulf"  # alone, the name says no gulf in particular


def test_a_town_the_text_places_locally_beats_the_ocean_of_its_name():
    mention = _mention("He drove from Des Moines to Atlantic, Iowa, on Sunday.", "Atlantic")
    assert mention.resolution.feature != "ocean"
    assert mention.resolution.admin1 == "Iowa"


def test_arabic_place_names_are_not_read_as_world_regions():
    syria = Context(countries=("SY",))
    assert resolve("Al Sahel", syria).feature != "region"
    assert resolve("Maan", syria).country != "IM"


def test_long_and_other_names_of_countries():
    assert resolve("Republic of Armenia").country == "AM"
    assert resolve("Holy See").country == "VA"
    assert resolve("America").country == "US"
    assert resolve("Democratic People's Republic of Korea").country == "KP"


def test_a_us_county_goes_to_the_state_the_document_is_about():
    text = "Police in Suffolk County said the suspect fled from Brentwood, New York."
    county = _mention(text, "Suffolk County").resolution
    assert county.admin1 == "New York" and county.feature == "county"
    assert haversine_km(county.latitude, county.longitude, 40.9, -72.7) < 50


def test_a_county_named_with_a_possessive_is_still_the_county():
    res = _mention("Orange County’s residents voted on Tuesday.", "Orange County’s").resolution
    assert res.feature == "county" and res.admin1 == "California"


def test_an_old_name_of_a_world_city_is_the_town_that_bears_it():
    assert resolve("Salisbury").country == "GB"


def test_french_seas_and_regions_keep_their_common_noun():
    text = ("Au Moyen-Orient, la tension monte en mer Rouge et dans le golfe Persique, tandis "
            "que l'Afrique du Nord reste calme.")
    found = {m.text: m.resolution for m in geoparse(text, lang="fr")}
    assert {name: res.name for name, res in found.items()} == {
        "Moyen-Orient": "Middle East", "mer Rouge": "Red Sea", "golfe Persique": "Persian Gulf",
        "Afrique du Nord": "Northern Africa"}
    assert all(res.geo_precision == REGION and not res.country for res in found.values())
