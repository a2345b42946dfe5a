"""Key groups ranked once at load, so that an exact lookup of a stored name slices its answer.

A name written exactly as a stored one (the call geo makes most) matches every place of its key
group: the places whose name casefolds like the query "exactly", the others "normalized", each
kind ranked by prominence class and then place id. Most groups of two or more names name each
place once; for those the places are put in that order here, with numpy, and each place's name
is tagged with two small class numbers (the first place of the group whose name has the same
text, and the same casefolded text), so a lookup picks the exact ones by comparing integers
instead of decoding and casefolding every name of the group.

Groups whose names are all one text ("Tall Abyad" for five villages: "one-text" groups) rank
alike whatever the query, so their runs of places tied in rank also come pre-spread over the map
(as ``GazetteerIndex._spread_cut`` would reorder them), for a limit that cuts through such a run.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gazetteer.tables import GazetteerArrays

TEXT_PAIRS_AT_ONCE = 16_384  # name pairs compared byte for byte per numpy pass


class GroupRanking(NamedTuple):
    """The ranked places of the groups that name each place once (see the module docstring).

    Group g's places are ``rows[start[g]:start[g + 1]]`` (an empty range for other groups), best
    first; ``names`` the key-order position of each one's name; ``same_text`` and ``same_fold``
    the index, within the group, of the first place whose name has the same text / the same
    casefolded text. For one-text groups (``one_text[g]``) ``spread`` holds the same places with
    each tied run reordered, ``tied[k]`` whether place k ties with place k + 1 and
    ``run_start[k]`` where the tied run of place k begins.
    """

    start: memoryview
    rows: memoryview
    names: memoryview
    same_text: memoryview
    same_fold: memoryview
    one_text: memoryview
    spread: memoryview
    tied: memoryview
    run_start: memoryview


def group_kinds(arrays: GazetteerArrays) -> tuple[np.ndarray, np.ndarray]:
    """Two masks over key groups of two or more names: those naming each place once, and those
    among them whose names are all one text (compared byte for byte with numpy, each name
    against the next one of its group)."""
    a = arrays
    count = len(a.name_row)
    starts = a.key_start
    first = np.zeros(count + 1, bool)
    first[starts] = True
    pairs = np.flatnonzero(~first[1:count])  # i: names i and i + 1 share a key
    del first
    group_of_pair = np.searchsorted(starts, pairs, side="right") - 1
    multi = np.diff(starts) > 1
    once = multi.copy()
    once[group_of_pair[a.name_row[pairs] == a.name_row[pairs + 1]]] = False
    texts, next_texts = a.name_entry[pairs], a.name_entry[pairs + 1]
    begin, next_begin = a.name_offsets[texts], a.name_offsets[next_texts]
    length = a.name_offsets[texts + 1] - begin
    differs = length != a.name_offsets[next_texts + 1] - next_begin
    blob = np.frombuffer(a.name_text, np.uint8)
    alike = np.flatnonzero(~differs)
    for chunk in range(0, len(alike), TEXT_PAIRS_AT_ONCE):
        at = alike[chunk : chunk + TEXT_PAIRS_AT_ONCE]
        letters = length[at] - 1
        ends = letters.cumsum()
        step = np.arange(ends[-1]) - np.repeat(ends - letters, letters)
        unequal = np.concatenate(([0], np.cumsum(
            blob[np.repeat(begin[at], letters) + step]
            != blob[np.repeat(next_begin[at], letters) + step]
        )))  # fmt: skip
        differs[at] = unequal[ends] != unequal[ends - letters]
    one_text = once.copy()
    one_text[group_of_pair[differs]] = False
    return once, one_text


def rank_key_groups(
    arrays: GazetteerArrays,
    prominence: np.ndarray,
    id_rank: np.ndarray | None,
    cell: np.ndarray,
    sources: np.ndarray,
    shortlists: dict[int, tuple[list[int], list[int]]],
    shortlist: int,
) -> GroupRanking:
    """Rank the places of the groups that name each place once (``group_kinds``); a group of
    more than ``shortlist`` names keeps only its shortlist (from ``shortlists``). id_rank: each
    row's rank in place id order, or None when rows are in id order already."""
    a = arrays
    once, one_text = group_kinds(a)
    starts = a.key_start
    sizes = np.diff(starts)
    small = np.flatnonzero(once & (sizes <= shortlist))
    counts = sizes[small]
    at = np.repeat(starts[small] - (counts.cumsum() - counts), counts) + np.arange(counts.sum())
    groups, names = [np.repeat(small, counts)], [at]
    for group in np.flatnonzero(once & (sizes > shortlist)).tolist():
        shortlisted = shortlists[group][1]
        groups.append(np.full(len(shortlisted), group))
        names.append(np.array(shortlisted, dtype=np.int64))
    group = np.concatenate(groups)
    name = np.concatenate(names)
    row = a.name_row[name]
    order = np.lexsort((row if id_rank is None else id_rank[row], prominence[row], group))
    group, name, row = group[order], name[order], row[order]
    start = np.zeros(len(starts), np.int32)
    np.cumsum(np.bincount(group, minlength=len(starts) - 1), out=start[1:])
    same_text, same_fold = _name_classes(a, start, name, ~one_text[group])
    tied, run_start, spread = _spread_runs(row, group, prominence, cell, sources)
    return GroupRanking(
        start=memoryview(start),
        rows=memoryview(row.astype(np.int32)),
        names=memoryview(name.astype(np.int32)),
        same_text=memoryview(same_text),
        same_fold=memoryview(same_fold),
        one_text=memoryview(one_text),
        spread=memoryview(spread.astype(np.int32)),
        tied=memoryview(tied),
        run_start=memoryview(run_start),
    )


