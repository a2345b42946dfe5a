"""The fuzzy tables: keys one consonant-skeleton edit from a query, and their bigram Dice scores.

Two skeletons are neighbours when deleting at most one letter from each gives the same string
(a SymSpell-style index): one letter inserted, deleted, replaced or moved. Every skeleton of
the gazetteer and each of its one-letter deletions is hashed with a polynomial hash, computed
for all skeletons at once from prefix sums; each hash's top bits and its skeleton's number make
one 64-bit entry of a sorted table, with a directory of where each range of top bits starts. A
query hashes its own skeleton and deletions the same way and binary-searches each hash in its
range of a couple of entries. Hashes agreeing on all kept bits (40 or more) by chance would only
add a spurious neighbour, which the caller's similarity score drops.

A lookup costs more for its numpy calls and scattered memory reads than for its arithmetic, so
the keys are numbered in skeleton order ("positions"): the keys of one skeleton are neighbours
in every per-position column (group, length, where its bigrams start, how many are distinct).
The character bigrams of every key are stored as small integer codes, so that scoring a
query's candidate keys touches no Python string.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

MAX_SKELETON = 20  # longer skeletons are compared on their first 20 letters
SKELETON_CHUNK = 65_536  # skeletons hashed at a time while the tables are built
QUERY_TABLE_SIZE = 1 << 16  # bigram codes up to this are looked up in a per-query table
MAX_CODE_POINT = 0x10FFFF
LENT_BITS = 20  # a skeleton lends fewer than 2**20 keys (the caller's cap is some hundreds)
LENT_MASK = (1 << LENT_BITS) - 1
FEW_ENTRIES = 48  # a query's neighbour entries up to this are decoded in plain Python
FEW_SKELETONS = 16  # a query's neighbour skeletons up to this: their keys listed in plain Python
_MASK = (1 << 64) - 1
_BASE = 1_000_003
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
# The hash is the polynomial one times an odd number (a bijection of 64-bit integers, and the
# deletion arithmetic is linear, so it carries through), which spreads the top bits of short
# skeletons' hashes evenly over the buckets: the powers are premultiplied.
_SPREAD = 0x9E3779B97F4A7C15
_POWERS = [pow(_BASE, i, 1 << 64) * _SPREAD & _MASK for i in range(MAX_SKELETON + 1)]


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


def skeleton_hashes(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``query_hashes`` of every skeleton of an encoded text column (UTF-8 lines) at once:
    (whole hash of each line, deletion hashes, the line of each deletion).

    Over the code points as one flat array rather than a matrix padded to the longest
    skeleton, a chunk of lines at a time so the build's memory stays small.
    """
    ends = np.append(np.flatnonzero(lines == ord("\n")), len(lines))  # each line's end byte
    wholes, deletions, owners = [], [], []
    for first in range(0, len(ends), SKELETON_CHUNK):
        last = min(first + SKELETON_CHUNK, len(ends))
        begin = int(ends[first - 1]) + 1 if first else 0
        text = lines[begin : int(ends[last - 1])].tobytes().decode("utf-8")
        whole, deletion, owner = _chunk_hashes(text, last - first)
        wholes.append(whole)
        deletions.append(deletion)
        owners.append(owner + first)
    return np.concatenate(wholes), np.concatenate(deletions), np.concatenate(owners)


