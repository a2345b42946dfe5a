"""The load reads texts in bulk and sorts on packed integers: each shortcut must give what the
plain way gives (the stored texts, lexsort's order)."""

from __future__ import annotations

import numpy as np
import pytest

from gazetteer.group_ranking import sort_order


def test_texts_read_in_bulk_are_the_stored_names(gazetteer_index):
    arrays = gazetteer_index.base.arrays
    last = len(arrays.name_offsets) - 2  # the blob's last text has no newline after it
    entries = np.array([0, 7, last, 4_321, last - 1, 7])
    one_by_one = [
        arrays.name_text[arrays.name_offsets[t] : arrays.name_offsets[t + 1] - 1].decode()
        for t in entries
    ]
    assert arrays.texts_at(entries) == one_by_one
    assert arrays.texts_at(entries[:0]) == []


def test_a_place_name_read_on_demand_is_the_place_of_its_id(gazetteer_index):
    assert gazetteer_index.get("gn:169389").name == "Idlib"
    names = gazetteer_index.base.arrays.place_name
    assert len(names) == gazetteer_index.base.size
    for row in (0, len(names) // 2, len(names) - 1):  # the last one has no newline after it
        assert names[row] and "\n" not in names[row]
        assert names[row] == gazetteer_index.get(gazetteer_index.base.ids[row]).name


@pytest.mark.parametrize("top", [3, 2**40])  # packed into one integer, and too wide for one
def test_sorting_on_packed_columns_gives_lexsort_order(top):
    rng = np.random.default_rng(5)
    group = np.sort(rng.integers(0, 40, 5_000))
    middle, last = rng.integers(0, top, 5_000), rng.integers(0, top, 5_000)
    assert (sort_order(group, middle, last) == np.lexsort((last, middle, group))).all()
