"""Which places make the ten candidates: vowel-only spelling variants and namesakes tied in rank."""

from __future__ import annotations

import math

import pytest

from gazetteer import Place, normalize_name
from gazetteer.index import GazetteerIndex, _base_tables
from gazetteer.overlay import Overlay
from gazetteer.paths import DATA_DIR


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def test_a_spelling_differing_only_in_short_vowels_is_a_candidate(gazetteer_index):
    # UCDP writes "Tarnaja" for the village the gazetteer spells "Trunj" / "Trounjé": same
    # consonants, so few shared letter pairs that it used to fall under the fuzzy floor.
    candidates = gazetteer_index.candidates("Tarnaja", countries=["SY"])
    near = [c for c in candidates if km(33.235, 35.843, c.place.latitude, c.place.longitude) < 25]
    assert near, [(c.matched, c.similarity) for c in candidates]
    assert all(c.match == "fuzzy" and c.similarity < 0.85 for c in near)  # a suggestion only


def test_a_three_consonant_root_gets_no_vowel_only_leniency(gazetteer_index):
    # "Haymar" (h-m-r, a common Arabic root): weak same-consonant spellings stay out.
    candidates = gazetteer_index.candidates("Haymar", limit=50, countries=["SY"])
    assert candidates
    assert min(c.similarity for c in candidates) >= 0.6


def namesake(number: int, latitude: float, longitude: float, source: str = "user") -> Place:
    return Place(
        id=f"user:testabad-{number:02d}",
        name="Testabad",
        feature="village",
        country="SY",
        admin1="",
        admin1_id="",
        admin2="",
        admin2_id="",
        latitude=latitude,
        longitude=longitude,
        population=0,
        source=source,
        names=(("und", "Testabad"),),
    )


@pytest.fixture(scope="module")
def clustered_namesakes() -> GazetteerIndex:
    """Twelve villages of one name: the first ten by id within 20 km of each other (the tenth
    listed by two sources), the last two far apart (Daraa and Qamishli)."""
    places = [namesake(i, 35.0 + 0.01 * i, 40.0 + 0.01 * i) for i in range(9)]
    places.append(namesake(9, 35.09, 40.09, source="geonames+wof"))
    places += [namesake(10, 32.6, 36.1), namesake(11, 37.05, 41.2)]
    key = normalize_name("Testabad")
    overlay = Overlay(places=places, names=[(p.id, "und", p.name, key) for p in places])
    return GazetteerIndex(_base_tables(DATA_DIR), overlay)


def test_namesakes_tied_in_rank_are_spread_over_the_map(clustered_namesakes):
    candidates = clustered_namesakes.candidates("Testabad", countries=["SY"])
    assert len(candidates) == 10
    ids = {c.place.id for c in candidates}
    assert {"user:testabad-10", "user:testabad-11"} <= ids
    # The same answer every time: ties never fall to an arbitrary order.
    fresh = GazetteerIndex(clustered_namesakes.base, clustered_namesakes.overlay)
    assert [c.place.id for c in fresh.candidates("Testabad", countries=["SY"])] == [
        c.place.id for c in candidates
    ]


def test_within_one_area_a_better_attested_namesake_is_kept(clustered_namesakes):
    # Two slots go to the far villages; of the ten close ones, the one two sources list is kept
    # although its id sorts last.
    ids = {c.place.id for c in clustered_namesakes.candidates("Testabad", countries=["SY"])}
    assert "user:testabad-09" in ids
    assert "user:testabad-08" not in ids