def _name_classes(
    a: GazetteerArrays, start: np.ndarray, name: np.ndarray, mixed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each ranked place, the index within its group of the first place whose name has the
    same text, and the same casefolded text (0 throughout a one-text group). Only the names of
    the other groups are decoded, one at a time (some 150,000)."""
    same_text = np.zeros(len(name), np.uint8)
    same_fold = np.zeros(len(name), np.uint8)
    at = np.flatnonzero(mixed)
    offsets = a.name_offsets
    texts = a.name_entry[name[at]]
    blob = a.name_text
    decoded = [
        blob[begin : end - 1].decode("utf-8")
        for begin, end in zip(offsets[texts].tolist(), offsets[texts + 1].tolist(), strict=True)
    ]
    text_class, fold_class = [], []
    first, group_end = 0, 0
    seen_text: dict[str, int] = {}
    seen_fold: dict[str, int] = {}
    starts = start.tolist()
    group = np.searchsorted(start, at, side="right") - 1
    for k, g, text in zip(at.tolist(), group.tolist(), decoded, strict=True):
        if k >= group_end:
            first, group_end = starts[g], starts[g + 1]
            seen_text, seen_fold = {}, {}
        text_class.append(seen_text.setdefault(text, k - first))
        fold_class.append(seen_fold.setdefault(text.casefold(), k - first))
    same_text[at] = text_class
    same_fold[at] = fold_class
    return same_text, same_fold


def _spread_runs(
    row: np.ndarray,
    group: np.ndarray,
    prominence: np.ndarray,
    cell: np.ndarray,
    sources: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tied, run_start, spread) of ranked places: whether each ties with the next one of its
    group in prominence class, where its tied run begins, and the places with each run ordered
    by turns in grid cells, the better attested first in each turn (``_spread_cut``'s order)."""
    place_class = prominence[row]
    tied = np.zeros(len(row), bool)
    tied[:-1] = (group[1:] == group[:-1]) & (place_class[1:] == place_class[:-1])
    run_first = np.ones(len(row), bool)
    run_first[1:] = ~tied[:-1]
    run = np.cumsum(run_first) - 1
    run_start = np.flatnonzero(run_first)[run].astype(np.int32)
    position = np.arange(len(row))
    minus_sources = -sources[row].astype(np.int32)
    cells = cell[row]
    by_cell = np.lexsort((position, minus_sources, cells, run))
    in_run, in_cell = run[by_cell], cells[by_cell]
    new_cell = np.ones(len(row), bool)
    new_cell[1:] = (in_run[1:] != in_run[:-1]) | (in_cell[1:] != in_cell[:-1])
    turn = np.empty(len(row), np.int64)
    turn[by_cell] = position - np.maximum.accumulate(np.where(new_cell, position, 0))
    return tied, run_start, row[np.lexsort((position, minus_sources, turn, run))]
