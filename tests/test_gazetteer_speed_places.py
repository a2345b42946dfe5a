"""Places handed out by lookups read their fields on first use: to every caller they must still
be complete, ordinary Place values (fields, equality, hashing, dataclass helpers, copy, pickle)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from gazetteer import Candidate, Place

JARABULUS = "gn:169179"


def fresh_place(index, place_id: str) -> Place:
    """The place as a new lookup hands it out, none of its fields read yet."""
    index._place_cache.clear()
    place = index.get(place_id)
    assert place is not None
    return place


def test_a_looked_up_place_equals_the_same_place_built_by_hand(gazetteer_index):
    place = fresh_place(gazetteer_index, JARABULUS)
    built = Place(**dataclasses.asdict(place))
    assert place == built and built == place
    assert hash(place) == hash(built)
    assert repr(place) == repr(built)
    assert len({place, built}) == 1


def test_names_read_first_give_the_place_languages(gazetteer_index):
    place = fresh_place(gazetteer_index, JARABULUS)
    assert {"ar", "en"} <= {lang for lang, _ in place.names}
    assert place.country == "SY" and 36.7 < place.latitude < 36.9


def pickled(place: Place) -> Place:
    return pickle.loads(pickle.dumps(place))


@pytest.mark.parametrize("duplicate", [copy.copy, copy.deepcopy, pickled])
def test_copies_and_pickles_are_complete_places(gazetteer_index, duplicate):
    place = fresh_place(gazetteer_index, JARABULUS)
    twin = duplicate(place)
    # The copy holds the place alone, never the index behind it.
    assert len(pickle.dumps(twin)) < 10_000
    assert twin == place
    assert dataclasses.asdict(twin) == dataclasses.asdict(place)


def test_a_pickled_place_is_the_place_alone(gazetteer_index):
    assert len(pickle.dumps(fresh_place(gazetteer_index, JARABULUS))) < 10_000


def test_replace_gives_a_new_place_with_one_field_changed(gazetteer_index):
    place = fresh_place(gazetteer_index, JARABULUS)
    moved = dataclasses.replace(place, latitude=0.0)
    assert moved.latitude == 0.0 and moved.name == place.name and moved.names == place.names
    assert moved != place


def test_places_stay_frozen_and_reject_unknown_attributes(gazetteer_index):
    place = fresh_place(gazetteer_index, JARABULUS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "elsewhere"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        place.no_such_field  # noqa: B018
    assert place.name  # a failed attribute read leaves the place readable


def test_candidates_are_plain_comparable_values(gazetteer_index):
    first = gazetteer_index.candidates("Jarabulus", limit=3)
    gazetteer_index._results.clear()
    gazetteer_index._place_cache.clear()
    again = gazetteer_index.candidates("Jarabulus", limit=3)
    assert first == again and first[0].match == "exact"
    best = first[0]
    built = Candidate(Place(**dataclasses.asdict(best.place)), best.matched, "exact", 1.0)
    assert best == built and hash(best) == hash(built) and repr(best) == repr(built)
    assert best._asdict()["place"].id == best.place.id
    assert pickle.loads(pickle.dumps(first)) == first
    with pytest.raises(AttributeError):
        best.similarity = 0.5  # type: ignore[misc]


def test_a_place_outlives_the_index_that_handed_it_out():
    """After an overlay change the index is rebuilt; places handed out before still read their
    fields (a deferred place keeps a filler token, not the old index)."""
    import gc

    from gazetteer.index import GazetteerIndex, _base_tables
    from gazetteer.paths import DATA_DIR

    index = GazetteerIndex(_base_tables(DATA_DIR))
    place = index.get(JARABULUS)
    assert place is not None
    del index
    gc.collect()
    assert place.country == "SY" and place.name and 36.7 < place.latitude < 36.9


def test_a_long_session_keeps_a_bounded_number_of_places_and_answers(monkeypatch):
    """The memo of handed-out places and the answer cache stay within their sizes however many
    names a session looks up, and a name looked up again still gets the same candidates."""
    import gazetteer.index as index_module
    from gazetteer.index import GazetteerIndex, _base_tables
    from gazetteer.paths import DATA_DIR

    monkeypatch.setattr(index_module, "PLACE_MEMO_SIZE", 8)
    monkeypatch.setattr(index_module, "RESULT_CACHE_SIZE", 6)
    index = GazetteerIndex(_base_tables(DATA_DIR))
    names = ["Jarabulus", "Aleppo", "Raqqa", "Idlib", "Homs", "Hama", "Manbij", "Afrin", "Azaz"]
    first = {name: index.candidates(name, fuzzy=False) for name in names}
    assert len(index._place_cache) <= 8
    held = [*index._results.values(), *index._older_results.values()]
    assert sum(map(len, held)) <= 6
    for name in names:
        again = index.candidates(name, fuzzy=False)
        assert again == first[name] and again[0].place.country == "SY"


def test_a_place_once_read_is_handed_out_again_with_its_fields():
    """The next lookups hand out the place a caller has read, fields and all, rather than a
    new one to read again; places nobody read are not kept."""
    from gazetteer.index import GazetteerIndex, _base_tables
    from gazetteer.paths import DATA_DIR

    index = GazetteerIndex(_base_tables(DATA_DIR))
    unread = index.candidates("Manbij", fuzzy=False)
    assert unread and not index._place_cache
    read = index.candidates("Jarabulus", limit=1, fuzzy=False)[0].place
    assert read.country == "SY"
    index._results.clear()
    index._older_results.clear()
    again = index.candidates("Jarabulus", limit=1, fuzzy=False)[0].place
    assert again is read and "name" in again.__dict__
    assert index.get(read.id) is read
