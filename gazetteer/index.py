"""The in-memory index: "which places could this name be?".

A lookup walks down these layers and stops adding once it has enough candidates:

1. the normalised key of the whole name, then of the variants ``query_key_tiers`` derives
   (written alternatives, descriptor words dropped, glued articles split), found by binary
   search in the sorted key column, which gives its slice of the key-sorted names table —
   "exact" and "normalized" matches, similarity 1 (a name written exactly as a stored one
   skips the folding: a table of the stored texts' hashes gives its key directly);
2. fuzzy: keys whose consonant skeleton (``skeleton_key``) equals the query's or is one edit
   away, found with the numpy deletion-neighbourhood index of ``gazetteer.fuzzy`` (built on the
   first fuzzy lookup), scored by the Dice coefficient of character bigrams blended with
   skeleton agreement — spellings no rule covers ("Tal Tamar" / "Tall Tamr", typos);
3. partial matches scored by the share of letters they cover: longer names that contain the
   query's words ("Haymar" -> "Haymar Kabir", through word postings), then runs of words
   inside a long query ("... compound outside Barisha" -> "Barisha").

Places tied in rank where the limit cuts (namesake villages with no population) are spread over
0.5-degree cells, better attested ones first, so ten slots hold ten areas, not one cluster.

The bigram Dice scores of a query's candidate keys are computed in one numpy pass over their
stored bigram codes (``gazetteer.fuzzy.FuzzyTables.dice``), so fuzzy lookups stay in the
thousands per second with only the standard library and numpy (the design card forbids
rapidfuzz at run time here).

The commonest call, an exact-only lookup of a name written as a stored one (geo's), takes a
short path (``_stored_name``): one record of the written-name table gives the name's group and,
for two keys in three, its only place; the groups of several places were ranked at load
(``gazetteer.group_ranking``), so their answer is a slice of that order, the exact matches
first, with no offers built. At a hundred thousand lookups a second, reads from memory and the
garbage collector's passes are much of the cost, hence records rather than columns and answers
that leave few objects behind. A lookup's answer is one flat tuple of (row, text, kind,
similarity) items, or only a row; the result cache keeps those, which the garbage collector
does not track, and ``candidates`` makes the Candidates (``candidate_makers``). Their places are
deferred, their fields read from the tables the first time one is used; a memo keeps the last
tens of thousands read (``PlaceMemo``).
"""

from __future__ import annotations

import gc
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from math import floor
from operator import itemgetter, lt
from pathlib import Path

import numpy as np

from gazetteer.fuzzy import FuzzyTables, SortedHashes, dice_scores
from gazetteer.group_ranking import ONE_TEXT, TIED, rank_key_groups
from gazetteer.model import (
    Candidate,
    MatchKind,
    Place,
    PlaceMemo,
    candidate_makers,
    register_filler,
)
from gazetteer.normalize import (
    MAX_NAME_CHARS,
    named_letters,
    normalize_name,
    query_key_tiers,
    skeleton_key,
)
from gazetteer.overlay import Overlay, read_overlay
from gazetteer.paths import DATA_DIR, overlay_path
from gazetteer.tables import (
    GAZETTEER_FILE,
    MIN_WORD_LETTERS,
    GazetteerArrays,
    read_gazetteer,
    word_hash,
)

FUZZY_MIN_SIMILARITY = 0.6
SKELETON_WEIGHT = 0.4
CONFIDENT_SIMILARITY = 0.85
MAX_FUZZY_SKELETONS = 400  # neighbouring skeletons read per query key
MAX_FUZZY_GROUPS = 300  # keys read per neighbouring skeleton: caps very common skeletons
MAX_FUZZY_KEYS = 80  # keys scored per query key
FEW_SCORED = 24  # a query key's passing keys up to this are ranked in plain Python
SAME_LENGTH_SCAN = 640  # one-edit keys first searched for enough of the query's own length
RESULT_CACHE_SIZE = 50_000  # lookups whose answers are kept, in two generations of half
PLACE_MEMO_SIZE = 50_000  # places read (see PlaceMemo) that are kept for the next lookups at most
CONTAINED_BASE = 0.5  # a name inside a longer one scores 0.5 + 0.5 x its share of letters
MAX_CONTAINING = 200  # longer names containing the query's words, scored per query key
SHORTLIST = 30  # places offered per key at most (the most prominent ones)
WRITTEN_HASH_SLICE = 65_536  # stored names decoded at a time to hash them at load
WRITTEN_HASH_BUCKETS = 1 << 18  # buckets of the written-name hash table (a power of two)
WRITTEN_BUCKET_SHIFT = sys.hash_info.width - WRITTEN_HASH_BUCKETS.bit_length() + 1
WRITTEN_FIRST_BUCKET = WRITTEN_HASH_BUCKETS // 2  # a hash's top bits are signed: this is 0
# The fields of a written-name record (see BaseTables.written_entry), offsets from its start:
# the text's first byte in the text blob, its key group, its position in key order, and the
# group's places: the row of its only place (>= 0), else -2 - where its run starts in the
# ranking made at load (``gazetteer.group_ranking``), or -1 for a group not ranked there.
WRITTEN_FIELDS = 4
WRITTEN_TEXT, WRITTEN_GROUP, WRITTEN_ENTRY, WRITTEN_PLACES = range(WRITTEN_FIELDS)
MAX_LENGTH_GAP = 3  # a one-edit-skeleton key differs from the query by at most 3 letters
# A near key's length gap, by its shifted length (0..2 x MAX_LENGTH_GAP): one read, not 3 calls.
_LENGTH_GAP = np.abs(np.arange(2 * MAX_LENGTH_GAP + 1) - MAX_LENGTH_GAP).astype(np.uint8)
VOWEL_VARIANT_SIMILARITY = 0.5  # the floor for a same-skeleton key of 4+ consonants
ROOT_CONSONANTS = 3  # Arabic roots are mostly triliteral: a 3-consonant skeleton names a root
SPREAD_CELL_DEGREES = 0.5  # namesakes tied in rank are spread over cells this wide (~50 km)
CELL_SHIFT = 11  # a cell as one integer: latitude cell << 11 + longitude cell (within ±360)
# The scoring of a query key's candidate keys, those of its own skeleton (at most MAX_FUZZY_KEYS)
# first: the skeleton agreement added to each one's weighted Dice (1 for the same skeleton, else
# 0.5, times SKELETON_WEIGHT), and the floor it must reach (by the floor of same-skeleton keys),
# read through a window that starts MAX_FUZZY_KEYS - (same-skeleton keys) in.
_AGREEMENT = np.repeat([SKELETON_WEIGHT * 1.0, SKELETON_WEIGHT * 0.5], MAX_FUZZY_KEYS)
_FLOORS = {
    floor: np.repeat([floor, FUZZY_MIN_SIMILARITY], MAX_FUZZY_KEYS)
    for floor in (VOWEL_VARIANT_SIMILARITY, FUZZY_MIN_SIMILARITY)
}
_FEATURE_WEIGHT = {
    "country": 4,
    "governorate": 3,
    "city": 3,
    "town": 2,
    "district": 2,
    "camp": 1,
    "subdistrict": 1,
    "village": 1,
}
_KIND_RANK = {"exact": 0, "normalized": 1, "fuzzy": 2}
_TEXT_ENDS = (b"\n", b"")  # what follows a stored text in the text blob
# The stored coded columns, in the order ``labels_of`` returns them.
CODED = ("feature", "country", "source", "admin1_id", "admin1_name", "admin2_id", "admin2_name")
# A place on offer during one lookup: its ranking fields (minus rounded score, query tier, kind
# rank, minus feature weight, minus population, place id), then the row or user Place, the
# matched text or the position of that text in the key-sorted names table, kind and score.
_Offer = tuple[float, int, int, int, int, str, "int | Place", "str | int", MatchKind, float]
_RANKING = 6  # the ranking fields of an _Offer
_OFFERED = itemgetter(6, 7, 8, 9)  # the rest: what becomes a Candidate
# A lookup's answer: for each candidate in turn, four items: the place row (or user Place),
# matched text, kind and similarity, in one flat tuple. The result cache keeps these plain
# tuples, which the garbage collector stops tracking, rather than Candidate objects: a long
# session caches tens of thousands of lookups, and every tracked object is walked again by each
# full collection. One tuple a lookup rather than one a candidate also makes fewer objects for
# the collector to count: it runs a pass after every few hundred that stay alive.
_Answer = tuple


