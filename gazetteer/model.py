"""The values the gazetteer hands out: a Place and a Candidate (a place matched by one name)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Literal, NamedTuple
from weakref import ReferenceType, ref

MatchKind = Literal["exact", "normalized", "fuzzy"]
_FILL = "_fill"  # where a deferred Place keeps the token of the function reading its fields
_ROW = "_row"  # ... and what to read them from
# The functions that read deferred places' fields, each with (a weak reference to) the memo
# that keeps the places read, by token. A deferred place keeps an integer rather than these,
# so its attribute dict holds only strings and integers, which the garbage collector does not
# track: a long lookup session makes tens of thousands of places, and every tracked object is
# walked again by each full collection.
_FILLERS: list[tuple[Callable[[int], dict[str, object]], ReferenceType[PlaceMemo]]] = []


class PlaceMemo(dict):
    """An index's places whose fields have been read, by row, for its next lookups to hand
    out again; emptied when it holds size places (a long session meets ever more).

    Only read places are kept: one a lookup hands out and nobody reads dies with its
    Candidate, where a kept one would outlive several collections of the garbage collector,
    each walking it again (first-time lookups would spend a tenth of their time there), and
    making it costs less than keeping it. Weakly referenced by its filler, so it goes with
    its index."""

    __slots__ = ("__weakref__", "size")

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def keep(self, row: int, place: Place) -> None:
        if len(self) >= self.size:
            self.clear()
        self[row] = place


def register_filler(fill: Callable[[int], dict[str, object]], memo: PlaceMemo) -> int:
    """The token deferred places use to call fill(row), the first time one of their fields is
    read, and then be kept in memo (if its index is still alive); kept for the process's life
    (an index registers one per build, i.e. once per user overlay change)."""
    _FILLERS.append((fill, ref(memo)))
    return len(_FILLERS) - 1


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
    def deferred(cls, place_id: str, filler: int, row: int) -> Place:
        """A place whose fields other than the id come from the registered filler's
        fill(row) (see ``register_filler``) when first read."""
        place = _new_object(cls)
        _set_attribute(place, "__dict__", {"id": place_id, _FILL: filler, _ROW: row})
        return place

    def __getattr__(self, attr: str) -> object:
        # Reached only for attributes missing from the instance: the fields of a deferred place.
        state = self.__dict__
        if attr not in _FIELD_NAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r}")
        filler = state.get(_FILL)
        if filler is not None:
            fill, memo = _FILLERS[filler]
            row = state[_ROW]  # _ROW stays: another thread may read it
            state.update(fill(row))
            state.pop(_FILL, None)  # another thread may have filled it meanwhile
            kept = memo()
            if kept is not None:
                kept.keep(row, self)
        try:
            return state[attr]
        except KeyError:
            raise AttributeError(f"this place has no {attr!r} set") from None

    def __getstate__(self) -> dict[str, object]:
        """The complete fields (a deferred place pickles and copies as an ordinary one)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}


_FIELD_NAMES = frozenset(f.name for f in fields(Place))
_new_object = object.__new__
_set_attribute = object.__setattr__


class Candidate(NamedTuple):
    """A place that a queried name could refer to, with how well the name matched.

    A named tuple: lookups make many, and one is made with a single call where a slotted
    dataclass takes five (a lookup's time is largely the making of its candidates). Its
    attributes, repr, hash and pickling are those of the frozen dataclass it replaced, and two
    candidates are equal exactly when their four fields are; it also unpacks as (place,
    matched, match, similarity), and ``_asdict`` gives its fields.
    """

    place: Place
    matched: str
    match: MatchKind
    similarity: float


_new_tuple = tuple.__new__


class CandidateMakers(NamedTuple):
    """The functions that turn one index's lookup answers into Candidates (``candidate_makers``)."""

    place: Callable[[int], Place]
    exact: Callable[[int, str], list[Candidate]]
    answer: Callable[[tuple[Place | int | str | float, ...]], list[Candidate]]


def candidate_makers(ids: Sequence[str], filler: int, places: PlaceMemo) -> CandidateMakers:
    """The place, exact and answer makers of an index whose rows have these ids, whose
    deferred places read their fields through this filler and are then kept in places
    (``register_filler``).

    * place(row): the row's place: the one in places, else a new deferred one
      (``Place.deferred(ids[row], filler, row)``);
    * exact(row, name): ``[Candidate(place(row), name, "exact", 1.0)]``, the commonest answer
      (one place that the name itself matched exactly);
    * answer(found): the Candidates of a flat tuple of (place, matched, match, similarity)
      items, four a candidate, whose place may be given as a row.

    Closures over the tables rather than functions taking them: a lookup at a hundred
    thousand a second spends a visible share of its time passing arguments. The values are
    those of ``Candidate(...)``; each candidate is made by tuple.__new__ directly (the named
    tuple's own __new__ is a Python function), and a place without a call.
    """

    def new_place(row: int) -> Place:
        place = _new_object(Place)
        _set_attribute(place, "__dict__", {"id": ids[row], _FILL: filler, _ROW: row})
        return place

    def place_of(row: int) -> Place:
        place = places.get(row)
        return new_place(row) if place is None else place

    def exact(row: int, name: str) -> list[Candidate]:
        place = places.get(row)
        if place is None:
            place = new_place(row)
        return [_new_tuple(Candidate, (place, name, "exact", 1.0))]

    def answer(found: tuple[Place | int | str | float, ...]) -> list[Candidate]:
        made = []
        append, memoised = made.append, places.get
        new_object, set_attribute = _new_object, _set_attribute
        items = iter(found)
        for place, matched, match, similarity in zip(items, items, items, items, strict=True):
            if place.__class__ is int:
                row = place
                place = memoised(row)  # type: ignore[call-overload]
                if place is None:  # new_place inlined: ten places an answer pay for its call
                    place = new_object(Place)
                    set_attribute(place, "__dict__", {"id": ids[row], _FILL: filler, _ROW: row})
            append(_new_tuple(Candidate, (place, matched, match, similarity)))
        return made

    return CandidateMakers(place_of, exact, answer)
