"""A name written exactly as a stored one is looked up through a table of the stored texts rather
than folded first: it must find exactly what its folded key finds."""

from __future__ import annotations

import random

import numpy as np

from gazetteer import normalize_name


def stored_names(index, count: int, seed: int) -> list[tuple[str, str]]:
    """(stored name, the key it is filed under) for a sample of the shipped names."""
    arrays = index.base.arrays
    picks = random.Random(seed).sample(range(len(arrays.name_row)), count)
    groups = np.searchsorted(arrays.key_start, picks, side="right") - 1
    pairs = zip(picks, groups.tolist(), strict=True)
    return [(arrays.name_at(i), arrays.key_text[g]) for i, g in pairs]


def test_every_sampled_name_is_filed_under_its_own_folded_key(gazetteer_index):
    """The shipped table was built with the shipped normaliser (else exact lookups go stale)."""
    sample = stored_names(gazetteer_index, 20_000, seed=3)
    misfiled = [(name, key) for name, key in sample if normalize_name(name) != key]
    assert not misfiled, misfiled[:10]


def test_a_stored_name_finds_what_its_folded_key_finds(gazetteer_index):
    for name, _ in stored_names(gazetteer_index, 300, seed=4):
        # A trailing space is no stored text, so that lookup folds the name first.
        assert gazetteer_index.candidates(name, fuzzy=False) == gazetteer_index.candidates(
            name + " ", fuzzy=False
        ), name


def test_a_stored_name_with_a_country_filter_finds_what_its_folded_key_finds(gazetteer_index):
    for countries in (["SY"], ["IQ", "TR"]):
        written = gazetteer_index.candidates("Jarabulus", fuzzy=False, countries=countries)
        folded = gazetteer_index.candidates("Jarabulus ", fuzzy=False, countries=countries)
        assert written == folded
        assert all(c.place.country in countries for c in written)
    best = gazetteer_index.candidates("Jarabulus", limit=3, fuzzy=False)[0]
    assert best.match == "exact" and best.place.country == "SY"


def test_a_stored_name_shared_by_many_places_ranks_as_its_folded_key(gazetteer_index):
    """Namesakes (dozens of villages under one key) cut at small limits: the stored-name path
    keeps the same places, in the same order, as the general one, tie spreading included."""
    for name in ("Al Hamidiyah", "Tall Ahmar", "San Jose", "Ayn Arab"):
        for limit in (1, 3, 5, 10, 40):
            for countries in (None, ["SY"]):
                written = gazetteer_index.candidates(
                    name, limit=limit, fuzzy=False, countries=countries
                )
                folded = gazetteer_index.candidates(
                    name + " ", limit=limit, fuzzy=False, countries=countries
                )
                assert written == folded, (name, limit, countries)


def test_a_repeated_lookup_gives_an_equal_new_list(gazetteer_index):
    first = gazetteer_index.candidates("Jarabulus", fuzzy=False)
    first.clear()  # the caller's list is its own: the cached answer stays whole
    again = gazetteer_index.candidates("Jarabulus", fuzzy=False)
    assert again and again == gazetteer_index.candidates("Jarabulus", fuzzy=False)
    assert again[0].place.country == "SY"
