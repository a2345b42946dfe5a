"""The shipped gazetteer: seed place names, spelling folding, countries, admin units, polygons."""

from __future__ import annotations

import gzip
import json
from itertools import pairwise

import pytest

from gazetteer import data_path, is_confident, normalize_name
from geo.distance import haversine_km as km

# Names as the seed articles write them, with the place's real coordinates.
SEED_PLACES = [
    ("Raqqa", 35.95, 39.01),
    ("Ghanem al-Ali", 35.78, 39.40),
    ("Damas", 33.51, 36.29),
    ("Al-Sukhnah", 34.89, 38.87),
    ("Homs", 34.73, 36.72),
    ("Deir Ezzor", 35.34, 40.14),
    ("Tal Tamar", 36.65, 40.37),
    ("Hassaké", 36.50, 40.75),
    ("Hasaka", 36.50, 40.75),
    ("Al-Hassake", 36.50, 40.75),
    ("Abou Kamal", 34.45, 40.92),
    ("Al-Boukamal", 34.45, 40.92),
    ("al-Qaïm", 34.37, 41.09),
    ("Jarablous", 36.82, 38.01),
    ("Alep", 36.20, 37.16),
    ("Idlib", 35.93, 36.63),
    ("Moscou", 55.75, 37.62),
    ("Paris", 48.85, 2.35),
    ("Sanliurfa", 37.16, 38.79),
    ("البوكمال", 34.45, 40.92),
]


@pytest.mark.parametrize(("name", "lat", "lon"), SEED_PLACES)
def test_seed_place_is_among_the_first_candidates(gazetteer_index, name, lat, lon):
    candidates = gazetteer_index.candidates(name, limit=5)
    near = [c for c in candidates if km(lat, lon, c.place.latitude, c.place.longitude) <= 25]
    assert near, f"{name}: {[(c.place.name, c.place.country) for c in candidates]}"
    assert is_confident(near[0])


@pytest.mark.parametrize(
    ("name", "country"), [("Irak", "IQ"), ("Iran", "IR"), ("Turquie", "TR"), ("Syrie", "SY")]
)
def test_french_country_names_give_the_country_first(gazetteer_index, name, country):
    first = gazetteer_index.candidates(name, limit=3)[0]
    assert (first.place.feature, first.place.country) == ("country", country)
    assert any(lang == "fr" for lang, _ in first.place.names)


@pytest.mark.parametrize(
    "spellings",
    [
        ["Hassaké", "Hasaka", "Al-Hassake", "Al-Hasakah", "al Hasakeh"],
        ["Abou Kamal", "Abu Kamal"],
        ["al-Qaïm", "Al Qa'im", "Al Qa’im", "AL-QAIM"],
        ["Deir ez-Zor", "Deir ez Zor", "Deir al-Zor"],
        ["Jarablous", "Jarablus"],
        ["Djebel", "Jebel"],
        ["Cheikh Maqsoud", "Sheikh Maqsud"],
        ["الرقة", "الرقه", "الرَّقَّة"],
        ["إدلب", "ادلب"],
        ["Şanlıurfa", "Sanliurfa", "SANLIURFA"],
        ["Ouadi Barada", "Wadi Barada"],
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({normalize_name(s) for s in spellings}) == 1


def test_exact_match_is_reported_as_exact(gazetteer_index):
    first = gazetteer_index.candidates("Idlib", limit=1)[0]
    assert first.match == "exact"
    assert first.similarity == 1.0


def test_country_filter_keeps_only_those_countries(gazetteer_index):
    candidates = gazetteer_index.candidates("Paris", limit=10, countries=["fr"])
    assert candidates
    assert {c.place.country for c in candidates} == {"FR"}


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "\x00\x01\x02", "---", None, 42])
def test_bad_names_give_no_candidates(gazetteer_index, bad):
    assert gazetteer_index.candidates(bad) == []


def test_syrian_governorates_are_fourteen_places_with_points(gazetteer_index):
    governorates = gazetteer_index.places_in("SY", "governorate")
    names = {p.name for p in governorates}
    assert len(governorates) == 14, names
    assert all(32 < p.latitude < 37.5 and 35.5 < p.longitude < 42.5 for p in governorates)


def test_place_carries_admin_hierarchy_and_languages(gazetteer_index):
    town = gazetteer_index.get("gn:169179")  # Jarabulus, Aleppo governorate
    assert town is not None
    assert town.country == "SY"
    assert "Aleppo" in town.admin1
    assert gazetteer_index.get(town.admin1_id) is not None
    assert {"ar", "en"} <= {lang for lang, _ in town.names}
    assert gazetteer_index.get("gn:does-not-exist") is None


def test_admin_polygons_ship_with_place_ids(gazetteer_index):
    with gzip.open(data_path("admin_polygons.geojson.gz"), "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    regions = [f for f in features if f["properties"]["placetype"] == "region"]
    assert {f["properties"]["cc"] for f in regions} == {"SY", "IQ"}
    idlib = next(f for f in regions if f["properties"]["name_fr"] == "Idleb")
    place = gazetteer_index.get(idlib["properties"]["place_id"])
    assert place is not None and place.feature == "governorate"


def test_a_district_known_to_two_sources_is_one_place(gazetteer_index):
    candidates = gazetteer_index.candidates("Deir ez-Zor", limit=10, countries=["SY"])
    districts = [c.place for c in candidates if c.place.feature == "district"]
    assert len(districts) == 1, [(p.id, p.name) for p in districts]
    assert "wof" in districts[0].source and "opensyria" in districts[0].source


def test_key_column_is_strictly_sorted(gazetteer_index):
    """Keys are found by binary search, so the shipped key column must be in str order."""
    keys = gazetteer_index.base.arrays.key_text
    assert all(a < b for a, b in pairwise(keys))