def _chunk_hashes(text: str, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """skeleton_hashes of count newline-separated skeletons: a running sum of
    char x base^(place in line), restarted at every line."""
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    breaks = codes == ord("\n")
    line = np.cumsum(breaks, dtype=np.int32)
    keep = ~breaks
    line, codes = line[keep], codes[keep]
    starts = np.searchsorted(line, np.arange(count + 1, dtype=np.int32))
    place = np.arange(len(line), dtype=np.int32) - starts[line].astype(np.int32)
    kept = place < MAX_SKELETON
    line, codes, place = line[kept], codes[kept], place[kept]
    with np.errstate(over="ignore"):
        terms = codes.astype(np.uint64) * np.array(_POWERS, np.uint64)[place]
        del codes, place
        through = np.concatenate((np.zeros(1, np.uint64), np.cumsum(terms, dtype=np.uint64)))
        starts = np.searchsorted(line, np.arange(count + 1, dtype=np.int32))
        whole = through[starts[1:]] - through[starts[:-1]]  # 0 for an empty skeleton
        before = through[:-1] - through[starts[line]]  # the letters before each one, in its line
        deletions = before + (whole[line] - before - terms) * np.uint64(_BASE_INVERSE)
    return whole, deletions, line


class SortedHashes:
    """Where a hash's run lies in a sorted uint32 column: a directory of where each range of
    top bits starts (some 2-4 entries each), then a binary search of that range only, where
    one over the whole column makes twenty scattered reads."""

    def __init__(self, hashes: np.ndarray) -> None:
        bits = max(1, len(hashes).bit_length() - 2)
        self.shift = 32 - bits
        tops = np.arange((1 << bits) + 1, dtype=np.uint64) << np.uint64(self.shift)
        self._starts = memoryview(np.searchsorted(hashes, tops).astype(np.int64))
        self._hashes = memoryview(hashes)

    def run(self, h: int) -> tuple[int, int]:
        """The slice of the column holding hash h (empty when absent)."""
        bucket = h >> self.shift
        end = self._starts[bucket + 1]
        lo = bisect_left(self._hashes, h, self._starts[bucket], end)
        return lo, bisect_right(self._hashes, h, lo, end)


class FuzzyTables:
    """Skeleton neighbours and bigram codes of every key, in skeleton order."""

    def __init__(
        self,
        key_text: Sequence[str],
        key_skeleton: np.ndarray,
        skeleton_lines: np.ndarray,
        max_keys_per_skeleton: int,
    ) -> None:
        """key_text: the sorted keys; key_skeleton: each key's skeleton, as a line number of
        skeleton_lines (an encoded text column); a skeleton lends at most max_keys_per_skeleton
        of its keys (its first in key order) to a query."""
        whole, deletions, owner = skeleton_hashes(skeleton_lines)
        count = len(whole)
        # One sorted uint64 a table entry: the top bits of the spread hash, then the tag (its
        # skeleton << 1 | deletion?). Hash and tag are read together, and sorting these
        # integers in place needs no permutation. The hash keeps 40+ bits: two hashes agreeing
        # on all of them by chance (a spurious neighbour, which the score drops) is a one in
        # millions event a lookup.
        self.tag_bits = (2 * count).bit_length()
        tags = np.arange(count, dtype=np.uint64) << 1  # then the deletions'
        tags = np.concatenate((tags, owner.astype(np.uint64) << 1 | 1))
        del owner
        entries = np.concatenate((whole, deletions))
        del whole, deletions
        entries >>= np.uint64(self.tag_bits)
        entries <<= np.uint64(self.tag_bits)
        entries |= tags
        del tags
        entries.sort()
        bits = max(1, len(entries).bit_length() - 2)  # some 2-4 entries a bucket
        self.shift = 64 - bits
        top_bits = (entries >> np.uint64(self.shift)).astype(np.intp)
        buckets = np.bincount(top_bits, None, 1 << bits)
        del top_bits
        self.bucket_start = np.concatenate(([0], np.cumsum(buckets))).astype(np.int32)
        self.entries = entries
        self._entry_view = memoryview(entries)
        self._signed_entries = entries.view(np.int64)  # its tags read as plain integers
        self._bucket_view = memoryview(self.bucket_start)
        # Each skeleton's first position and how many of its keys it lends.
        order = np.argsort(key_skeleton, kind="stable")
        firsts = np.searchsorted(key_skeleton[order], np.arange(count))
        lent = np.diff(np.append(firsts, len(order))).clip(0, min(max_keys_per_skeleton, LENT_MASK))
        # Both in one integer (first << LENT_BITS | lent): a query reads the two of a scattered
        # skeleton from one place in memory, one cache miss instead of two.
        self.skeleton_span = firsts.astype(np.int64) << LENT_BITS | lent
        del firsts, lent
        self.key_length = np.fromiter(map(len, key_text), np.int32, len(key_text))
        self._index_positions(key_text, order)

    def _index_positions(self, key_text: Sequence[str], order: np.ndarray) -> None:
        """Each key's character bigrams (of " key ", as the Dice score pads it) as small integer
        codes, in key order, a repeat within a key replaced by no_bigram; and for each
        position its key's group, length, first bigram and distinct bigrams."""
        letters, alphabet = _letters(key_text, int(self.key_length.sum()))
        width = len(alphabet)
        code_type = letters.dtype.type
        self.letter_code = {chr(c): i for i, c in enumerate(alphabet.tolist())}
        self.width = width
        self.no_bigram = width * width
        bigrams = letters[:-1] * code_type(width)  # bigram j: letters j, j + 1
        bigrams += letters[1:]  # in place: no third array of the whole text
        del letters
        counts = self.key_length + 1  # " key " has len + 1 bigrams
        starts = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)[:-1]))
        distinct = counts.copy()
        # Repeats, found by sorting each key's codes, each tagged with its place in the key
        # (so the first of equal codes is the earliest): a length at a time, as matrix rows.
        place_bits = int(counts.max(initial=1)).bit_length()
        for length in np.unique(counts).tolist():
            positions = np.flatnonzero(counts == length)
            first = starts[positions, None]
            rows = bigrams[first + np.arange(length)].astype(np.int64) << place_bits
            rows |= np.arange(length)
            rows.sort(axis=1)
            codes_sorted = rows >> place_bits
            repeat = codes_sorted[:, 1:] == codes_sorted[:, :-1]
            distinct[positions] -= repeat.sum(axis=1, dtype=distinct.dtype)
            places = rows[:, 1:] & ((1 << place_bits) - 1)
            bigrams[(first + places)[repeat]] = self.no_bigram
        self.bigrams = bigrams
        self._in_query = np.zeros(self.no_bigram + 1, bool)  # dice's table of a query's bigrams
        # Each position's key: its group, bigrams (length + 1), first bigram, distinct bigrams.
        self.position_group = order.astype(np.int32)
        self.position_bigrams = counts[order].astype(np.int32)  # its key's length + 1
        self.position_start = starts[order].astype(np.int32)
        # Half the distinct bigrams (exact in float32): the Dice score 2c / (d + m) is computed
        # as c / (d / 2 + m / 2), the same quotient of exact numbers, one operation fewer.
        self.position_half_distinct = distinct[order].astype(np.float32) / 2

    def neighbours(self, skeleton: str, cap: int) -> tuple[int | None, np.ndarray]:
        """The skeleton itself (None if not stored), and the skeletons one edit away,
        ascending, at most cap.

        A few hashes are probed: each one's run of entries is found by a binary search inside
        its bucket of a couple of entries (two reads, where one over the whole table of
        millions makes twenty). Most queries find a few dozen entries, which plain Python
        decodes and dedupes for less than the fixed cost of the numpy calls; more are
        decoded together with numpy.
        """
        whole, deletions = query_hashes(skeleton)
        entries, starts, shift = self._entry_view, self._bucket_view, self.shift
        bits = self.tag_bits
        tag_mask = (1 << bits) - 1
        runs: list[tuple[int, int]] = []  # the deletion probes' runs of entries found
        found = 0
        own: list[int] = []
        longer: list[int] = []  # the tags of the skeletons one letter longer
        for probe, h in enumerate((whole, *deletions)):
            high = h | tag_mask  # the run's entries lie between h's kept bits and this
            bucket = h >> shift
            end = starts[bucket + 1]
            first = bisect_left(entries, high ^ tag_mask, starts[bucket], end)
            if first == end or entries[first] > high:  # most probes: no run, one search
                continue
            last = bisect_right(entries, high, first + 1, end)
            if last - first > cap:
                last = first + cap
            if probe:
                runs.append((first, last))
                found += last - first
            else:
                # The whole skeleton's run: its own entry (the first whole one, if stored)
                # and the deletions of the skeletons one letter longer.
                tags = [tag & tag_mask for tag in entries[first:last].tolist()]
                own = [tag >> 1 for tag in tags if not tag & 1][:1]
                longer = [tag for tag in tags if tag & 1]
                found += len(longer)
        same = own[0] if own else None
        if found <= FEW_ENTRIES:
            skeletons = {tag >> 1 for tag in longer}
            for first, last in runs:
                skeletons.update((tag & tag_mask) >> 1 for tag in entries[first:last].tolist())
            skeletons.discard(same)
            return same, np.array(sorted(skeletons)[:cap], np.int64)
        table = self._signed_entries
        decoded = np.concatenate([np.array(longer, np.int64), *(table[i:j] for i, j in runs)])
        decoded &= tag_mask  # in place: the concatenation is a new array
        decoded >>= 1
        decoded.sort()
        distinct = np.empty(len(decoded), bool)
        distinct[:1] = True
        np.not_equal(decoded[1:], decoded[:-1], out=distinct[1:])
        if own:
            distinct &= decoded != same
        return same, decoded.compress(distinct)[:cap]

    def same_positions(self, skeleton: int) -> np.ndarray:
        """The positions of the keys one skeleton lends."""
        span = self.skeleton_span.item(skeleton)
        first = span >> LENT_BITS
        return np.arange(first, first + (span & LENT_MASK))

    def positions_of(self, skeletons: np.ndarray, enough: int | None = None) -> np.ndarray:
        """The positions of the keys these skeletons lend, in skeleton order; given enough,
        maybe only those of the first skeletons, as many as lend at least that many keys (a
        caller that needs no more reads no more: some queries have thousands)."""
        spans = self.skeleton_span[skeletons]
        if len(spans) <= FEW_SKELETONS:  # a few runs: cheaper built in plain Python
            listed: list[int] = []
            for span in spans.tolist():
                first = span >> LENT_BITS
                listed.extend(range(first, first + (span & LENT_MASK)))
            return np.array(listed, np.int64)
        counts = spans & LENT_MASK
        ends = counts.cumsum()
        if enough is not None and ends[-1] > enough:
            last = int(ends.searchsorted(enough)) + 1
            spans, counts, ends = spans[:last], counts[:last], ends[:last]
        at = ((spans >> LENT_BITS) - ends + counts).repeat(counts)
        at += np.arange(ends[-1])
        return at

    def dice(self, query: str, positions: np.ndarray) -> np.ndarray:
        """Dice coefficient of the character-bigram sets of " query " and of each key's
        " key ", for the keys at these positions (integer counts, one division: the same
        values as with Python sets of two-letter strings)."""
        padded = f" {query} "
        grams = {padded[i : i + 2] for i in range(len(padded) - 1)}
        letter, width = self.letter_code, self.width
        known = [letter[a] * width + letter[b] for a, b in grams if a in letter and b in letter]
        known_codes = np.array(known, np.intp)  # converted once, used twice below
        counts = self.position_bigrams[positions]
        ends = counts.cumsum()
        firsts = ends - counts
        at = (self.position_start[positions] - firsts).repeat(counts)
        at += np.arange(ends[-1] if len(ends) else 0)
        codes = self.bigrams.take(at)
        if self.no_bigram <= QUERY_TABLE_SIZE:  # a table of the query's bigrams, read once each
            in_query = self._in_query  # all False between calls: set, read, then cleared
            in_query[known_codes] = True
            shared = in_query.take(codes)  # take: no conversion of the uint16 codes to intp
            in_query[known_codes] = False
        else:  # too many letters for a table: a binary search, closed by a sentinel
            query_codes = np.array([*sorted(known), self.no_bigram + 1], np.int64)
            shared = query_codes[query_codes.searchsorted(codes)] == codes
        common = np.add.reduceat(shared, firsts, dtype=np.int32)
        return common / (self.position_half_distinct[positions] + len(grams) / 2)


