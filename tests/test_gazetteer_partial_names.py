"""Names that match a stored one only in part: a run of words inside a longer query, or a
longer stored name of which the query is the bare form."""

from __future__ import annotations

from gazetteer import normalize_name
from gazetteer.normalize import query_key_tiers
from geo.distance import haversine_km as km


def test_a_bare_name_finds_its_villages_told_apart_by_size(gazetteer_index):
    # Only "Qurnah al Kabirah" and "Qurnah as Saghirah" (big, small) are stored: the bare name
    # is theirs, so they lead, above other names' spellings ("Qurayn") and longer names.
    candidates = gazetteer_index.candidates("Qurnah", countries=["SY"])
    first = candidates[0]
    assert km(36.77, 36.84, first.place.latitude, first.place.longitude) < 5, candidates[:3]
    assert first.similarity > max(c.similarity for c in candidates[2:])


def test_a_qualifier_does_not_lift_a_name_that_only_contains_the_query(gazetteer_index):
    # "Huwayjat Baghuz" holds "Baghuz" beside another name, not a size or position word:
    # it stays a partial match, below "Baghuz Shimali" (northern Baghuz).
    candidates = gazetteer_index.candidates("Baghuz", countries=["SY"])
    score = {c.matched: c.similarity for c in candidates}
    assert score["Bāghūz Shimālī"] > score["Ḩuwayjat Bāghūz"]


def test_a_village_name_after_a_generic_word_is_tried_alone(gazetteer_index):
    # "Ain" (spring) and "Jubb" (well) are kinds of place: the village is the word after them.
    for written, place, lat, lon in [
        ("Ain Mneen", "Mnîne", 33.64, 36.30),
        ("Jubb al-Bahrah", "Al Bahrah", 34.74, 40.77),
    ]:
        candidates = gazetteer_index.candidates(written, countries=["SY"])
        assert any(
            normalize_name(c.matched) == normalize_name(place)
            and km(lat, lon, c.place.latitude, c.place.longitude) < 5
            for c in candidates
        ), (written, candidates)


def test_a_generic_word_alone_is_not_looked_up():
    # "Shaykh Jabr": "Shaykh" alone would match every place called Shaykh, or Shika, Chik...
    windows = query_key_tiers("Shaykh Jabr")[4]
    assert normalize_name("Jabr") in windows
    assert normalize_name("Shaykh") not in windows
