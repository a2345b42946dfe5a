"""Key groups are ranked at load so that an exact lookup of a stored name slices its answer: it
must give what the general path (which folds the name and ranks every offer) gives."""

from __future__ import annotations

import random

import numpy as np

from gazetteer import group_ranking
from gazetteer.index import SHORTLIST, WRITTEN_GROUP, WRITTEN_PLACES


def ranked_names(index, seed: int) -> dict[str, list[str]]:
    """Stored names whose group was ranked at load, by kind: all one text, or several."""
    b, arrays = index.base, index.base.arrays
    rng = random.Random(seed)
    kinds: dict[str, list[str]] = {"one text": [], "several texts": [], "long": []}
    while min(len(names) for names in kinds.values()) < 60:
        name = arrays.name_at(rng.randrange(len(arrays.name_row)))
        at = b.written_entry(name)
        places = b.written[at + WRITTEN_PLACES]
        if places >= -1:
            continue  # one place, or a group not ranked at load
        group = b.written[at + WRITTEN_GROUP]
        if b.key_starts[group + 1] - b.key_starts[group] > SHORTLIST:
            kind = "long"
        elif b.ranking.flags[-2 - places] & group_ranking.ONE_TEXT:
            kind = "one text"
        else:
            kind = "several texts"
        kinds[kind].append(name)
    return kinds


def test_a_name_of_a_ranked_group_finds_what_its_folded_key_finds(gazetteer_index):
    for kind, names in ranked_names(gazetteer_index, seed=5).items():
        for name in names[:60]:
            for limit in (1, 3, 10):
                for countries in (None, ["SY"], ["US", "FR"]):
                    # A trailing space is no stored text, so that lookup folds the name first.
                    written = gazetteer_index.candidates(
                        name, limit=limit, fuzzy=False, countries=countries
                    )
                    folded = gazetteer_index.candidates(
                        name + " ", limit=limit, fuzzy=False, countries=countries
                    )
                    assert written == folded, (kind, name, limit, countries)


def test_names_of_a_group_are_classed_by_their_text_even_when_hashes_collide(monkeypatch):
    """Equal names are found by hash; two different names of one hash stay apart."""
    values = ["Tall", "tall", "Tall", "Kafr", "Kafr"]
    at = np.arange(5)
    runs = np.array([0, 0, 0, 3, 3])
    assert group_ranking._first_alike(values, at, runs).tolist() == [0, 1, 0, 3, 3]
    monkeypatch.setattr(group_ranking, "hash", lambda value: 7, raising=False)
    assert group_ranking._first_alike(values, at, runs).tolist() == [0, 1, 0, 3, 3]