def _letters(key_text: Sequence[str], letter_count: int) -> tuple[np.ndarray, np.ndarray]:
    """The text " key key ... key " (every " key ", each space shared) as letter numbers, the
    ranks of its characters among those it uses, and those characters (ascending code points).
    uint16 numbers while a bigram of two fits in uint16 (Latin and Arabic keys use some 150
    characters), else uint32.

    A chunk of keys at a time, in two passes (which characters occur, then their ranks): the
    whole text encoded at once would hold some 50 MB more at the build's peak.
    """
    chunks = [key_text[i : i + SKELETON_CHUNK] for i in range(0, len(key_text), SKELETON_CHUNK)]
    used = np.zeros(MAX_CODE_POINT + 1, bool)
    used[ord(" ")] = True
    for chunk in chunks:
        used[np.frombuffer(" ".join(chunk).encode("utf-32-le"), np.uint32)] = True
    alphabet = np.flatnonzero(used)
    width = len(alphabet)
    code_type = np.uint16 if width * width < np.iinfo(np.uint16).max else np.uint32
    rank = np.zeros(MAX_CODE_POINT + 1, code_type)
    rank[alphabet] = np.arange(width, dtype=code_type)
    letters = np.empty(1 + letter_count + len(key_text), code_type)
    letters[0] = rank[ord(" ")]
    end = 1
    for chunk in chunks:
        codes = np.frombuffer((" ".join(chunk) + " ").encode("utf-32-le"), np.uint32)
        letters[end : end + len(codes)] = rank[codes]
        end += len(codes)
    return letters, alphabet


def dice_scores(query: str, keys: list[str]) -> list[float]:
    """``FuzzyTables.dice`` for keys that are not in the tables (the user's own names)."""
    padded = f" {query} "
    query_set = {padded[i : i + 2] for i in range(len(padded) - 1)}
    scores = []
    for key in keys:
        padded = f" {key} "
        grams = {padded[i : i + 2] for i in range(len(padded) - 1)}
        scores.append(2 * len(grams & query_set) / (len(grams) + len(query_set)))
    return scores
