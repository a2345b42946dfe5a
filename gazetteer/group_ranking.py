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


TIED = 1  # flag: a place ties in rank with the next one of its group
ONE_TEXT = 2  # flag: the place's group is a one-text group


class GroupRanking(NamedTuple):
    """The ranked places of the groups that name each place once (see the module docstring),
    best first, each group's in one run (where a run starts is kept by the caller: see
    ``rank_key_groups``). Per place: ``rows`` its row, ``names`` its name's position in key
    order minus its group's first, ``same_text`` and ``same_fold`` the index within the run of
    the first place whose name has the same text / the same casefolded text, ``flags`` TIED and
    ONE_TEXT. For one-text groups, ``spread`` gives the index within the run of the place at
    this position once each tied run is spread, and ``run_start`` where its tied run begins.
    Small integers are stored as bytes: a run has at most SHORTLIST places.
    """

    rows: memoryview
    names: memoryview
    same_text: memoryview
    same_fold: memoryview
    flags: memoryview
    spread: memoryview
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
) -> tuple[GroupRanking, np.ndarray]:
    """Rank the places of the groups that name each place once (``group_kinds``); a group of
    more than ``shortlist`` names keeps only its shortlist (from ``shortlists``). id_rank: each
    row's rank in place id order, or None when rows are in id order already. Returns the
    ranking and, per key group, where its run starts in it (-1: not ranked)."""
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
    del groups, names, at
    row = a.name_row[name]
    order = sort_order(group, prominence[row], row if id_rank is None else id_rank[row])
    group, name, row = group[order], name[order], row[order]
    starts_run = np.ones(len(group), bool)
    starts_run[1:] = group[1:] != group[:-1]
    first = np.flatnonzero(starts_run)
    run_first = np.repeat(first, np.diff(np.append(first, len(group))))  # each one's run start
    same_text, same_fold = _name_classes(a, run_first, name, ~one_text[group])
    # Ties are spread ahead only for one-text groups: the others' depend on the query.
    alike = np.flatnonzero(one_text[group])
    tied_alike, run_start_alike, spread_alike = _spread_runs(
        row[alike], group[alike], prominence, cell, sources
    )
    flags = np.where(one_text[group], ONE_TEXT, 0).astype(np.uint8)
    flags[alike] |= tied_alike.astype(np.uint8)
    spread = np.zeros(len(row), np.uint8)
    spread[alike] = alike[spread_alike] - run_first[alike]
    run_start = np.zeros(len(row), np.uint8)
    run_start[alike] = alike[run_start_alike] - run_first[alike]
    start = np.full(len(sizes), -1, np.int32)
    start[group[first]] = first
    ranking = GroupRanking(
        rows=memoryview(row.astype(np.int32)),
        names=memoryview((name - starts[group]).astype(np.uint16)),
        same_text=memoryview(same_text),
        same_fold=memoryview(same_fold),
        flags=memoryview(flags),
        spread=memoryview(spread),
        run_start=memoryview(run_start),
    )
    return ranking, start


def sort_order(*columns: np.ndarray) -> np.ndarray:
    """The stable order of items sorted on these non-negative integer columns, the first one
    most significant (``np.lexsort`` of the columns reversed). When their bits fit in one
    63-bit integer, one stable argsort of that integer: the groups come in order already, so
    it runs some twenty times faster than lexsort."""
    widths = [max(int(column.max(initial=0)).bit_length(), 1) for column in columns]
    if sum(widths) > 63:
        return np.lexsort(columns[::-1])
    packed = np.zeros(len(columns[0]), np.int64)
    for column, width in zip(columns, widths, strict=True):
        packed <<= width
        packed |= column
    return np.argsort(packed, kind="stable")


def _name_classes(
    a: GazetteerArrays, run_first: np.ndarray, name: np.ndarray, mixed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each ranked place, the index within its run (which starts at run_first) of the
    first place whose name has the same text, and the same casefolded text (0 throughout a
    one-text group). Only the names of the other groups are decoded (some 150,000)."""
    at = np.flatnonzero(mixed)
    decoded = a.texts_at(a.name_entry[name[at]])
    runs = run_first[at]
    same_text = np.zeros(len(name), np.uint8)
    same_fold = np.zeros(len(name), np.uint8)
    for classes, values in ((same_text, decoded), (same_fold, list(map(str.casefold, decoded)))):
        classes[at] = _first_alike(values, at, runs) - runs
    return same_text, same_fold


def _first_alike(values: list[str], at: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """For each value (at position at[i], in the run starting at runs[i]; positions ascending),
    the position of the first equal value of its run: equal hashes found with numpy, then
    each pair checked as text (a run with a hash collision is settled with a dict)."""
    hashes = np.fromiter(map(hash, values), np.int64, len(values))
    # The hashes' top bits, as many as fit beside the run in one integer to sort: equal values
    # share them, and different values sharing them are caught by the text check below.
    run_bits = max(int(runs.max(initial=0)).bit_length(), 1)
    hashes = (hashes.view(np.uint64) >> np.uint64(run_bits + 1)).astype(np.int64)
    order = sort_order(runs, hashes)  # stable: equal values stay in position order
    block = np.ones(len(order), bool)
    block[1:] = (runs[order][1:] != runs[order][:-1]) | (hashes[order][1:] != hashes[order][:-1])
    firsts = np.empty(len(order), np.int64)
    firsts[order] = order[np.maximum.accumulate(np.where(block, np.arange(len(order)), 0))]
    first = at[firsts]
    later = np.flatnonzero(firsts != np.arange(len(order)))
    pairs = zip(later.tolist(), firsts[later].tolist(), strict=True)
    for i in [i for i, f in pairs if values[i] != values[f]]:  # a collision: redo its run
        seen: dict[str, int] = {}
        for k in np.flatnonzero(runs == runs[i]).tolist():
            first[k] = seen.setdefault(values[k], at[k])
    return first


def _spread_runs(
    row: np.ndarray,
    group: np.ndarray,
    prominence: np.ndarray,
    cell: np.ndarray,
    sources: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tied, run_start, spread) of ranked places: whether each ties with the next one of its
    group in prominence class, where its tied run begins, and the positions of the places with
    each run ordered by turns in grid cells, the better attested first in each turn (the order
    of ``GazetteerIndex._spread_cut``)."""
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
    return tied, run_start, np.lexsort((position, minus_sources, turn, run))
