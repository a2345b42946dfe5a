"""Transliteration folding and descriptor words: spellings a reader meets find the same place."""

from __future__ import annotations

import pytest

from gazetteer import normalize_name
from gazetteer.normalize import query_key_tiers
from geo.distance import haversine_km as km


@pytest.mark.parametrize(
    "spellings",
    [
        # Arabic has no o: French/English romanisations write its u either way.
        ["Tadmor", "Tadmur"],
        ["Korin", "Kourin", "Kūrīn"],
        ["Mansoura", "Mansura", "Al-Mansourah"],
        ["Sokkariyeh", "Sukkariyeh"],
    ],
)
def test_o_and_u_spellings_share_a_key(spellings):
    assert len({normalize_name(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    "spellings",
    [
        # The ي of a closed syllable is written ay, ai, ei, ey or plain i.
        ["Tall Abu Rasayn", "Tall Abu Rasin", "Tall Abou Rassein"],
        ["Maydan", "Midan", "Meidan"],
        ["Sheikh Maqsoud", "Shaykh Maqsud", "Cheikh Maqsoud"],
    ],
)
def test_ay_and_i_spellings_share_a_key(spellings):
    assert len({normalize_name(s) for s in spellings}) == 1


def test_a_leading_ayn_is_kept_whole():
    # "Ayn"/"Ain"/"Ein" (spring) opens many names; folded to "in" it would read as a stop word.
    assert normalize_name("Ein Issa") == normalize_name("Ayn Issa") == normalize_name("Aïn Issa")
    assert normalize_name("Ein Issa") in query_key_tiers("Ein Issa military base")[2]


@pytest.mark.parametrize(("a", "b"), [("Homs", "Hama"), ("Tadmur", "Tadmir"), ("Kurin", "Karin")])
def test_folding_keeps_distinct_names_apart(a, b):
    assert normalize_name(a) != normalize_name(b)


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("Sharkrak silos", "Sharkrak"),
        ("Al Houla Plain", "Al Houla"),
        ("Tall Abu Saad hill", "Tall Abu Saad"),
        ("Az Zarah Thermal Power Plant", "Az Zarah"),
        ("Water treatment/pumping station Jazirah", "Jazirah"),
        ("Jabal al-Noba mount", "Jabal al-Noba"),
    ],
)
def test_landform_and_facility_words_fall_back_to_the_place_name(written, place):
    fallback = {key for tier in query_key_tiers(written)[1:4] for key in tier}
    assert normalize_name(place) in fallback


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Korin", 35.87, 36.57),  # Kūrīn, Idlib: stored only with a u
        ("Tadmor", 34.56, 38.28),  # Palmyra
        ("Al Houla Plain", 34.89, 36.50),
        ("Sharkrak silos", 36.43, 38.98),
    ],
)
def test_variant_spelling_finds_the_syrian_place(gazetteer_index, name, lat, lon):
    candidates = gazetteer_index.candidates(name, countries=["SY"])
    assert any(km(lat, lon, c.place.latitude, c.place.longitude) <= 25 for c in candidates), [
        (c.place.name, c.place.latitude, c.place.longitude) for c in candidates
    ]
