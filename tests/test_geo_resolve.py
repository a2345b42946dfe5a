"""geo.resolve and the geopy-compatible Geocoder: what a user gets for a place name."""

from __future__ import annotations

import pytest

from gazetteer import Place
from geo import Context, Geocoder, Resolution, resolve
from geo.distance import haversine_km
from geo.resolver import _closeness

# Reference points (UCDP GED / GeoNames coordinates of the towns themselves).
RAQQA = (35.9528, 39.0079)
HASAKA = (36.5024, 40.7477)
DEIR_EZZOR = (35.3359, 40.1408)

SEED_PLACES = [
    ("Raqqa", RAQQA),
    ("Damas", (33.5134, 36.2916)),
    ("Homs", (34.7268, 36.7234)),
    ("Deir Ezzor", DEIR_EZZOR),
    ("Hasaka", HASAKA),
    ("Hassaké", HASAKA),
    ("Abou Kamal", (34.4500, 40.9186)),
    ("Al-Boukamal", (34.4500, 40.9186)),
    ("Idlib", (35.9306, 36.6339)),
    ("Jarablous", (36.8175, 38.0111)),
    ("Alep", (36.2012, 37.1612)),
    ("Ghanem al-Ali", (35.7754, 39.4033)),
]


def km(res: Resolution, point: tuple[float, float]) -> float:
    assert res.resolved, res.reason
    return haversine_km(res.latitude, res.longitude, *point)


@pytest.mark.parametrize(("name", "point"), SEED_PLACES)
def test_seed_places_resolve_to_their_towns(name, point):
    res = resolve(name, Context(countries=("SY",)))
    assert km(res, point) < 10, res
    assert res.country == "SY" and res.iso3 == "SYR"
    assert res.geo_precision == 1
    assert 0 < res.confidence <= 1


def test_iraqi_town_resolves_in_iraq_with_a_syrian_iraqi_focus():
    res = resolve("al-Qaïm", Context(countries=("SY", "IQ")))
    assert res.country == "IQ"
    assert km(res, (34.39, 40.99)) < 25


def test_text_naming_the_governorate_picks_the_right_namesake():
    text = "le désert d'Al-Sukhnah dans la campagne orientale de Homs"
    res = resolve("Al-Sukhnah", Context(text=text, countries=("SY",)))
    assert km(res, (34.8846, 38.8749)) < 10, res


def test_tal_tamar_is_found_near_hasaka_when_hasaka_is_resolved_nearby():
    hasaka = resolve("Hassaka", Context(countries=("SY",)))
    res = resolve("Tal Tamar", Context(text="près de la ville de Tal Tamar à Hassaka",
                                       countries=("SY",), nearby=(hasaka,)))
    assert km(res, (36.6556, 40.3708)) < 10, res


@pytest.mark.parametrize(("query", "relation_word", "precision"), [
    ("campagne est de Raqqa", "countryside", 2),
    ("près de Raqqa", "near", 2),
    ("aux abords de Raqqa", "outskirts", 2),
    ("Raqqa countryside", "countryside", 2),
    ("near Raqqa", "near", 2),
])
def test_relative_phrases_keep_the_place_with_precision_2(query, relation_word, precision):
    res = resolve(query, Context(countries=("SY",)))
    assert km(res, RAQQA) < 10
    assert res.geo_precision == precision
    assert relation_word in res.reason


def test_province_phrase_gives_the_governorate_with_precision_3():
    res = resolve("province d'Idlib", Context(countries=("SY",)))
    assert res.feature == "governorate" and res.geo_precision == 3
    assert res.admin1 is None or "Idlib" in (res.name or "")


def test_distance_and_direction_move_the_point():
    res = resolve("à 50 km à l'ouest de Deir Ezzor", Context(countries=("SY",)))
    assert 40 < km(res, DEIR_EZZOR) < 60
    assert res.longitude < DEIR_EZZOR[1] and res.geo_precision == 2