def is_confident(candidate: Candidate) -> bool:
    """Whether a candidate is a match rather than a suggestion: an exact or normalised match, or
    a fuzzy one whose spelling differs only in vowels or one letter (similarity ≥ 0.85)."""
    return candidate.match != "fuzzy" or candidate.similarity >= CONFIDENT_SIMILARITY


class BaseTables:
    """The shipped archive, with the lookups and lazily built helper arrays over it."""

    def __init__(self, arrays: GazetteerArrays) -> None:
        self.arrays = arrays
        a = arrays
        self.ids = a.place_id
        self.latitude = a.latitude
        self.longitude = a.longitude
        self.population = a.population
        self.feature_code = a.codes["feature"]
        self.feature_labels = a.labels["feature"]
        self.country_code = a.codes["country"]
        self.country_labels = a.labels["country"]
        self._id_to_row: dict[str, int] | None = None
        # The builder writes places sorted by id; checked (10 ms) rather than assumed.
        self.rows_in_id_order = all(map(lt, self.ids, islice(self.ids, 1, None)))
        self._neighbours: FuzzyTables | None = None  # built on the first fuzzy lookup
        self._group_masks: dict[frozenset[str], np.ndarray] = {}
        self._country_codes: dict[frozenset[str], np.ndarray] = {}
        # One row of every coded column per place, in the smallest integer type that holds the
        # codes, label indices below their count (two bytes for a few thousand labels: 6 MB less).
        code_type = np.min_scalar_type(max(len(a.labels[column]) for column in CODED))
        self._code_matrix = np.stack(
            [a.codes[column] for column in CODED], axis=1, dtype=code_type, casting="unsafe"
        )
        self._labels = [a.labels[column] for column in CODED]
        # Small integer columns as int8: weights 0-4, a few sources at most.
        weight_of_code = np.array(
            [_FEATURE_WEIGHT.get(label, 0) for label in self.feature_labels], dtype=np.int8
        )
        self.feature_weight = weight_of_code[self.feature_code]
        # The ranking columns through zero-copy memoryviews: each offer reads them, and a
        # memoryview item costs a fraction of numpy's .item() (and, unlike a list, is no work for
        # the garbage collector).
        self.weights = memoryview(self.feature_weight)
        # How many sources attest each place ("geonames+wof" = 2): a tie-break, as a place
        # several sources list is more likely the one a writer means.
        sources_of_code = np.array(
            [label.count("+") + 1 for label in a.labels["source"]], dtype=np.int8
        )
        self.source_count = sources_of_code[a.codes["source"]]
        self.sources = memoryview(self.source_count)
        # Each place's grid cell as one integer (equal exactly when both coordinates' cells
        # are), for spreading the tied offers at a limit cut without float work per offer.
        cell = np.floor(self.latitude / SPREAD_CELL_DEGREES).astype(np.int32) << CELL_SHIFT
        cell += np.floor(self.longitude / SPREAD_CELL_DEGREES).astype(np.int32)
        self.cell = memoryview(cell)
        self.populations = memoryview(np.ascontiguousarray(self.population, dtype=np.int64))
        self.key_starts = memoryview(np.ascontiguousarray(a.key_start))
        self.name_rows = memoryview(np.ascontiguousarray(a.name_row))
        self._written_hash, self._bucket_start, self.written = self._index_written_names()
        self._blob = a.name_text
        # The shortlists of the keys of more than SHORTLIST names, made once (some 400 keys,
        # 16 ms): a lookup without a country filter then skips a dozen numpy calls on them.
        starts = a.key_start
        self._shortlists = {
            group: self._shortlist(starts.item(group), starts.item(group + 1), None)
            for group in np.flatnonzero(np.diff(starts) > SHORTLIST).tolist()
        }
        # Each place's prominence class: places rank by (feature weight, population), both
        # descending, exactly as by this one integer (equal classes are ties), so ranking a key
        # group's places reads one item a place rather than two, scattered over two columns.
        # (Made one sorted column at a time, so the load's peak memory barely grows.)
        by_prominence = np.lexsort((-self.population, -self.feature_weight))
        steps = np.zeros(len(by_prominence), bool)  # [i]: item i ranks below item i - 1
        for column in (self.population, self.feature_weight):
            ordered = column[by_prominence]
            steps[1:] |= ordered[1:] != ordered[:-1]
            del ordered
        prominence = np.empty(len(by_prominence), np.int32)
        prominence[by_prominence] = np.cumsum(steps, dtype=np.int32)
        self.prominence = memoryview(prominence)
        self.ranking, ranked_start = rank_key_groups(
            a,
            prominence,
            None if self.rows_in_id_order else np.argsort(np.argsort(np.array(self.ids))),
            cell,
            self.source_count,
            self._shortlists,
            SHORTLIST,
        )
        records = np.asarray(self.written).reshape(-1, WRITTEN_FIELDS)
        sole = records[:, WRITTEN_PLACES] >= 0
        records[~sole, WRITTEN_PLACES] = -2 - ranked_start[records[~sole, WRITTEN_GROUP]]

    def _index_written_names(self) -> tuple[memoryview, memoryview, memoryview]:
        """The table that finds a name written exactly as a stored one: (hashes, bucket
        starts, records); see ``written_entry``.

        The builder files every name under ``normalize_name(name)``, so a query written exactly
        as a stored name ("Raqqa", "Deir ez-Zor") can take that name's group from here with one
        hash and a short binary search over machine integers, instead of folding it first.
        Each distinct text has one record of WRITTEN_FIELDS int32 (see WRITTEN_PLACES; the
        last field is completed once the groups are ranked), its fields side by side, so a
        lookup reads one memory line where separate columns cost one each: at this rate,
        reads from memory are much of a lookup's time. Built at load (about 0.2 s), the texts
        decoded a slice at a time so they never all live at once.
        """
        a = self.arrays
        count = len(a.name_entry)
        hashes = np.empty(count, np.int64)
        for first in range(0, count, WRITTEN_HASH_SLICE):
            last = min(first + WRITTEN_HASH_SLICE, count)
            start, end = a.name_offsets.item(first), a.name_offsets.item(last)
            texts = a.name_text[start : end - 1].decode("utf-8").split("\n")
            hashes[first:last] = np.fromiter(map(hash, texts), np.int64, last - first)
        # Each hash's bits above those of a text position, with the position below them, one
        # integer sorted in place (np.sort is cheaper than argsort at load): in hash order, a
        # hash's top bits pick its bucket, and the bits between those and the position's, in
        # order within the bucket, are all the table keeps of it (the text check settles the
        # rare equal ones). Which of several texts of those bits is kept does not matter: the
        # same text has the same key and classes, and another one (a collision) fails
        # written_entry's check and is folded.
        position_bits = count.bit_length()
        packed = hashes.view(np.uint64) ^ np.uint64(1 << 63)  # same order, as unsigned
        del hashes
        packed >>= np.uint64(position_bits)
        packed <<= np.uint64(position_bits)
        packed |= np.arange(count, dtype=np.uint64)
        packed.sort()
        texts = (packed & np.uint64((1 << position_bits) - 1)).astype(np.int64)
        packed >>= np.uint64(position_bits)
        distinct = np.ones(count, bool)
        distinct[1:] = packed[1:] != packed[:-1]
        texts, packed = texts[distinct], packed[distinct]
        del distinct
        self._kept_shift = position_bits
        kept_bits = WRITTEN_BUCKET_SHIFT - position_bits
        self._kept_mask = (1 << kept_bits) - 1
        buckets = packed >> np.uint64(kept_bits)
        kept = packed & np.uint64(self._kept_mask)
        del packed
        every_bucket = np.arange(WRITTEN_HASH_BUCKETS + 1, dtype=np.uint64)
        bucket_start = np.searchsorted(buckets, every_bucket)
        del buckets
        entry = np.empty(count, np.int32)  # name_entry inverted: text position -> key order
        entry[a.name_entry] = np.arange(count, dtype=np.int32)
        entry = entry[texts]
        sizes = np.diff(a.key_start)
        group = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[entry]
        records = np.empty((len(texts), WRITTEN_FIELDS), np.int32)
        records[:, 0], records[:, 1], records[:, 2] = a.name_offsets[texts], group, entry
        records[:, 3] = np.where(sizes[group] == 1, a.name_row[entry], -1)
        return (
            memoryview(kept.astype(np.uint32)),
            memoryview(bucket_start.astype(np.int32)),
            memoryview(records.reshape(-1)),
        )

    def written_entry(self, name: str) -> int:
        """Where the record of a name written exactly as a stored one starts in ``written``
        (its fields at that index and the next ones: WRITTEN_TEXT, WRITTEN_GROUP,
        WRITTEN_ENTRY, WRITTEN_PLACES), or -1 (then fold it). The hash's top bits pick a
        bucket of the table, so the binary search runs over a couple of entries."""
        h = hash(name)
        bucket = (h >> WRITTEN_BUCKET_SHIFT) + WRITTEN_FIRST_BUCKET
        kept, starts = (h >> self._kept_shift) & self._kept_mask, self._bucket_start
        hashes, end = self._written_hash, starts[bucket + 1]
        i = bisect_left(hashes, kept, starts[bucket], end)
        while i < end and hashes[i] == kept:
            at = i * WRITTEN_FIELDS
            start, text, blob = self.written[at + WRITTEN_TEXT], name.encode(), self._blob
            after = start + len(text)  # a newline or the end of the blob ends a stored text
            if blob.startswith(text, start) and blob[after : after + 1] in _TEXT_ENDS:
                return at
            i += 1  # another text whose hash shares those bits
        return -1

    def group_of(self, key: str) -> int | None:
        """The group of a normalised key, or None: a binary search of the sorted key column,
        where a dict over its 637k keys would cost some 40 MB and 0.1-0.4 s of every load."""
        keys = self.arrays.key_text
        group = bisect_left(keys, key)
        return group if group < len(keys) and keys[group] == key else None

    def group_entries(
        self, group: int, wanted: frozenset[str] | None
    ) -> Iterable[tuple[int, int]]:
        """(place row, name position) of the names under one key, in these countries if given.

        A key shared by many places ("San Jose", "Tall Abyad") is cut with numpy to the
        SHORTLIST most prominent of them (feature class, then population) before any Python
        object is made; the ranking can never use more than that anyway.
        """
        lo, hi = self.key_starts[group], self.key_starts[group + 1]
        if hi - lo <= SHORTLIST:
            # Most keys name a handful of places: plain Python beats a dozen numpy calls.
            pairs = zip(self.name_rows[lo:hi].tolist(), range(lo, hi), strict=True)
            if wanted is None:
                return pairs
            labels, codes = self.country_labels, self.country_code
            return [(row, i) for row, i in pairs if labels[codes.item(row)] in wanted]
        rows, names = self._shortlists[group] if wanted is None else self._shortlist(lo, hi, wanted)
        return zip(rows, names, strict=True)

    def _shortlist(
        self, lo: int, hi: int, wanted: frozenset[str] | None
    ) -> tuple[list[int], list[int]]:
        """group_entries of a key with more than SHORTLIST names, as (rows, name positions)."""
        names = np.arange(lo, hi)
        rows = self.arrays.name_row[lo:hi]
        if wanted is not None:
            keep = self.in_countries(rows, wanted)
            names, rows = names[keep], rows[keep]
        if len(rows) > SHORTLIST:
            weight, population = self.feature_weight[rows], self.population[rows]
            best = np.lexsort((-population, -weight))
            last, next_ = best[SHORTLIST - 1], best[SHORTLIST]
            if weight[last] == weight[next_] and population[last] == population[next_]:
                # The cut falls among equals: spread them (see spread_turns).
                sources = self.source_count[rows]
                turn = spread_turns(np.stack([weight, population, *self.cells(rows)]), sources)
                best = np.lexsort((rows, -sources, turn, -population, -weight))
            names, rows = names[best[:SHORTLIST]], rows[best[:SHORTLIST]]
        return rows.tolist(), names.tolist()

    def cells(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (latitude, longitude) grid cell of each place row, SPREAD_CELL_DEGREES wide."""
        return (
            np.floor(self.latitude[rows] / SPREAD_CELL_DEGREES).astype(np.int64),
            np.floor(self.longitude[rows] / SPREAD_CELL_DEGREES).astype(np.int64),
        )

    def in_countries(self, rows: np.ndarray, countries: frozenset[str]) -> np.ndarray:
        """Boolean mask: which of these place rows lie in one of the countries."""
        codes = self._country_codes.get(countries)
        if codes is None:
            codes = np.array(
                [i for i, c in enumerate(self.country_labels) if c in countries], dtype=np.int64
            )
            self._country_codes[countries] = codes
        return np.isin(self.country_code[rows], codes)

    @property
    def size(self) -> int:
        return len(self.ids)

    def feature(self, row: int) -> str:
        return self.feature_labels[self.feature_code[row]]

    def country(self, row: int) -> str:
        return self.country_labels[self.country_code.item(row)]

    def labels_of(self, row: int) -> list[str]:
        """The coded columns of one place, in ``CODED`` order (feature, country, source,
        admin1 id and name, admin2 id and name)."""
        codes = self._code_matrix[row].tolist()
        return [labels[code] for labels, code in zip(self._labels, codes, strict=True)]

    def id_to_row(self) -> dict[str, int]:
        if self._id_to_row is None:
            self._id_to_row = {place_id: row for row, place_id in enumerate(self.ids)}
        return self._id_to_row

    def names_of(self, row: int) -> tuple[tuple[str, str], ...]:
        return self.arrays.names_of(row)

    def fuzzy_positions(
        self, skeleton: str, length: int, mask: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Keys worth scoring for a query key, as positions in the fuzzy tables: (those of the
        same skeleton, those of a skeleton one edit away).

        Vectorised: the keys of all neighbouring skeletons are gathered with one index
        arithmetic, kept within the country mask, and the one-edit ones are narrowed to keys of
        a similar length, closest lengths first.
        """
        tables = self.neighbours()
        same, others = tables.neighbours(skeleton, MAX_FUZZY_SKELETONS)
        if same is None:
            same_at = np.zeros(0, np.intp)
        else:
            same_at = tables.same_positions(same)
            if mask is not None:
                same_at = same_at[mask[tables.position_group[same_at]]]
        if not len(others):
            return same_at[:MAX_FUZZY_KEYS], same_at[:0]
        # The keys of one skeleton are next to each other in the tables, not scattered.
        at = tables.positions_of(others, SAME_LENGTH_SCAN)
        room = max(0, MAX_FUZZY_KEYS - len(same_at))
        if len(at) >= SAME_LENGTH_SCAN:
            # Thousands of keys (short skeletons have hundreds of neighbours): the keys kept are
            # those closest in length, equal ones first in table order, so when the first keys
            # hold enough of the query's own length (the closest), those are the answer and
            # the others need not be read.
            first = at[:SAME_LENGTH_SCAN]
            closest = tables.position_bigrams[first] == length + 1
            if mask is not None:
                closest &= mask[tables.position_group[first]]
            hits = closest.nonzero()[0]
            if len(hits) >= room:
                return same_at[:MAX_FUZZY_KEYS], first.take(hits[:room])
            at = tables.positions_of(others)
        # A key's length + 1 (its bigram count) less the query's, shifted by the largest gap:
        # within 0..2 x MAX_LENGTH_GAP exactly when near (a negative one reads as huge unsigned).
        shifted = tables.position_bigrams[at] - (length + 1 - MAX_LENGTH_GAP)
        near = shifted.view(np.uint32) <= 2 * MAX_LENGTH_GAP
        if mask is not None:
            near &= mask[tables.position_group[at]]
        at = at.compress(near)  # compress: half a boolean index's time on thousands of keys
        if len(at) > room:
            # Closest lengths first, equal ones in table order: a deterministic cut (where a
            # partition keeps an arbitrary few of a tied run), and a stable sort of bytes is a
            # radix sort, a third of a partition's cost on thousands of keys.
            gaps = _LENGTH_GAP.take(shifted.compress(near))  # take: no intp conversion
            at = at.take(gaps.argsort(kind="stable")[:room])
        return same_at[:MAX_FUZZY_KEYS], at

    def groups_with_words(self, key: str, mask: np.ndarray | None) -> np.ndarray:
        """Multi-word key groups holding every 4+-letter word of key (shortest keys first).

        A word's postings are found by binary search in plain Python inside its range of the
        hash directory: a misspelt word has none, and two searches cost less than a numpy call.
        """
        a = self.arrays
        words = {w for w in key.split() if len(w) >= MIN_WORD_LETTERS}
        self.neighbours()  # builds the word directory too
        run, none = self._word_runs.run, self._no_groups
        groups: np.ndarray = none
        for number, word in enumerate(words):
            lo, hi = run(word_hash(word))
            if hi == lo:
                return none
            postings = a.word_group[lo:hi]  # ascending, as the groups of every word
            if not number:
                groups = postings
                continue
            if len(postings) < len(groups):
                groups, postings = postings, groups
            # The groups also among the postings: each looked up in them (a binary search),
            # cheaper than intersect1d's sort of both when one list is short.
            at = postings.searchsorted(groups).clip(0, len(postings) - 1)
            groups = groups[postings[at] == groups]
        if mask is not None:
            groups = groups[mask[groups]]
        if len(groups) > MAX_CONTAINING:
            lengths = self.neighbours().key_length[groups]
            groups = groups[np.argsort(lengths, kind="stable")[:MAX_CONTAINING]]
        return groups

    def groups_in(self, countries: frozenset[str]) -> np.ndarray:
        """Boolean mask of the key groups naming at least one place in these countries."""
        mask = self._group_masks.get(countries)
        if mask is None:
            codes = [i for i, c in enumerate(self.country_labels) if c in countries]
            in_rows = np.isin(self.country_code, codes)
            per_name = in_rows[self.arrays.name_row]
            mask = np.logical_or.reduceat(per_name, self.arrays.key_start[:-1])
            if len(self._group_masks) > 16:
                self._group_masks.clear()
            self._group_masks[countries] = mask
        return mask

    def neighbours(self) -> FuzzyTables:
        """The fuzzy tables (one-edit skeleton index, key lengths and bigrams); built on the
        first fuzzy lookup."""
        if self._neighbours is None:
            a = self.arrays
            self._neighbours = FuzzyTables(
                a.key_text, a.key_skeleton, a.skeleton_bytes, MAX_FUZZY_GROUPS
            )
            # Where each word's postings lie (the names containing a query's words).
            self._word_runs = SortedHashes(a.word_hash)
            self._no_groups = a.word_group[:0]
        return self._neighbours


class PlaceFields:
    """Reads every field of a row's place but its id, with the user's aliases added to its
    names: what a deferred place calls the first time one of its fields is read."""

    def __init__(self, base: BaseTables, aliases_by_id: dict[str, list[tuple[str, str, str]]]):
        self.base = base
        self.aliases_by_id = aliases_by_id

    def __call__(self, row: int) -> dict[str, object]:
        b, a = self.base, self.base.arrays
        names = a.names_of(row)
        if self.aliases_by_id:
            names += tuple(
                (lang, name)
                for _, lang, name in self.aliases_by_id.get(b.ids[row], ())
                if (lang, name) not in names
            )
        feature, country, source, admin1_id, admin1, admin2_id, admin2 = b.labels_of(row)
        return {
            "name": a.place_name[row],
            "feature": feature,
            "country": country,
            "admin1": admin1,
            "admin1_id": admin1_id,
            "admin2": admin2,
            "admin2_id": admin2_id,
            "latitude": b.latitude.item(row),
            "longitude": b.longitude.item(row),
            "population": b.population.item(row),
            "source": source,
            "names": names,
        }


class GazetteerIndex:
    """Candidate places for a name, over the shipped tables plus the user overlay."""

    def __init__(self, base: BaseTables, overlay: Overlay | None = None) -> None:
        self.base = base
        self.overlay = overlay or Overlay()
        self._user_places = {p.id: p for p in self.overlay.places}
        self._aliases_by_id: dict[str, list[tuple[str, str, str]]] = {}
        for entry in self.overlay.aliases:
            self._aliases_by_id.setdefault(entry[0], []).append(entry)
        self._user_keys: dict[str, list[tuple[str, str, str]]] = {}
        for place_id, lang, name, key in self.overlay.names:
            self._user_keys.setdefault(key, []).append((place_id, lang, name))
        self._user_skeletons: dict[str, list[str]] = {}
        for key in self._user_keys:
            self._user_skeletons.setdefault(skeleton_key(key), []).append(key)
        # The places whose fields were read, handed out again by the next lookups.
        self._place_cache = PlaceMemo(PLACE_MEMO_SIZE)
        # One filler shared by every deferred place; it holds the tables and the aliases, not
        # this index, so an index replaced after an overlay change can be freed.
        self._filler = register_filler(PlaceFields(base, self._aliases_by_id), self._place_cache)
        # A row's place (its fields read when first used) and the Candidates of an answer.
        makers = candidate_makers(base.ids, self._filler, self._place_cache)
        self._place, self._exact_candidate, self._candidates_from = makers
        # Names recur across articles; the last results are kept (the index is rebuilt, and so
        # the cache emptied, whenever the user overlay changes), in two generations rather than
        # one cache ordered by use: new answers go to the first, which becomes the older one (the
        # previous one dropped) when it holds half of RESULT_CACHE_SIZE; an older answer found
        # again moves back to the first. A generation files answers by (limit, fuzzy, countries),
        # then by name: keyed by the name itself, a cached answer adds no tuple for the garbage
        # collector to count (see _Answer).
        self._results: dict[tuple, dict[str, _Answer | int]] = {}
        self._older_results: dict[tuple, dict[str, _Answer | int]] = {}
        self._results_held = 0  # answers in the first generation

    # -- places -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.base.size + len(self._user_places)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        if not isinstance(place_id, str):
            return None
        if place_id in self._user_places:
            return self._user_places[place_id]
        row = self.base.id_to_row().get(place_id)
        return None if row is None else self._place(row)

    def places_in(self, country: str, feature: str | None = None) -> list[Place]:
        """Every place of a country (ISO2), optionally of one feature type, most populous first."""
        if not isinstance(country, str):
            return []
        b = self.base
        labels = b.country_labels
        if country.upper() not in labels:
            mask = np.zeros(b.size, bool)
        else:
            mask = b.country_code == labels.index(country.upper())
        if feature:
            code = b.feature_labels.index(feature) if feature in b.feature_labels else -1
            mask &= b.feature_code == code
        rows = np.flatnonzero(mask)
        rows = rows[np.argsort(-b.population[rows], kind="stable")]
        places = [self._place(int(r)) for r in rows]
        places += [
            p
            for p in self._user_places.values()
            if p.country == country.upper() and (not feature or p.feature == feature)
        ]
        return places

    # -- lookups ------------------------------------------------------------------------------
    def candidates(
        self,
        name: str,
        limit: int = 10,
        fuzzy: bool = True,
        countries: Iterable[str] | None = None,
    ) -> list[Candidate]:
        """Places this name could be, best first; [] for empty, garbage or oversized input."""
        if not isinstance(name, str) or limit <= 0 or len(name) > MAX_NAME_CHARS:
            return []
        if isinstance(countries, str):  # "SY" means ["SY"], not ["S", "Y"]
            countries = [countries]
        wanted = frozenset(str(c).upper() for c in countries) if countries else None
        options = (limit, fuzzy, wanted)
        answers = self._results.get(options)
        found = None if answers is None else answers.get(name)
        if found is None:
            older = self._older_results.get(options)
            found = None if older is None else older.get(name)
            if found is None:
                found = self._lookup(name, limit, fuzzy, wanted)
            if answers is None:
                answers = self._results[options] = {}
            answers[name] = found
            self._results_held += 1
            if self._results_held >= RESULT_CACHE_SIZE // 2:
                self._older_results, self._results = self._results, {}
                self._results_held = 0
        if found.__class__ is int:  # one place, which the name itself matched exactly
            return self._exact_candidate(found, name)
        return self._candidates_from(found)

    def _lookup(
        self, name: str, limit: int, fuzzy: bool, wanted: frozenset[str] | None
    ) -> _Answer | int:
        """The answer to a lookup: a flat tuple (see _Answer), or only the row of a place when
        it is the one candidate and the name itself matched it exactly (an int is no object the
        garbage collector counts)."""
        stored = self.base.written_entry(name)
        if stored >= 0 and not fuzzy:
            answer = self._stored_name(name, stored, limit, wanted)
            if answer is not None:
                return answer
        found: dict[str, _Offer] = {}
        written = name.casefold().strip()
        # Fast path: the whole name's key; the other tiers are computed only when needed.
        if stored < 0:
            self._collect_key(normalize_name(name), written, 1.0, 0, wanted, found)
        else:
            group = self.base.written[stored + WRITTEN_GROUP]
            key = self.base.arrays.key_text[group]
            self._collect_group(key, group, written, 1.0, 0, wanted, found)
        if found and (not fuzzy or len(found) >= limit):
            return self._ranked(found, limit)
        tiers = query_key_tiers(name)
        if not any(tiers):
            return ()
        *name_tiers, windows = tiers
        for tier_rank, tier in enumerate(name_tiers[1:] if not found else [], 1):
            for key in tier:
                self._collect_key(key, written, 1.0, tier_rank, wanted, found)
            if found:
                break
        if fuzzy and len(found) < limit:
            self._collect_containing(name_tiers, limit, wanted, found)
        if fuzzy and len(found) < limit:
            self._collect_fuzzy(name_tiers, limit, wanted, found)
        if fuzzy and len(found) < limit and windows:
            # Runs of words inside a longer name ("... outside Barisha"): partial matches, scored
            # by the share of the name's letters they cover.
            letters = max(1, len(next(k for tier in name_tiers for k in tier).replace(" ", "")))
            for key in windows:
                share = min(0.99, len(key.replace(" ", "")) / letters)
                self._collect_key(key, "", share, len(name_tiers), wanted, found)
        return self._ranked(found, limit)

    def _stored_name(
        self, name: str, stored: int, limit: int, wanted: frozenset[str] | None
    ) -> _Answer | int | None:
        """An exact-only lookup of a name written as a stored one (the call geo makes most):
        the places of its one key group, ranked as ``_ranked`` ranks their offers, with lean
        per-place tuples instead of offers. None when user places share the key or no place is
        left in the countries: then the general path answers."""
        b = self.base
        written_record = b.written
        group = written_record[stored + WRITTEN_GROUP]
        if self._user_keys and b.arrays.key_text[group] in self._user_keys:
            return None
        folded = name.casefold()
        written = folded.strip()
        places = written_record[stored + WRITTEN_PLACES]
        if places >= 0:  # two keys in three name a single place: this row
            if wanted is not None and b.country(places) not in wanted:
                return None
            return places if folded == written else (places, name, "normalized", 1.0)
        entry = written_record[stored + WRITTEN_ENTRY]
        starts = b.key_starts
        lo, hi = starts[group], starts[group + 1]
        if places < -1 and folded == written:  # ranked at load; no blanks around the name
            answer = self._ranked_group(name, entry, -2 - places, (lo, hi), limit, wanted)
            if answer is not None:
                return answer or None  # () when no place is left in the countries
        name_at = b.arrays.name_at
        best: dict[int, tuple[bool, str]] = {}  # row -> (exact?, matched text): first best
        for row, i in b.group_entries(group, wanted):
            text = name if i == entry else name_at(i)
            exact = text.casefold() == written
            current = best.get(row)
            if current is None or (exact and not current[0]):
                best[row] = (exact, text)
        if not best:
            return None
        prominence = b.prominence
        # (kind rank, prominence class, place id, row, text): the ranking fields of an _Offer
        # that can differ within one key group, the class standing for feature weight and
        # population; when rows are in id order (as the builder writes them) the row stands for
        # the id, a cheaper compare.
        ids = None if b.rows_in_id_order else b.ids
        ranked = sorted(
            (
                0 if exact else 1,
                prominence[row],
                row if ids is None else ids[row],
                row,
                text,
            )
            for row, (exact, text) in best.items()
        )
        if len(ranked) > limit:
            ranked = self._spread_cut(ranked, limit, 2, 3)
        answer: list = []
        for rank, _, _, row, text in ranked[:limit]:
            answer += (row, text, "normalized" if rank else "exact", 1.0)
        return tuple(answer)

    def _ranked_group(
        self,
        name: str,
        entry: int,
        first: int,
        bounds: tuple[int, int],
        limit: int,
        wanted: frozenset[str] | None,
    ) -> _Answer | None:
        """_stored_name for a group ranked at load (``gazetteer.group_ranking``), its run there
        starting at first, its names at bounds in key order, the query's at entry: places are taken
        in their stored order, the exact ones first, with no name decoded but those of other
        texts that make the answer. None when the group's shortlist does not serve (a country
        filter, or the query's own name not among the shortlisted ones)."""
        b = self.base
        ranking = b.ranking
        lo, hi = bounds
        size = hi - lo
        last = first + min(size, SHORTLIST)
        one_text = ranking.flags[first] & ONE_TEXT
        if one_text and wanted is None:  # every place matches alike: slice the stored order
            end = first + limit
            if end < last and ranking.flags[end - 1] & TIED:  # the limit cuts a tied run
                cut = first + ranking.run_start[end - 1]
                rows = ranking.rows[first:cut].tolist()
                rows += [ranking.rows[first + k] for k in ranking.spread[cut:end].tolist()]
            else:
                rows = ranking.rows[first : min(end, last)].tolist()
            answer = [None, name, "exact", 1.0] * len(rows)
            answer[::4] = rows
            return tuple(answer)
        if size > SHORTLIST and wanted is not None:
            return None  # the group's shortlist within the countries differs
        rows = ranking.rows[first:last].tolist()
        folds = ranking.same_fold[first:last].tolist()
        texts = ranking.same_text[first:last].tolist()
        names = ranking.names[first:last].tolist()
        if one_text:
            own = 0
        elif entry - lo in names:
            own = names.index(entry - lo)
        else:
            return None
        fold, text = folds[own], texts[own]
        places = range(len(rows))
        if wanted is not None:
            labels, codes = b.country_labels, b.country_code
            places = [k for k in places if labels[codes.item(rows[k])] in wanted]
        order = [k for k in places if folds[k] == fold]
        order += [k for k in places if folds[k] != fold]
        if len(order) > limit:
            # The limit cuts a tied run (same kind, same prominence class) when the first place
            # left out ties with the last one kept: spread that run as _spread_cut does.
            prominence = b.prominence
            last_in = order[limit - 1]
            exact, tied = folds[last_in] == fold, prominence[rows[last_in]]
            end = limit
            while end < len(order) and (
                (folds[order[end]] == fold) == exact and prominence[rows[order[end]]] == tied
            ):
                end += 1
            if end > limit:
                start = limit - 1
                while start > 0 and (
                    (folds[order[start - 1]] == fold) == exact
                    and prominence[rows[order[start - 1]]] == tied
                ):
                    start -= 1
                run = order[start:end]
                sources, cells = b.sources, b.cell
                attested = [
                    (-sources[rows[k]], position, cells[rows[k]]) for position, k in enumerate(run)
                ]
                order[start:] = [run[position] for position in _spread_order(attested)]
            order = order[:limit]
        name_at = b.arrays.name_at
        answer: list = []
        for k in order:
            answer += (
                rows[k],
                name if texts[k] == text else name_at(lo + names[k]),
                "exact" if folds[k] == fold else "normalized",
                1.0,
            )
        return tuple(answer)

    def _ranked(self, found: dict[str, _Offer], limit: int) -> _Answer:
        """Best offers first, as answers (only these become Candidates, in ``candidates``).

        Offers compare as plain tuples: their ranking fields end with the place id, unique
        among the offers, so the order never depends on the fields after it.
        """
        name_at = self.base.arrays.name_at
        offers = sorted(found.values())
        if len(offers) > limit:
            # Equal in score, tier, kind, feature and population: tied where the limit cuts.
            offers = self._spread_cut(offers, limit, _RANKING - 1, _RANKING)
        answer: list = []
        for offer in offers[:limit]:
            row_or_place, text, kind, _ = _OFFERED(offer)
            if not isinstance(text, str):
                text = name_at(text)
            # The score rounded is the first ranking field, negated: no second round().
            answer += (row_or_place, text, kind, -offer[0])
        return tuple(answer)

    def _spread_cut(self, ranked: list, limit: int, tie: int, place: int) -> list:
        """Ranked tuples (their first ``tie`` fields the rank, field ``place`` a row or user
        Place) with the run of equally ranked ones that the limit cuts reordered by turns in
        their grid cells, as ``spread_turns`` orders a shortlist: the cut then keeps namesakes
        in different areas, better attested ones first, rather than whichever ids sort first."""
        tied = ranked[limit - 1][:tie]
        hi = limit
        while hi < len(ranked) and ranked[hi][:tie] == tied:
            hi += 1
        if hi == limit:
            return ranked
        lo = limit - 1
        while lo > 0 and ranked[lo - 1][:tie] == tied:
            lo -= 1
        # In plain Python: a run is a few dozen places, too few to pay for numpy's overhead.
        sources, cells = self.base.sources, self.base.cell
        attested = []  # (-sources, position, cell) of each tied place
        for position, item in enumerate(ranked[lo:hi], lo):
            row = item[place]
            if isinstance(row, Place):  # a user place
                latitude_cell = floor(row.latitude / SPREAD_CELL_DEGREES)
                cell = (latitude_cell << CELL_SHIFT) + floor(row.longitude / SPREAD_CELL_DEGREES)
                attested.append((-row.source.count("+") - 1, position, cell))
            else:
                attested.append((-sources[row], position, cells[row]))
        spread = [ranked[position] for position in _spread_order(attested)]
        return ranked[:lo] + spread + ranked[hi:]

    def _collect_key(
        self,
        key: str,
        written: str,
        similarity: float,
        tier: int,
        wanted: frozenset[str] | None,
        found: dict[str, _Offer],
    ) -> None:
        """Offer the places named by one key (a fuzzy one when similarity < 1); a place already
        on offer keeps its better offer."""
        group = self.base.group_of(key)
        self._collect_group(key, group, written, similarity, tier, wanted, found)

    def _collect_group(
        self,
        key: str,
        group: int | None,
        written: str,
        similarity: float,
        tier: int,
        wanted: frozenset[str] | None,
        found: dict[str, _Offer],
    ) -> None:
        """_collect_key for a key whose group (None: not in the shipped tables) is known."""
        fuzzy = similarity < 1.0
        rounded = -round(similarity, 3)
        if group is not None:
            b = self.base
            ids, weights, populations = b.ids, b.weights, b.populations
            name_at = b.arrays.name_at
            kind: MatchKind = "fuzzy"
            rank = _KIND_RANK[kind]
            for row, entry in b.group_entries(group, wanted):
                # A fuzzy offer's text is decoded only if it makes the result (in _ranked).
                text: str | int = entry
                if not fuzzy:
                    text = name_at(entry)
                    kind = "exact" if text.casefold() == written else "normalized"
                    rank = _KIND_RANK[kind]
                place_id = ids[row]
                offer = (
                    rounded, tier, rank, -weights[row], -populations[row], place_id,
                    row, text, kind, similarity,
                )  # fmt: skip
                current = found.get(place_id)
                if current is None or offer[:_RANKING] < current[:_RANKING]:
                    found[place_id] = offer
        for place_id, _lang, text in self._user_keys.get(key, ()):
            place = self.get(place_id)
            if place is not None and (wanted is None or place.country in wanted):
                weight = _FEATURE_WEIGHT.get(place.feature, 0)
                kind = (
                    "fuzzy" if fuzzy else "exact" if text.casefold() == written else "normalized"
                )
                offer = (
                    rounded, tier, _KIND_RANK[kind], -weight, -place.population, place_id,
                    place, text, kind, similarity,
                )  # fmt: skip
                current = found.get(place_id)
                if current is None or offer[:_RANKING] < current[:_RANKING]:
                    found[place_id] = offer

    def _collect_fuzzy(
        self,
        tiers: list[list[str]],
        limit: int,
        wanted: frozenset[str] | None,
        found: dict[str, _Offer],
    ) -> None:
        """Offer places whose key is close to a query key: same or one-edit skeleton, scored.

        The score mixes the bigram Dice coefficient of the keys with whether the consonant
        skeletons agree, so "Tal Tamar" ranks "Tall Tamr" (same consonants) above
        "Tall Ammar" (more shared letters, one consonant fewer). Keys differing only in vowels
        (same skeleton) are admitted down to VOWEL_VARIANT_SIMILARITY, ranked by that same
        score: transliterations disagree most on Arabic's unwritten short vowels ("Tarnaja" /
        "Trunj"), which bigrams punish twice per vowel. Not for skeletons of three consonants
        or fewer: those are Arabic roots, shared by dozens of unrelated names.
        """
        b = self.base
        mask = b.groups_in(wanted) if wanted is not None else None
        tables = b.neighbours()
        group_keys = b.arrays.key_text
        closeness_weight, agreement_weight = 1 - SKELETON_WEIGHT, SKELETON_WEIGHT
        for tier_rank, tier in enumerate(tiers):
            for key in tier:
                skeleton = skeleton_key(key)
                same, others = b.fuzzy_positions(skeleton, len(key), mask)
                user_keys = [k for k in self._user_skeletons.get(skeleton, ()) if k != key]
                count = len(same)  # keys of the same skeleton, first in at
                # Vowel-only variants of a distinctive skeleton are admitted below the floor.
                vowel_floor = (
                    VOWEL_VARIANT_SIMILARITY
                    if (count or user_keys) and consonant_count(skeleton) > ROOT_CONSONANTS
                    else FUZZY_MIN_SIMILARITY
                )
                scored: list[tuple[float, str, int | None]] = []  # (score, key, group)
                if count or len(others):
                    at = (
                        np.concatenate((same, others))
                        if count and len(others)
                        else (same if count else others)
                    )
                    # Dice blended with skeleton agreement (1 for the same skeleton, else 0.5),
                    # each key's agreement and floor read from a window of the tables of those.
                    window = slice(MAX_FUZZY_KEYS - count, MAX_FUZZY_KEYS - count + len(at))
                    score = closeness_weight * tables.dice(key, at)
                    score += _AGREEMENT[window]
                    kept = (score >= _FLOORS[vowel_floor][window]).nonzero()[0]
                    values = np.minimum(score[kept], 0.99)
                    groups = tables.position_group[at[kept]]
                    if not user_keys:
                        # Best first by (score, group): the key text sorts as its group number
                        # does (the key column is sorted), so only the keys offered are read.
                        # A few pairs sort faster in plain Python, many with numpy.
                        few = len(kept) <= FEW_SCORED
                        if not few:
                            order = np.lexsort((groups, values))[::-1]
                            values, groups = values[order], groups[order]
                        pairs = zip(values.tolist(), groups.tolist(), strict=True)
                        ranked = sorted(pairs, reverse=True) if few else pairs
                        self._offer_fuzzy(
                            _scored_keys(ranked, group_keys, key), tier_rank, limit, wanted, found
                        )
                        continue
                    scored = [
                        (value, candidate_key, group)
                        for group, value in zip(groups.tolist(), values.tolist(), strict=True)
                        if (candidate_key := group_keys[group]) != key  # not its own match
                    ]
                if user_keys:
                    closeness = dice_scores(key, user_keys)
                    for user_key, value in zip(user_keys, closeness, strict=True):
                        value = closeness_weight * value + agreement_weight * 1.0
                        if value >= vowel_floor:
                            scored.append((min(value, 0.99), user_key, b.group_of(user_key)))
                self._offer_fuzzy(
                    sorted(scored, key=itemgetter(0, 1), reverse=True),
                    tier_rank, limit, wanted, found,
                )  # fmt: skip

    def _offer_fuzzy(
        self,
        scored: Iterable[tuple[float, str, int | None]],
        tier: int,
        limit: int,
        wanted: frozenset[str] | None,
        found: dict[str, _Offer],
    ) -> None:
        """_collect_group for scored fuzzy keys, best first, until the limit is reached: the
        shipped groups' offers are made in one loop with the tables read once, since a fuzzy
        lookup offers some five keys and most of its places come from them."""
        b = self.base
        ids, weights, populations = b.ids, b.weights, b.populations
        group_entries, user_keys = b.group_entries, self._user_keys
        rank = _KIND_RANK["fuzzy"]
        for similarity, key, group in scored:
            if group is not None:
                rounded = -round(similarity, 3)
                for row, entry in group_entries(group, wanted):
                    # A fuzzy offer's text is decoded only if it makes the result (in _ranked).
                    place_id = ids[row]
                    offer = (
                        rounded, tier, rank, -weights[row], -populations[row], place_id,
                        row, entry, "fuzzy", similarity,
                    )  # fmt: skip
                    current = found.get(place_id)
                    if current is None or offer[:_RANKING] < current[:_RANKING]:
                        found[place_id] = offer
            if user_keys and key in user_keys:
                self._collect_group(key, None, "", similarity, tier, wanted, found)
            if len(found) >= limit:
                break

    def _collect_containing(
        self,
        tiers: list[list[str]],
        limit: int,
        wanted: frozenset[str] | None,
        found: dict[str, _Offer],
    ) -> None:
        """Offer places whose longer name contains the query's words in a row ("Haymar" ->
        "Haymar Kabir", "Wadi Barada" -> "Suk Wadi Barada"), scored by the share of letters
        they cover, a size or position qualifier's letters not counted (see named_letters)."""
        b, a = self.base, self.base.arrays
        mask = b.groups_in(wanted) if wanted is not None else None
        for tier_rank, tier in enumerate(tiers):
            for key in tier:
                groups = b.groups_with_words(key, mask)
                if not len(groups):  # most queries: a word of the key is in no longer name
                    continue
                padded, letters = f" {key} ", named_letters(key)
                scored = []
                for group in groups.tolist():
                    longer = a.key_text[group]
                    if longer != key and padded in f" {longer} ":
                        # A size or position qualifier ("Kabir", "Sharqi") is no other name;
                        # a query of qualifiers only ("Kabir") names nothing: share 0.
                        share = letters / max(named_letters(longer), 1)
                        share = min(0.99, CONTAINED_BASE + (1 - CONTAINED_BASE) * share)
                        scored.append((share, longer, group))
                scored.sort(reverse=True)  # the group follows the key: no tie reaches it
                for share, longer, group in scored[:limit]:
                    self._collect_group(longer, group, "", share, tier_rank, wanted, found)


def consonant_count(skeleton: str) -> int:
    """The consonants of a skeleton: ``skeleton_key`` keeps a name's first letter even when it
    is a vowel ("Abu Ubaydah" -> "abbd"), so that letter counts only if the rules keep it
    after another letter."""
    return len(skeleton) - (0 if not skeleton or _kept_after_a_letter(skeleton[0]) else 1)


@lru_cache(maxsize=1024)
def _kept_after_a_letter(letter: str) -> bool:
    """Whether the skeleton rules keep this letter after another (a consonant): cached, as a
    skeleton's first letter comes from a small alphabet."""
    return len(skeleton_key("b" + letter)) == 2


def spread_turns(classes: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """For items tied in rank, each one's turn within its class (a column of ``classes``: the
    tie fields followed by a grid cell), the better attested first: 0 for the first of its
    cell, 1 for the second...

    Ranking by turn before anything arbitrary spreads namesakes over the map: when forty
    villages share a name and population, ten slots then hold ten different areas rather than
    one cluster of duplicate records, so a true place anywhere is likelier among them.
    """
    count = classes.shape[1]
    order = np.lexsort((np.arange(count), -sources, *classes[::-1]))
    ordered = classes[:, order]
    starts = np.concatenate(([True], np.any(ordered[:, 1:] != ordered[:, :-1], axis=0)))
    first = np.maximum.accumulate(np.where(starts, np.arange(count), 0))
    turn = np.empty(count, np.int64)
    turn[order] = np.arange(count) - first
    return turn


def _spread_order(attested: list[tuple[int, int, int]]) -> list[int]:
    """The positions of tied places, given as (-sources, position, cell), taken by turns in
    their grid cells, the better attested first in each turn: the plain-Python twin of
    ``spread_turns`` for one run of a few dozen places, too few to pay for numpy."""
    attested.sort()
    seen: dict[int, int] = {}
    spread = []
    for minus_sources, position, cell in attested:
        turn = seen.get(cell, 0)
        spread.append((turn, minus_sources, position))
        seen[cell] = turn + 1
    spread.sort()
    return [position for _, _, position in spread]


@lru_cache(maxsize=4)
def _base_tables(folder: Path) -> BaseTables:
    tables = BaseTables(read_gazetteer(folder / GAZETTEER_FILE))
    # The decoded text columns are tuples of str, which the garbage collector stops tracking the
    # first time it examines them, a pass over 1.4 million items (some 20 ms): made here, as part
    # of the load, rather than in the middle of the first lookups. A full collection, because
    # the load's many objects also leave the collector due for one, which walks every object of
    # the process (some 5-20 ms alone, 0.1 s beside spaCy) and would otherwise fall among the
    # first few thousand lookups; after it the next one comes some 15,000 lookups later.
    gc.collect()
    return tables


_cached: tuple[tuple, GazetteerIndex] | None = None


def load_index(data_dir: Path | None = None) -> GazetteerIndex:
    """The process-wide index: shipped tables (loaded once) plus the current user overlay.

    The overlay is re-read when its file changes, so a place added by `eventmap gazetteer add` is
    found by the next lookup. A corrupt overlay is reported with one line on stderr and skipped.
    """
    global _cached
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    path = overlay_path()
    try:
        stat = path.stat()
        stamp = (folder, str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (folder, str(path), None, None)
    if _cached is not None and _cached[0] == stamp:
        return _cached[1]
    overlay, problem = read_overlay(path)
    if problem:
        print(f"eventmap: warning: {problem}", file=sys.stderr)
    index = GazetteerIndex(_base_tables(folder), overlay)
    _cached = (stamp, index)
    return index


def _scored_keys(
    ranked: Iterable[tuple[float, int]], group_keys: Sequence[str], query_key: str
) -> Iterator[tuple[float, str, int]]:
    """(score, key, group) of scored shipped keys, given as (score, group) in the order wanted,
    the query's own key left out (it is no fuzzy match of itself); lazy, so a lookup that
    fills its limit from the first keys reads no other key text."""
    for value, group in ranked:
        candidate_key = group_keys[group]
        if candidate_key != query_key:
            yield value, candidate_key, group
