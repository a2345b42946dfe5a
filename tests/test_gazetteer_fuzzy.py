"""Fuzzy lookups: misspelt names find their place, and the fuzzy tables agree with the plain
definitions they stand for (one-edit skeleton neighbours, bigram Dice scores)."""

from __future__ import annotations

import random

import numpy as np
import pytest

import gazetteer.index as index_module
from gazetteer import Place, normalize_name
from gazetteer.fuzzy import FuzzyTables, dice_scores
from gazetteer.index import MAX_CONTAINING, MAX_FUZZY_SKELETONS, GazetteerIndex
from gazetteer.normalize import skeleton_key
from gazetteer.overlay import Overlay
from gazetteer.tables import encode_text


@pytest.mark.parametrize(
    ("typo", "place_name"),
    [("Dayr az Zawwr", "Deir ez-Zor"), ("Idlab", "Idlib"), ("Kobani", "Kobanî")],
)
def test_a_misspelt_syrian_town_finds_the_town(gazetteer_index, typo, place_name):
    exact = gazetteer_index.candidates(place_name, fuzzy=False, countries=["SY"])[0]
    candidates = gazetteer_index.candidates(typo, countries=["SY"])
    assert exact.place.id in [c.place.id for c in candidates]


def test_a_misspelt_user_place_is_found_fuzzily(gazetteer_index):
    place = Place(
        id="user:qabr-fixturawi", name="Qabr Fixturawi", feature="village", country="SY",
        admin1="", admin1_id="", admin2="", admin2_id="",
        latitude=35.0, longitude=38.0, population=0, source="user",
        names=(("und", "Qabr Fixturawi"),),
    )  # fmt: skip
    key = normalize_name(place.name)
    overlay = Overlay(places=[place], names=[(place.id, "und", place.name, key)])
    index = GazetteerIndex(gazetteer_index.base, overlay)
    top = index.candidates("Qabr Fixtirawi")[0]  # a vowel changed
    assert (top.place.id, top.match) == ("user:qabr-fixturawi", "fuzzy")


def neighbours_by_definition(a: str, b: str) -> bool:
    """Whether two distinct skeletons give the same string once at most one letter is deleted
    from each: one letter inserted, deleted, replaced or moved."""
    variants = {a} | {a[:i] + a[i + 1 :] for i in range(len(a))}
    return a != b and any(v in variants for v in (b, *(b[:i] + b[i + 1 :] for i in range(len(b)))))


@pytest.mark.parametrize("query", ["krmz", "tlbds", "mrtnsh"])
def test_neighbours_are_the_stored_skeletons_one_edit_away(gazetteer_index, query):
    tables = gazetteer_index.base.neighbours()
    stored = gazetteer_index.base.arrays.skeleton_text
    expected = {
        i for i, s in enumerate(stored)
        if abs(len(s) - len(query)) <= 1 and neighbours_by_definition(query, s)
    }  # fmt: skip
    same, others = tables.neighbours(query, cap=10_000)
    assert set(others.tolist()) == expected
    assert same == (stored.index(query) if query in stored else None)


def test_dice_scores_of_the_tables_equal_those_of_python_sets(gazetteer_index):
    tables = gazetteer_index.base.neighbours()
    keys = gazetteer_index.base.arrays.key_text
    position_of_group = np.empty(len(keys), np.int64)
    position_of_group[tables.position_group] = np.arange(len(keys))
    rng = random.Random(5)
    groups = rng.sample(range(len(keys)), 300)
    for query in ["tall tamr", "dayr zur", "abu kamal", "halab", "حلب", "zürich"]:
        scores = tables.dice(query, position_of_group[groups])
        assert scores.tolist() == dice_scores(query, [keys[g] for g in groups])



def test_dice_scores_stay_exact_with_hundreds_of_letters():
    # Keys in many scripts (here 400 CJK letters) need wider bigram codes than Latin and Arabic.
    rng = random.Random(2)
    letters = [chr(0x4E00 + i) for i in range(400)]
    keys = sorted({"".join(rng.choices(letters, k=rng.randint(2, 6))) for _ in range(200)})
    skeletons = sorted(set(keys))
    tables = FuzzyTables(
        keys,
        np.array([skeletons.index(k) for k in keys]),
        encode_text(skeletons),
        max_keys_per_skeleton=300,
    )
    query = keys[0][::-1] + keys[1]
    assert tables.dice(query, np.arange(len(keys))).tolist() == dice_scores(
        query, [keys[g] for g in tables.position_group.tolist()]
    )


def test_the_longer_names_holding_a_query_s_words_are_all_found(gazetteer_index):
    # The word postings are reached through a directory of hash ranges: checked against a scan.
    keys = gazetteer_index.base.arrays.key_text
    rng = random.Random(8)
    multi_word = [k for k in rng.sample(keys, 3000) if len(k.split()) > 2]
    queries = []
    for key in multi_word[:6]:
        words = [w for w in key.split() if len(w) >= 4]
        queries += [" ".join(words[:1]), " ".join(words[:2])]
    for query in filter(None, queries):
        wanted = set(query.split())
        expected = {
            group for group, key in enumerate(keys)
            if " " in key and wanted <= set(key.split())
        }  # fmt: skip
        found = gazetteer_index.base.groups_with_words(query, None).tolist()
        if len(expected) <= MAX_CONTAINING:  # below the cap, all of them
            assert set(found) == expected
        else:
            assert set(found) < expected and len(found) == MAX_CONTAINING


@pytest.mark.parametrize("name", ["Halab", "Marj", "Sarmin", "Nawa"])
@pytest.mark.parametrize("countries", [None, frozenset({"SY"})])
def test_short_names_keep_the_keys_closest_in_length_among_thousands(
    gazetteer_index, monkeypatch, name, countries
):
    # Their skeletons' neighbours lend thousands of keys; the lookup first looks for enough
    # keys of the query's own length among the first ones, which must be the keys the full
    # closest-lengths-first cut keeps.
    base = gazetteer_index.base
    key = normalize_name(name)
    skeleton = skeleton_key(key)
    mask = None if countries is None else base.groups_in(countries)
    tables = base.neighbours()
    assert len(tables.positions_of(tables.neighbours(skeleton, MAX_FUZZY_SKELETONS)[1])) > (
        index_module.SAME_LENGTH_SCAN
    )
    same, scanned = base.fuzzy_positions(skeleton, len(key), mask)
    monkeypatch.setattr(index_module, "SAME_LENGTH_SCAN", 10**9)  # no scan: the full cut
    same_full, full = base.fuzzy_positions(skeleton, len(key), mask)
    assert same.tolist() == same_full.tolist()
    assert sorted(scanned.tolist()) == sorted(full.tolist())
