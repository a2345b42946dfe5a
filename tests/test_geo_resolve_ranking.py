"""geo.resolve ranking of isolated names: namesakes, country focus, near spellings, facilities."""

from __future__ import annotations

import pytest

from geo import Context, Resolution, resolve
from geo.distance import haversine_km
from geo.resolver import considered, facility_core

SYRIA = Context(countries=("SY",))
HAMA = (35.1318, 36.7578)
ABU_AL_DUHUR = (35.7369, 37.0481)  # the Idlib town (UCDP GED point), not its Raqqa namesake
AL_FUAH = (35.9829, 36.7022)


def km(res: Resolution, point: tuple[float, float]) -> float:
    assert res.resolved, res.reason
    return haversine_km(res.latitude, res.longitude, *point)


def test_a_facility_is_placed_at_the_town_it_is_named_after_with_precision_2():
    res = resolve("Hama Military Airport", SYRIA)
    assert km(res, HAMA) < 10
    assert res.geo_precision == 2
    assert "read as 'Hama'" in res.reason


def test_a_facility_the_gazetteer_holds_by_its_own_name_is_the_facility_itself():
    res = resolve("Qamishli Airport", SYRIA)
    assert res.name == "Qamishli Airport" and res.geo_precision == 1


@pytest.mark.parametrize("name", ["113th Air Defense Brigade", "Brigade 47",
                                  "17th Reserve Division"])
def test_a_unit_with_no_place_name_is_honestly_no_good_match(name):
    res = resolve(name, SYRIA)
    assert not res.resolved
    assert res.reason.startswith("no good match")


@pytest.mark.parametrize(("name", "core"), [
    ("Abu al-Duhur Military Airbase", "Abu al-Duhur"),
    ("137th Brigade Army Base", ""),
    ("Prison of Adra", "Adra"),
    ("Base aérienne de Tiyas", "Tiyas"),
    ("Raqqa", None),
])
def test_facility_words_numbers_and_ordinals_are_stripped_from_either_end(name, core):
    assert facility_core(name) == core


@pytest.mark.parametrize("name", ["Karama", "Kum"])
def test_a_given_country_focus_keeps_a_name_alone_inside_the_country(name):
    # Worldwide these read as Calama (Chile) and Qom (Iran) through alternate spellings.
    res = resolve(name, SYRIA)
    assert res.resolved and res.country == "SY", res


def test_in_a_document_a_foreign_city_written_by_its_own_name_stays_abroad():
    text = "Des renforts venus de Beirut sont arrivés à Raqqa."
    res = resolve("Beirut", Context(text=text, countries=("SY",)))
    assert res.country == "LB"


def test_the_namesake_that_gives_its_name_to_a_subdistrict_is_preferred():
    res = resolve("Abu al-Duhur", SYRIA)
    assert km(res, ABU_AL_DUHUR) < 10
    assert "seat of the region" in res.reason


def test_a_short_name_matches_a_near_spelling_only_inside_a_country_focus():
    assert resolve("Hbeit", SYRIA).country == "SY"  # Hubayt: a near spelling, not a folded one
    alone = resolve("Hbeit")
    assert not alone.resolved and "too short" in alone.reason


def test_an_o_spelling_of_a_u_is_the_same_name_with_or_without_a_focus():
    # Arabic has no o: "Foah" folds to the key of Al Fu`ah, so it is no longer a near spelling.
    assert km(resolve("Foah", SYRIA), AL_FUAH) < 10
    assert km(resolve("Foah"), AL_FUAH) < 10


def test_considered_lists_every_namesake_the_ranking_weighs():
    places = considered("Ablah", SYRIA)
    assert sum(p.country == "SY" for p in places) >= 2
    assert considered("", SYRIA) == []


@pytest.mark.parametrize(("name", "point", "place"), [
    ("Abu Hayj/Khalidiyah", (36.4472, 37.6719), "Abu Hayj"),  # not one of eight Khalidiyahs
    ("Al Sokkareyah (Kasr Ada)", (35.8044, 36.3961), "Kasr `Ada"),
])
def test_a_name_written_two_ways_is_ranked_by_the_spelling_that_fits_a_place(name, point, place):
    res = resolve(name, SYRIA)
    assert res.name == place
    assert km(res, point) < 5


def test_in_a_document_a_name_written_as_a_place_abroad_is_not_a_near_spelling_at_home():
    res = resolve("Samos", Context(text="Migrants from Turkey reached Samos.", countries=("TR",),
                                   lang="en"))
    assert res.country == "GR"
    assert res.confidence < 0.55  # a small place abroad that the text does not place


@pytest.mark.parametrize("name", ["West Surrey", "Press Street", "St. North"])
def test_a_loose_folding_is_no_reading_of_the_name(name):
    res = resolve(name, Context(text=f"Roads closed in {name}.", lang="en"))
    assert res.feature != "country"
    assert res.name != "Street"


@pytest.mark.parametrize("name", ["England", "Scotland", "Wales"])
def test_a_large_region_named_after_no_town_beats_a_village_in_the_documents_country(name):
    res = resolve(name, Context(text=f"Fans from {name} flew to Texas.", countries=("US",),
                                lang="en"))
    assert (res.country, res.feature) == ("GB", "governorate")


@pytest.mark.parametrize(("name", "point"), [
    ("Tall Dhahab", (34.9114, 36.4928)),  # the Homs village, not Tall Dahab in Hasakah
    ("Rasm Falah", (35.8720, 38.0853)),  # not Rasm al Falih, which lists it among its names
])
def test_a_namesake_written_under_its_own_main_name_wins_over_one_holding_it_as_a_variant(
        name, point):
    assert km(resolve(name, SYRIA), point) < 5