def test_unknown_crossing_point_is_not_forced_onto_the_map():
    res = resolve("Wadi al-Sawab", Context(countries=("SY", "IQ")))
    assert not res.resolved and res.latitude is None
    assert res.reason


def test_runner_up_candidates_are_listed_with_scores():
    res = resolve("Raqqa")
    assert res.candidates and {"place_id", "name", "latitude", "longitude", "country", "feature",
                                "score"} <= set(res.candidates[0])


@pytest.mark.parametrize("bad", [
    "", "   ", None, 42, "\x00\x01\x02binary", "x" * 10_000, "\u200f\u200e", "!!!???",
    "\ufffd\ufffd",
])
def test_bad_input_gives_an_empty_result_with_a_reason(bad):
    res = resolve(bad)
    assert not res.resolved and res.place_id is None
    assert res.reason
    assert res.to_dict()["latitude"] is None


def test_right_to_left_marks_around_a_name_are_ignored():
    res = resolve("\u200fRaqqa\u200f", Context(countries=("SY",)))
    assert km(res, RAQQA) < 10


def test_to_dict_is_json_ready():
    import json

    data = resolve("Homs", Context(countries=("SY",))).to_dict()
    assert json.loads(json.dumps(data))["name"]


def test_geopy_compatible_geocode_and_reverse():
    geocoder = Geocoder(country_codes="SY")
    location = geocoder.geocode("Raqqa")
    assert haversine_km(location.latitude, location.longitude, *RAQQA) < 10
    assert location.raw["place_id"]
    several = geocoder.geocode("Raqqa", exactly_one=False)
    assert len(several) > 1
    assert geocoder.geocode("Wadi al-Sawab") is None

    place = geocoder.reverse("36.50, 40.75")
    assert "Hasak" in place.raw["admin1"] or "Hasak" in place.address
    assert place.raw["admin2"] and place.raw["country"] == "SY"
    assert geocoder.reverse((0.0, -30.0)) is None  # the Atlantic
    assert geocoder.reverse("not a point") is None


def test_small_syrian_village_beats_a_bigger_namesake_abroad_when_the_country_is_given():
    res = resolve("Karis", Context(countries=("SY",)))
    assert res.country == "SY" and km(res, (32.5327, 36.6932)) < 5
    assert res.confidence >= 0.85  # the only Karis in Syria
    assert resolve("Karis").country != "SY"  # no focus: the better-known Finnish town


def test_small_namesake_abroad_is_not_the_answer_with_a_country_focus():
    res = resolve("Dahme", Context(countries=("SY",)))
    assert not res.resolved or res.country == "SY"
    assert resolve("Dahme").country == "DE"


def test_foreign_city_that_only_folds_alike_is_not_taken_with_a_country_focus():
    res = resolve("Al Kam", Context(countries=("SY",)))  # folds like Caen, a French city
    assert not res.resolved or res.country == "SY"


def test_a_near_spelling_is_never_read_as_a_country():
    res = resolve("Siraw", Context(countries=("SY",)))
    assert res.feature != "country"


def test_both_spellings_of_a_name_written_two_ways_are_used():
    res = resolve("Tadmur/Palmyra", Context(countries=("SY",)))
    assert km(res, (34.5624, 38.2840)) < 10
    assert "both spellings agree" in res.reason


def test_confidence_reflects_namesakes_elsewhere():
    unique = resolve("Raqqa", Context(countries=("SY",)))
    common = resolve("Mansoura", Context(countries=("SY",)))  # a dozen Syrian villages
    assert unique.confidence >= 0.85
    assert common.confidence < 0.5


def test_closeness_prefers_the_namesake_spelt_like_the_query():
    def place(name: str) -> Place:
        return Place(id=name, name=name, feature="village", country="SY", admin1="", admin1_id="",
                     admin2="", admin2_id="", latitude=35.0, longitude=38.0, population=0,
                     source="test")

    assert _closeness("Abu Hamam", place("Abu Hammam")) > _closeness("Abu Hamam",
                                                                     place("Abu Hamamah"))
    assert _closeness("Ma`arrat Misrin", place("Maarrat Misrin")) == 1.0
