"""The shipped gazetteer's on-disk format, shared by the builder (writer) and the index (reader).

One compressed numpy archive, ``gazetteer.npz``, of plain (never pickled) arrays:

* places, one entry a place: ``place_id`` and ``place_name`` (text columns), ``latitude`` and
  ``longitude`` (int32, 1e-5 degree), ``population``, and coded columns (``feature``,
  ``country``, ``source``, ``admin1_id``, ``admin1_name``, ``admin2_id``, ``admin2_name``: an
  integer code a row plus a ``<column>_labels`` text column);
* names, one entry a (place, name variant), sorted by normalised key: ``name_row`` (the place)
  and ``name_entry`` (where its text is in ``name_text``); the texts themselves (``name_text``,
  ``name_lang``) are grouped by place, ``place_name_start`` giving each place's run, so a
  place's names decode in one slice;
* keys: ``key_text`` (every distinct normalised key, sorted), ``key_start`` (where each key's
  names begin, one more entry than keys), ``key_skeleton`` (code into ``skeleton_text``);
* word postings: ``word_hash`` (CRC-32 of a word of 4+ letters inside a key of 2+ words,
  sorted) and ``word_group`` (that key), so "Haymar" finds "Haymar Kabir".

A text column is stored as UTF-8 lines in one uint8 array: loading it is one decode and one
split, about a hundred times faster than parsing a TSV of the same size, which keeps the whole
index load under two seconds. Keys and skeletons are precomputed with ``gazetteer.normalize``
so loading never re-folds a million names.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

import numpy as np

GAZETTEER_FILE = "gazetteer.npz"
POLYGONS_FILE = "admin_polygons.geojson.gz"
BUILD_INFO_FILE = "build_info.json"

PLACE_COLUMNS = [
    "id",
    "name",
    "feature",
    "country",
    "admin1",
    "admin1_id",
    "admin2",
    "admin2_id",
    "latitude",
    "longitude",
    "population",
    "source",
]
NAME_COLUMNS = ["row", "lang", "name", "key", "skeleton"]
CODED_COLUMNS = {
    "feature": "feature",
    "country": "country",
    "source": "source",
    "admin1_id": "admin1_id",
    "admin1": "admin1_name",
    "admin2_id": "admin2_id",
    "admin2": "admin2_name",
}
COORD_SCALE = 100_000
NEWLINE = ord("\n")  # what ends each text of the name blob


def encode_text(values: list[str]) -> np.ndarray:
    """Pack strings (no newlines) into one uint8 array of UTF-8 lines."""
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def decode_text(array: np.ndarray) -> list[str]:
    """Unpack an ``encode_text`` array back into its strings."""
    return array.tobytes().decode("utf-8").split("\n")


def decode_column(array: np.ndarray) -> tuple[str, ...]:
    """Unpack a large text column as a tuple: a tuple of strings drops out of the garbage
    collector's tracking, so its passes stop walking the column's hundreds of thousands of items
    (a list would be walked again and again during lookups)."""
    return tuple(decode_text(array))


def line_offsets(array: np.ndarray) -> np.ndarray:
    """Where each text of an ``encode_text`` array starts, and one past the end (as if a newline
    ended the last one too): text i is bytes [offsets[i], offsets[i + 1] - 1). Four-byte
    offsets while the array is under 2 GB (the largest is some 10 MB)."""
    newlines = np.flatnonzero(array == NEWLINE)
    offset_type = np.int32 if len(array) < np.iinfo(np.int32).max else np.int64
    return np.concatenate([[0], newlines + 1, [len(array) + 1]]).astype(offset_type)


class TextColumn:
    """A text column kept as its UTF-8 bytes, an item decoded when read (0 <= i < len): for a
    column read an item at a time, such as place names (read when a place's fields are
    filled), some 20 MB less than a tuple of 400,000 strings, and nothing to decode at load."""

    __slots__ = ("_offsets", "_text")

    def __init__(self, array: np.ndarray) -> None:
        self._text = array.tobytes()
        self._offsets = memoryview(line_offsets(array))

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        offsets = self._offsets
        return self._text[offsets[i] : offsets[i + 1] - 1].decode("utf-8")


def write_gazetteer(places: pd.DataFrame, names: pd.DataFrame, path: Path) -> None:
    """Write the places table and the key-sorted names table as one .npz archive."""
    import pandas as pd  # the builder's dependency; reading the archive needs numpy only

    arrays: dict[str, np.ndarray] = {
        "place_id": encode_text(places["id"].tolist()),
        "place_name": encode_text(places["name"].tolist()),
        "latitude": np.round(places["latitude"].to_numpy() * COORD_SCALE).astype(np.int32),
        "longitude": np.round(places["longitude"].to_numpy() * COORD_SCALE).astype(np.int32),
        "population": places["population"].to_numpy(np.int64),
    }
    for column, stored in CODED_COLUMNS.items():
        codes, labels = pd.factorize(places[column], sort=True)
        arrays[stored] = codes.astype(np.int32)
        arrays[f"{stored}_labels"] = encode_text(list(labels))
    names = names.sort_values(["key", "row", "name"], kind="stable").reset_index(drop=True)
    lang_codes, lang_labels = pd.factorize(names["lang"], sort=True)
    keys = names["key"].to_numpy(object)
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    skeleton_codes, skeleton_labels = pd.factorize(names["skeleton"].to_numpy(object)[starts])
    rows = names["row"].to_numpy(np.int32)
    by_place = np.argsort(rows, kind="stable")
    entry = np.empty(len(by_place), dtype=np.int32)
    entry[by_place] = np.arange(len(by_place), dtype=np.int32)
    arrays |= {
        "name_row": rows,
        "name_entry": entry,
        "name_lang": lang_codes.astype(np.uint8)[by_place],
        "name_lang_labels": encode_text(list(lang_labels)),
        "name_text": encode_text(names["name"].to_numpy(object)[by_place].tolist()),
        "place_name_start": np.searchsorted(rows[by_place], np.arange(len(places) + 1)).astype(
            np.int32
        ),
        "key_text": encode_text(keys[starts].tolist()),
        "key_start": np.append(starts, len(keys)).astype(np.int32),
        "key_skeleton": skeleton_codes.astype(np.int32),
        "skeleton_text": encode_text(list(skeleton_labels)),
        **_word_postings(keys[starts].tolist()),
    }
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)


MIN_WORD_LETTERS = 4


def word_hash(word: str) -> int:
    """The posting hash of one word of a key (CRC-32: stable across runs and platforms)."""
    return zlib.crc32(word.encode("utf-8"))


def _word_postings(keys: list[str]) -> dict[str, np.ndarray]:
    hashes, groups = [], []
    for group, key in enumerate(keys):
        words = key.split()
        if len(words) > 1:
            for word in set(words):
                if len(word) >= MIN_WORD_LETTERS:
                    hashes.append(word_hash(word))
                    groups.append(group)
    hash_array = np.array(hashes, dtype=np.uint32)
    order = np.argsort(hash_array, kind="stable")
    return {
        "word_hash": hash_array[order],
        "word_group": np.array(groups, dtype=np.int32)[order],
    }


@dataclass
class GazetteerArrays:
    """The decoded archive: numeric arrays as numpy, text columns as tuples, or as bytes and
    line offsets (``TextColumn``, ``name_text``)."""

    place_id: tuple[str, ...]
    place_name: TextColumn
    latitude: np.ndarray
    longitude: np.ndarray
    population: np.ndarray
    codes: dict[str, np.ndarray]
    labels: dict[str, list[str]]
    name_row: np.ndarray
    name_entry: np.ndarray
    name_lang: np.ndarray
    name_lang_labels: list[str]
    name_text: bytes
    name_offsets: np.ndarray
    place_name_start: np.ndarray
    key_text: tuple[str, ...]
    key_start: np.ndarray
    key_skeleton: np.ndarray
    skeleton_bytes: np.ndarray
    word_hash: np.ndarray
    word_group: np.ndarray
    _skeleton_text: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        # Zero-copy views for reading one item at a time: indexing a memoryview is some three
        # times cheaper than numpy's .item() or a two-item slice.
        self._entry_view = memoryview(self.name_entry)
        self._offset_view = memoryview(self.name_offsets)

    @property
    def skeleton_text(self) -> tuple[str, ...]:
        """Distinct skeletons, decoded on first use (only fuzzy lookups need them)."""
        if self._skeleton_text is None:
            self._skeleton_text = decode_column(self.skeleton_bytes)
        return self._skeleton_text

    def name_at(self, i: int) -> str:
        """The i-th name variant in key order, decoded on demand (names stay bytes in memory)."""
        j = self._entry_view[i]
        offsets = self._offset_view
        return self.name_text[offsets[j] : offsets[j + 1] - 1].decode("utf-8")

    def texts_at(self, texts: np.ndarray) -> list[str]:
        """The stored texts at these positions of the blob, their bytes gathered with numpy
        into one buffer decoded at once: at load, where some 150,000 are read, a slice and a
        decode per text cost several times as much."""
        if not len(texts):
            return []
        begin = self.name_offsets[texts]
        size = self.name_offsets[texts + 1] - begin  # the text and the newline ending it
        ends = size.cumsum()
        at = np.repeat(begin - (ends - size), size) + np.arange(ends[-1])
        blob = np.frombuffer(self.name_text, np.uint8)
        gathered = blob[np.minimum(at, len(blob) - 1)]  # the last text has no newline after
        gathered[ends - 1] = NEWLINE
        return gathered.tobytes().decode("utf-8").split("\n")[:-1]

    def names_of(self, row: int) -> tuple[tuple[str, str], ...]:
        """Every (lang, name) of one place: its names are one contiguous run of the blob."""
        first, last = self.place_name_start[row : row + 2].tolist()
        if first == last:
            return ()
        text = self.name_text[self.name_offsets.item(first) : self.name_offsets.item(last) - 1]
        labels = self.name_lang_labels
        langs = [labels[code] for code in self.name_lang[first:last].tolist()]
        return tuple(zip(langs, text.decode("utf-8").split("\n"), strict=True))


def read_gazetteer(path: Path) -> GazetteerArrays:
    """Read a ``write_gazetteer`` archive."""
    with np.load(path, allow_pickle=False) as archive:
        raw = {name: archive[name] for name in archive.files}
    text = raw["name_text"].tobytes()
    offsets = line_offsets(raw["name_text"])
    stored = CODED_COLUMNS.values()
    return GazetteerArrays(
        place_id=decode_column(raw["place_id"]),
        place_name=TextColumn(raw["place_name"]),
        latitude=raw["latitude"] / COORD_SCALE,
        longitude=raw["longitude"] / COORD_SCALE,
        population=raw["population"],
        codes={name: raw[name] for name in stored},
        labels={name: decode_text(raw[f"{name}_labels"]) for name in stored},
        name_row=raw["name_row"],
        name_entry=raw["name_entry"],
        name_lang=raw["name_lang"],
        name_lang_labels=decode_text(raw["name_lang_labels"]),
        name_text=text,
        name_offsets=offsets,
        place_name_start=raw["place_name_start"],
        key_text=decode_column(raw["key_text"]),
        key_start=raw["key_start"],
        key_skeleton=raw["key_skeleton"],
        skeleton_bytes=raw["skeleton_text"],
        word_hash=raw["word_hash"],
        word_group=raw["word_group"],
    )
