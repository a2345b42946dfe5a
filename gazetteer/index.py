"""The in-memory index: "which places could this name be?".

Lookups go through three layers, each only when the previous one found too little:

1. the normalised key of the name and of its written alternatives (``query_keys``) in a dict of
   key groups cut from the key-sorted names table — exact and normalised matches;
2. the consonant skeleton of those keys (``skeleton_key``) — spellings that differ in vowels,
   doubled letters or q/k, kh/k… ("Dayr az Zawr" / "Deir ez-Zor");
3. one-edit neighbours of the skeleton, found through a deletion-neighbourhood table (SymSpell
   style, built on first fuzzy use) — typos and dropped letters no rule covers.

Fuzzy candidates are scored by the Dice coefficient of the character bigrams of the two keys, a
set operation in C that keeps fuzzy lookups in the thousands per second without any dependency
beyond the standard library, numpy and pandas.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from gazetteer.model import Candidate, MatchKind, Place
from gazetteer.normalize import query_keys, skeleton_key
from gazetteer.overlay import Overlay, read_overlay
from gazetteer.paths import DATA_DIR, overlay_path
from gazetteer.tables import read_names, read_places

FUZZY_MIN_SIMILARITY = 0.5
MAX_FUZZY_GROUPS = 400  # a very common skeleton is capped to keep fuzzy lookups fast
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


def _bigrams(key: str) -> frozenset[str]:
    padded = f" {key} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _deletes(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


class BaseTables:
    """The shipped tables as column arrays, plus the key groups of the sorted names table."""

    def __init__(self, places: pd.DataFrame, names: pd.DataFrame) -> None:
        self.ids = places["id"].to_numpy(object)
        self.place_name = places["name"].to_numpy(object)
        self.feature = places["feature"].to_numpy(object)
        self.country = places["country"].to_numpy(object)
        self.admin1 = places["admin1"].to_numpy(object)
        self.admin1_id = places["admin1_id"].to_numpy(object)
        self.admin2 = places["admin2"].to_numpy(object)
        self.admin2_id = places["admin2_id"].to_numpy(object)
        self.latitude = places["latitude"].to_numpy(np.float64)
        self.longitude = places["longitude"].to_numpy(np.float64)
        self.population = places["population"].to_numpy(np.int64)
        self.source = places["source"].to_numpy(object)
        self.name_row = names["row"].to_numpy(np.int32)
        self.name_lang = names["lang"].to_numpy(object)
        self.name_text = names["name"].to_numpy(object)
        keys = names["key"].to_numpy(object)
        change = np.flatnonzero(keys[1:] != keys[:-1]) + 1 if len(keys) else np.array([], int)
        self.group_start = np.concatenate([[0], change, [len(keys)]]).astype(np.int64)
        self.group_key = keys[self.group_start[:-1]] if len(keys) else keys
        self.group_skeleton = names["skeleton"].to_numpy(object)[self.group_start[:-1]]
        self.key_to_group = dict(
            zip(self.group_key.tolist(), range(len(self.group_key)), strict=False)
        )
        self._id_to_row: dict[str, int] | None = None
        self._names_by_row: tuple[np.ndarray, np.ndarray] | None = None
        self._skeleton_groups: dict[str, list[int]] | None = None
        self._deletion_groups: dict[str, list[int]] | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def id_to_row(self) -> dict[str, int]:
        if self._id_to_row is None:
            self._id_to_row = dict(zip(self.ids.tolist(), range(len(self.ids)), strict=False))
        return self._id_to_row

    def names_of(self, row: int) -> tuple[tuple[str, str], ...]:
        if self._names_by_row is None:
            order = np.argsort(self.name_row, kind="stable")
            bounds = np.searchsorted(self.name_row[order], np.arange(self.size + 1))
            self._names_by_row = (order, bounds)
        order, bounds = self._names_by_row
        idx = order[bounds[row] : bounds[row + 1]]
        return tuple(zip(self.name_lang[idx].tolist(), self.name_text[idx].tolist(), strict=False))

    def skeleton_groups(self) -> dict[str, list[int]]:
        """Skeleton -> key groups; built on first fuzzy lookup."""
        if self._skeleton_groups is None:
            table: dict[str, list[int]] = {}
            for group, skeleton in enumerate(self.group_skeleton.tolist()):
                table.setdefault(skeleton, []).append(group)
            self._skeleton_groups = table
        return self._skeleton_groups

    def deletion_groups(self) -> dict[str, list[str]]:
        """One-deletion variant -> skeletons it comes from (for skeletons of 4+ letters)."""
        if self._deletion_groups is None:
            table: dict[str, list[str]] = {}
            for skeleton in self.skeleton_groups():
                if len(skeleton) >= 4:
                    for variant in _deletes(skeleton):
                        table.setdefault(variant, []).append(skeleton)
            self._deletion_groups = table
        return self._deletion_groups


class GazetteerIndex:
    """Candidate places for a name, over the shipped tables plus the user overlay."""

    def __init__(self, base: BaseTables, overlay: Overlay | None = None) -> None:
        self.base = base
        self.overlay = overlay or Overlay()
        self._user_places = {p.id: p for p in self.overlay.places}
        self._user_keys: dict[str, list[tuple[str, str, str]]] = {}
        for place_id, lang, name, key in self.overlay.names:
            self._user_keys.setdefault(key, []).append((place_id, lang, name))
        self._user_skeletons: dict[str, list[str]] = {}
        for key in self._user_keys:
            self._user_skeletons.setdefault(skeleton_key(key), []).append(key)
        self._place_cache: dict[int, Place] = {}

    # -- places -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.base.size + len(self._user_places)

    def _place(self, row: int) -> Place:
        place = self._place_cache.get(row)
        if place is None:
            b = self.base
            extra = tuple(
                (lang, name)
                for pid, lang, name in self._aliases_for(b.ids[row])
                if (lang, name) not in b.names_of(row)
            )
            place = Place(
                id=b.ids[row],
                name=b.place_name[row],
                feature=b.feature[row],
                country=b.country[row],
                admin1=b.admin1[row],
                admin1_id=b.admin1_id[row],
                admin2=b.admin2[row],
                admin2_id=b.admin2_id[row],
                latitude=float(b.latitude[row]),
                longitude=float(b.longitude[row]),
                population=int(b.population[row]),
                source=b.source[row],
                names=b.names_of(row) + extra,
            )
            self._place_cache[row] = place
        return place

    def _aliases_for(self, place_id: str) -> list[tuple[str, str, str]]:
        return [entry for entry in self.overlay.aliases if entry[0] == place_id]

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
        mask = b.country == country.upper()
        if feature:
            mask &= b.feature == feature
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
        try:
            keys = query_keys(name)
        except (TypeError, ValueError):
            return []
        if not keys or limit <= 0:
            return []
        wanted = frozenset(c.upper() for c in countries) if countries else None
        found: dict[str, tuple[tuple, Candidate]] = {}
        written = name.casefold().strip()
        for key in keys:
            self._collect_key(key, written, 1.0, wanted, found)
        if fuzzy and len(found) < limit:
            self._collect_fuzzy(keys, wanted, found)
        ranked = sorted(found.values(), key=lambda item: item[0])
        return [candidate for _, candidate in ranked[:limit]]

    def _collect_key(
        self,
        key: str,
        written: str,
        similarity: float,
        wanted: frozenset[str] | None,
        found: dict[str, tuple[tuple, Candidate]],
    ) -> None:
        kind_exactness = "fuzzy" if similarity < 1.0 else None
        group = self.base.key_to_group.get(key)
        if group is not None:
            b = self.base
            for i in range(b.group_start[group], b.group_start[group + 1]):
                row = int(b.name_row[i])
                if wanted is not None and b.country[row] not in wanted:
                    continue
                text = b.name_text[i]
                kind = kind_exactness or ("exact" if text.casefold() == written else "normalized")
                self._offer(
                    self._row_sort(row, kind, similarity),
                    b.ids[row],
                    row,
                    text,
                    kind,
                    similarity,
                    found,
                )
        for place_id, _lang, text in self._user_keys.get(key, ()):
            place = self.get(place_id)
            if place is None or (wanted is not None and place.country not in wanted):
                continue
            kind = kind_exactness or ("exact" if text.casefold() == written else "normalized")
            sort = (
                -similarity,
                _KIND_RANK[kind],
                -_FEATURE_WEIGHT.get(place.feature, 0),
                -place.population,
                place.id,
            )
            self._offer(sort, place.id, place, text, kind, similarity, found)

    def _row_sort(self, row: int, kind: MatchKind, similarity: float) -> tuple:
        b = self.base
        return (
            -round(similarity, 3),
            _KIND_RANK[kind],
            -_FEATURE_WEIGHT.get(b.feature[row], 0),
            -int(b.population[row]),
            b.ids[row],
        )

    def _offer(
        self,
        sort: tuple,
        place_id: str,
        row_or_place: int | Place,
        text: str,
        kind: MatchKind,
        similarity: float,
        found: dict[str, tuple[tuple, Candidate]],
    ) -> None:
        current = found.get(place_id)
        if current is not None and current[0] <= sort:
            return
        place = row_or_place if isinstance(row_or_place, Place) else self._place(row_or_place)
        found[place_id] = (sort, Candidate(place, text, kind, round(similarity, 3)))

    def _collect_fuzzy(
        self,
        keys: list[str],
        wanted: frozenset[str] | None,
        found: dict[str, tuple[tuple, Candidate]],
    ) -> None:
        skeleton_groups = self.base.skeleton_groups()
        deletions = self.base.deletion_groups()
        for key in keys:
            query_grams = _bigrams(key)
            skeleton = skeleton_key(key)
            skeletons = {skeleton}
            if len(skeleton) >= 4:
                skeletons.update(deletions.get(skeleton, ()))
                for variant in _deletes(skeleton):
                    skeletons.update(deletions.get(variant, ()))
                    if variant in skeleton_groups:
                        skeletons.add(variant)
            groups: list[int] = []
            for s in skeletons:
                groups.extend(skeleton_groups.get(s, ())[:MAX_FUZZY_GROUPS])
            scored = []
            for group in groups[: MAX_FUZZY_GROUPS * 4]:
                candidate_key = self.base.group_key[group]
                if candidate_key == key:
                    continue
                similarity = _dice(query_grams, _bigrams(candidate_key))
                if similarity >= FUZZY_MIN_SIMILARITY:
                    scored.append((similarity, candidate_key))
            for s in skeletons:
                for user_key in self._user_skeletons.get(s, ()):
                    if user_key != key:
                        scored.append((_dice(query_grams, _bigrams(user_key)), user_key))
            scored.sort(reverse=True)
            for similarity, candidate_key in scored[:MAX_FUZZY_GROUPS]:
                if similarity >= FUZZY_MIN_SIMILARITY:
                    self._collect_key(candidate_key, "", min(similarity, 0.99), wanted, found)


@lru_cache(maxsize=4)
def _base_tables(folder: Path) -> BaseTables:
    return BaseTables(read_places(folder), read_names(folder))


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
