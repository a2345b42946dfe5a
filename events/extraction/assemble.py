"""Event mentions → ACLED Event records, merging the mentions of one event within an article.

Two mentions are one event when they have the same event type (and sub-type, outside Battles),
share an actor (or one names none), do not name two different precise places, and do not give
explicit dates further apart than their precision allows.
The merged event keeps the first mention's sub-type, the most specific resolved place, the
explicit date with the finest precision, the largest fatality count (reports repeat totals, they
do not add up) and every evidence sentence in `notes`.
"""

from __future__ import annotations

import hashlib

from events.extraction.mentions import Mention
from events.extraction.places import is_broad
from events.model import GEO_REGION, TIME_DAY, TIME_MONTH, TIME_WEEK, Event

NOTES_SEPARATOR = " | "
DATE_WINDOW_DAYS = {TIME_DAY: 0, TIME_WEEK: 7, TIME_MONTH: 31}
SLOTS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
BATTLES = "Battles"  # an offensive that retakes a town is one battle, whatever its cues


def _resolution(mention: Mention):
    place = mention.place
    if place is None or place.precision is None:
        return None
    return place.span._.resolution


def _same_area(a: Mention, b: Mention) -> bool:
    """Places that can be one event's: same place, or one inside the other's region or country."""
    first, second = _resolution(a), _resolution(b)
    if first is None or second is None or first.place_id == second.place_id:
        return True
    if is_broad(a.place) or is_broad(b.place):
        return True  # a country alone is weak evidence ("après avoir survolé l'Irak")
    if first.country and second.country and first.country != second.country:
        return False
    if a.place.precision >= GEO_REGION or b.place.precision >= GEO_REGION:
        return not (first.admin1 and second.admin1 and first.admin1 != second.admin1)
    return False


def _compatible(event: list[Mention], mention: Mention) -> bool:
    first = event[0]
    if first.event_type != mention.event_type:
        return False
    if first.event_type != BATTLES and first.sub_event_type != mention.sub_event_type:
        return False  # an IED and an air strike in one sentence are two events
    names = set().union(*(m.roles.names() for m in event))
    if names and mention.roles.names() and not names & mention.roles.names():
        return False
    if not all(_same_area(m, mention) for m in event):
        return False
    if not mention.date_text:
        return True
    return all(_same_time(m, mention) for m in event if m.date_text)


def _same_time(a: Mention, b: Mention) -> bool:
    """Dates that can name one event: within the window of the vaguer one ("la semaine dernière"
    and "en fin de semaine dernière" can be the same days; "mardi" and "mercredi" cannot)."""
    window = DATE_WINDOW_DAYS[max(a.time_precision or TIME_DAY, b.time_precision or TIME_DAY)]
    return abs((a.day - b.day).days) <= window


def group(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped into events, each group in text order."""
    events: list[list[Mention]] = []
    for mention in mentions:
        for event in events:
            if _compatible(event, mention):
                event.append(mention)
                break
        else:
            events.append([mention])
    return events


def _best_place(group_: list[Mention]) -> Mention | None:
    placed = [m for m in group_ if m.place is not None]
    if not placed:
        return None
    return min(
        placed,
        key=lambda m: (
            m.place.precision is None,
            is_broad(m.place),
            m.place.precision or 9,
            -(m.place.span._.resolution.confidence or 0),
        ),
    )


def _best_date(group_: list[Mention]) -> Mention:
    return min(group_, key=lambda m: (m.date_text is None, m.time_precision or 9))


def _event_id(article_key: str, first: Mention) -> str:
    place = first.place.span.start_char if first.place is not None else ""
    raw = f"{article_key}|{first.trigger.start_char}|{place}|{first.event_type}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _actor_slots(group_: list[Mention]) -> dict[str, str | None]:
    """Roles from the mention that names the most actors (so an actor and its associate stay on
    one side), then gaps filled from the other mentions without naming an actor twice."""
    primary = max(group_, key=lambda m: len(m.roles.names()))
    slots: dict[str, str | None] = {}
    for slot in SLOTS:
        slots[slot] = getattr(primary.roles, slot)
    for slot in SLOTS:
        if slots[slot] is None:
            taken = set(slots.values())
            slots[slot] = next(
                (
                    getattr(m.roles, slot)
                    for m in group_
                    if getattr(m.roles, slot) and getattr(m.roles, slot) not in taken
                ),
                None,
            )
    return slots


def to_event(group_: list[Mention], article_key: str, **provenance: str | None) -> Event:
    """One Event from a group of mentions; provenance gives source, article and language fields."""
    first = group_[0]
    slots = _actor_slots(group_)
    dated = _best_date(group_)
    counts = [m.fatalities for m in group_ if m.fatalities is not None]
    notes = list(dict.fromkeys(s for m in group_ for s in m.sentences))
    event = Event(
        event_id=_event_id(article_key, first),
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        event_date=dated.day.isoformat() if dated.day else None,
        time_precision=dated.time_precision,
        date_text=dated.date_text,
        fatalities=max(counts) if counts else None,
        notes=NOTES_SEPARATOR.join(notes),
        **slots,
        **provenance,
    )
    placed = _best_place(group_)
    if placed is not None:
        _set_place(event, placed)
    return event


def _set_place(event: Event, mention: Mention) -> None:
    span = mention.place.span
    resolution = span._.resolution
    event.location_text = span.text
    if resolution is None or not resolution.resolved:
        return
    event.location = resolution.name
    event.place_id = resolution.place_id
    event.admin1 = resolution.admin1
    event.admin2 = resolution.admin2
    event.country = resolution.country
    event.iso3 = resolution.iso3
    event.latitude = resolution.latitude
    event.longitude = resolution.longitude
    event.geo_precision = mention.place.precision
    event.geo_confidence = resolution.confidence
    event.place_candidates = list(resolution.candidates)
