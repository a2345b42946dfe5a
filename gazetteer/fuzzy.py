"""One-edit neighbours of consonant skeletons, with numpy only (a SymSpell-style index).

Two skeletons are one edit apart (one letter inserted, deleted or replaced) exactly when deleting
at most one letter from each gives the same string. Every skeleton of the gazetteer and each of
its one-letter deletions is hashed to 64 bits with a polynomial hash computed for all skeletons
at once (prefix sums over a code-point matrix), and the hashes are kept sorted: a query hashes
its own skeleton and deletions the same way and finds its neighbours with one searchsorted call.
Hash collisions can only add a spurious neighbour, which the caller's similarity score drops.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

MAX_SKELETON = 20  # longer skeletons are compared on their first 20 letters
_MASK = (1 << 64) - 1
_BASE_INVERSE = pow(1_000_003, -1, 1 << 64)
_POWERS = [pow(1_000_003, i, 1 << 64) for i in range(MAX_SKELETON + 1)]


def query_hashes(skeleton: str) -> tuple[int, list[int]]:
    """The hash of a skeleton and the hashes of its one-letter deletions.

    From prefix sums, as the table is built: deleting letter i keeps the hash of letters before
    it and shifts the rest down one power (a multiplication by the base's inverse).
    """
    prefix = [0]
    for power, char in zip(_POWERS, skeleton[:MAX_SKELETON], strict=False):
        prefix.append((prefix[-1] + ord(char) * power) & _MASK)
    whole = prefix[-1]
    deletions = [
        (prefix[i] + (whole - prefix[i + 1]) * _BASE_INVERSE) & _MASK
        for i in range(len(prefix) - 1)
    ]
    return whole, deletions


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its generic overhead, for short arrays)."""
    values = np.sort(values)
    if values.size > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


class SkeletonNeighbours:
    """Sorted hash tables of skeletons and of their one-letter deletions."""

    def __init__(self, skeletons: Sequence[str]) -> None:
        width = MAX_SKELETON
        matrix = np.array([s[:width] for s in skeletons], dtype=f"<U{width}")
        lengths = np.char.str_len(matrix)
        prefix = matrix.view(np.uint32).reshape(len(skeletons), width).astype(np.uint64)
        del matrix
        with np.errstate(over="ignore"):
            prefix *= np.array(_POWERS[:width], dtype=np.uint64)
            np.cumsum(prefix, axis=1, dtype=np.uint64, out=prefix)  # [:, i] = chars 0..i
            whole = prefix[:, -1].copy()
            inverse = np.uint64(_BASE_INVERSE)
            parts, owners = [], []
            for i in range(width):
                valid = np.flatnonzero(lengths > i)
                if valid.size == 0:
                    break
                before = prefix[valid, i - 1] if i else np.zeros(valid.size, np.uint64)
                after = (whole[valid] - prefix[valid, i]) * inverse
                parts.append(before + after)
                owners.append(valid.astype(np.int32))
        del prefix
        order = np.argsort(whole, kind="stable")
        self.whole_hash, self.whole_owner = whole[order], order.astype(np.int32)
        deletion_hash = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        deletion_owner = np.concatenate(owners) if owners else np.zeros(0, np.int32)
        order = np.argsort(deletion_hash, kind="stable")
        self.deletion_hash, self.deletion_owner = deletion_hash[order], deletion_owner[order]
        self._whole_owners = memoryview(self.whole_owner)
        self._deletion_owners = memoryview(self.deletion_owner)

    def neighbours(self, skeleton: str, cap: int) -> tuple[list[int], list[int]]:
        """Skeleton indices, ascending: (the skeleton itself, those one edit away), at most cap
        each. A query probes a dozen hashes, so after one binary search a table the runs are
        gathered in plain Python, cheaper than a dozen more numpy calls on arrays this small.

        One searchsorted a table finds both ends of every run: a run of h ends where h + 1
        would go (the largest hash, which has no successor, runs to the end of the table).
        """
        whole, deletions = query_hashes(skeleton)
        probes = [whole, *deletions]
        count = len(probes)
        keys = np.array(probes + [(h + 1) & _MASK for h in probes], dtype=np.uint64)
        runs = []  # (owners, left, right) of every non-empty run but the skeleton's own
        same: list[int] = []
        for hashes, owners, first in (
            (self.whole_hash, self._whole_owners, 0),
            (self.deletion_hash, self._deletion_owners, 1),
        ):
            ends = hashes.searchsorted(keys).tolist()
            for i in range(count):
                left = ends[i]
                right = ends[count + i] if probes[i] != _MASK else len(hashes)
                if right > left:
                    right = min(right, left + cap)
                    if i or first:
                        runs.append((owners, left, right))
                    else:
                        same = [owners[left]]  # the query's own skeleton (they are distinct)
        others: set[int] = set()
        for owners, left, right in runs:
            others.update(owners[left:right])
        if same:
            others.discard(same[0])
        return same, sorted(others)[:cap]


_CODE_BITS = 21  # every Unicode code point fits in 21 bits, so a bigram fits in 42
FEW_KEYS = 24  # fewer keys than this are scored in plain Python
_OWNER_SHIFT = np.uint64(2 * _CODE_BITS)


def _bigram_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Each bigram of text as one integer, and the newline-separated line it starts in."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    grams = (codes[:-1] << np.uint64(_CODE_BITS)) | codes[1:]
    breaks = codes == ord("\n")
    keep = ~(breaks[:-1] | breaks[1:])
    return grams[keep], np.cumsum(breaks)[:-1][keep]


def _query_bigrams(text: str) -> np.ndarray:
    """The distinct bigram integers of one short text, sorted: a Python set beats a dozen numpy
    calls on a string this short."""
    grams = {
        (ord(first) << _CODE_BITS) | ord(second)
        for first, second in pairwise(text)
        if first != "\n" and second != "\n"
    }
    return np.array(sorted(grams), dtype=np.uint64)


def dice_scores(query: str, keys: list[str]) -> list[float]:
    """Dice coefficient of the character-bigram sets of " query " and of each " key ".

    One vectorised pass over all keys (newline-joined, bigrams made unique per key) instead of a
    Python set per key: the fuzzy lookup scores up to a hundred keys a query. Below
    FEW_KEYS keys, Python sets are cheaper than numpy's fixed cost (same values: the same
    integer counts divided once).
    """
    if len(keys) < FEW_KEYS:
        padded = f" {query} "
        query_set = {padded[i : i + 2] for i in range(len(padded) - 1)}
        scores = []
        for key in keys:
            padded = f" {key} "
            grams = {padded[i : i + 2] for i in range(len(padded) - 1)}
            scores.append(2 * len(grams & query_set) / (len(grams) + len(query_set)))
        return scores
    query_grams = _query_bigrams(f" {query} ")
    grams, owners = _bigram_codes(" " + " \n ".join(keys) + " ")  # " key " lines
    distinct = _distinct((owners.astype(np.uint64) << _OWNER_SHIFT) | grams)
    owner = (distinct >> _OWNER_SHIFT).astype(np.int64)
    grams = distinct & np.uint64((1 << 2 * _CODE_BITS) - 1)
    at = np.minimum(np.searchsorted(query_grams, grams), len(query_grams) - 1)
    shared = query_grams[at] == grams
    sizes = np.bincount(owner, minlength=len(keys))
    common = np.bincount(owner, weights=shared, minlength=len(keys))
    return (2 * common / (sizes + len(query_grams))).tolist()
