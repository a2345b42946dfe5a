"""The values the gazetteer hands out: a Place and a Candidate (a place matched by one name)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Literal

MatchKind = Literal["exact", "normalized", "fuzzy"]
_FILL = "_fill"  # where a deferred Place keeps the function that reads its other fields
_ROW = "_row"  # ... and what to read them from


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer, with every known name variant tagged by language.

    A lookup offers up to ten or more places and a caller often reads only some of them, so the
    index hands out deferred places (``Place.deferred``): only the id is set, and every other
    field is read from the tables in one go the first time any of them is used. Equality,
    hashing, repr, ``dataclasses.asdict``/``replace``, copy and pickle see the complete place.
    """

    id: str
    name: str
    feature: str
    country: str
    admin1: str
    admin1_id: str
    admin2: str
    admin2_id: str
    latitude: float
    longitude: float
    population: int
    source: str
    # A factory, not a class-level default: a deferred place must find no class attribute, so
    # that reading `names` before the other fields reaches __getattr__.
    names: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def deferred(cls, place_id: str, fill: Callable[[int], dict[str, object]], row: int) -> Place:
        """A place whose fields other than the id come from fill(row) when first read."""
        place = cls.__new__(cls)
        object.__setattr__(place, "__dict__", {"id": place_id, _FILL: fill, _ROW: row})
        return place

    def __getattr__(self, attr: str) -> object:
        # Reached only for attributes missing from the instance: the fields of a deferred place.
        state = self.__dict__
        if attr not in _FIELD_NAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r}")
        fill = state.get(_FILL)
        if fill is not None:
            state.update(fill(state[_ROW]))  # _ROW stays: another thread may be reading it
            state.pop(_FILL, None)  # another thread may have filled it meanwhile
        try:
            return state[attr]
        except KeyError:
            raise AttributeError(f"this place has no {attr!r} set") from None

    def __getstate__(self) -> dict[str, object]:
        """The complete fields (a deferred place pickles and copies as an ordinary one)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}


_FIELD_NAMES = frozenset(f.name for f in fields(Place))


@dataclass(frozen=True)
class Candidate:
    """A place that a queried name could refer to, with how well the name matched."""

    place: Place
    matched: str
    match: MatchKind
    similarity: float

    @classmethod
    def of(cls, place: Place, matched: str, match: MatchKind, similarity: float) -> Candidate:
        """The same value as Candidate(...), its fields set at once: a frozen dataclass's
        __init__ sets them one by one through object.__setattr__, a cost on every lookup."""
        candidate = cls.__new__(cls)
        object.__setattr__(
            candidate,
            "__dict__",
            {"place": place, "matched": matched, "match": match, "similarity": similarity},
        )
        return candidate
