"""One event mention per trigger of a processed Doc: type, actors, place, date, deaths.

Triggers that are negated, refused or only intended ("ont refusé de bombarder", "empêchent ... de
bombarder") give no mention; neither does a trigger with neither an actor nor a place. A sentence
without a date expression takes the last date of its paragraph, else the publication date at
time_precision 2 (reported, day not stated), else no date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span

from events.extraction import dates, fatalities, places, roles
from events.extraction.lexicons import rows
from events.extraction.segments import segments
from events.extraction.triggers import SPAN_KEY as TRIGGERS_KEY
from events.model import TIME_WEEK

ACTORS_KEY = "actors"
BLOCKER_WINDOW = 3
ANCESTOR_DEPTH = 4
STATE_KINDS = frozenset({"State Forces"})
WEAK = "weak"
TERRITORY = {True: "Government regains territory", False: "Non-state actor overtakes territory"}


@dataclass
class Mention:
    """What one trigger says; the unit that within-article merging combines."""

    event_type: str
    sub_event_type: str
    sentence: Span
    trigger: Span
    roles: roles.Roles
    place: places.Place | None
    day: date | None
    time_precision: int | None
    date_text: str | None
    fatalities: int | None
    sentences: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _refinements() -> dict:
    from events.extraction.lexicons import json_data

    raw = json_data("event_refinements.json")
    return {
        "air": frozenset(raw["air_words"]),
        "intervention": tuple(raw["protest_intervention_words"]),
        "excessive": tuple(raw["protest_excessive_force_words"]),
        "blockers": frozenset(raw["blocker_words"]),
        "blocker_prefixes": tuple(raw["blocker_prefixes"]),
        "modifier_markers": frozenset(raw["modifier_markers"]),
        "modifier_heads": frozenset(raw["modifier_heads"]),
        "artillery": frozenset(raw["artillery_words"]),
        "air_actors": frozenset(raw["air_actors"]),
        "one_sided": frozenset(raw["one_sided_sub_types"]),
    }


def _blocked_word(lower: str) -> bool:
    words = _refinements()
    return lower in words["blockers"] or lower.startswith(words["blocker_prefixes"])


def _bare_singular(trigger: Span) -> bool:
    """ "missions ... d'attaque": a singular noun right after "d'" names a kind, not an event."""
    token = trigger.doc[trigger.start]
    return token.pos_ == "NOUN" and token.morph.get("Number") == ["Sing"] and len(trigger) == 1


def is_blocked(trigger: Span) -> bool:
    """True when the trigger is negated, refused, prevented or only intended, or a mere modifier
    ("drone d'attaque", "missions d'attaque")."""
    doc = trigger.doc
    words = _refinements()
    if trigger.start - 2 >= trigger.sent.start:
        marker, head = doc[trigger.start - 1].lower_, doc[trigger.start - 2].lower_
        if marker in words["modifier_markers"] and (
            head in words["modifier_heads"] or _bare_singular(trigger)
        ):
            return True
    window = doc[max(trigger.sent.start, trigger.start - BLOCKER_WINDOW) : trigger.start]
    if any(_blocked_word(t.lower_) for t in window):
        return True
    node = trigger.root
    for _ in range(ANCESTOR_DEPTH):
        if node.head is node:
            break
        node = node.head
        if node.lower_.startswith(_refinements()["blocker_prefixes"]):
            return True
    return False


def _refine(
    event_type: str, sub_type: str, refine: str, found: roles.Roles, sentence: Span
) -> tuple[str, str]:
    """ACLED's sub-type from the actors and the sentence's words (see event_cues.tsv header)."""
    lowers = {t.lower_ for t in sentence}
    text = sentence.text.lower()
    words = _refinements()
    if refine == "clash" and roles.kind_of(found.actor2) == roles.CIVILIAN_KIND:
        return "Violence against civilians", "Attack"
    if refine == "territory" and found.actor1:
        return event_type, TERRITORY[roles.kind_of(found.actor1) in STATE_KINDS]
    if refine == "remote":
        if words["air"] & lowers:
            return event_type, "Air/drone strike"
        if words["artillery"] & lowers:
            return event_type, "Shelling/artillery/missile attack"
        if found.actor1 in words["air_actors"]:
            return event_type, "Air/drone strike"
    if refine == "massacre":
        if words["air"] & lowers:
            return "Explosions/Remote violence", "Air/drone strike"
        if words["artillery"] & lowers:
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if refine == WEAK and roles.kind_of(found.actor2) == roles.CIVILIAN_KIND:
        return "Violence against civilians", "Attack"
    if refine == "protest":
        if any(w in text for w in words["excessive"]):
            return event_type, "Excessive force against protesters"
        if any(w in text for w in words["intervention"]):
            return event_type, "Protest with intervention"
    return event_type, sub_type


@lru_cache(maxsize=1)
def _implied() -> dict[tuple[str, str], str]:
    return {(r["country"], r["sub_event_type"]): r["actor1"] for r in rows("implied_actors.tsv")}


def implied_actor(country: str | None, sub_event_type: str) -> str | None:
    """The actor a report leaves implicit for this kind of event in this country (see
    events/data/implied_actors.tsv), or None."""
    return _implied().get((country or "", sub_event_type))


def _nearest_date(
    found: list[dates.DateMention], sentence: Span, trigger: Span
) -> dates.DateMention | None:
    if not found:
        return None
    at = trigger.start_char - sentence.start_char
    return min(found, key=lambda m: min(abs(m.start - at), abs(m.end - at)))


def _paragraph_break(text: str, previous_end: int, start: int) -> bool:
    """True when a line break separates the previous sentence's last word from this one's first."""
    return "\n" in text[previous_end:start]


def _word_bounds(sentence: Span) -> tuple[int, int]:
    words = [t for t in sentence if not t.is_space]
    if not words:
        return sentence.start_char, sentence.start_char
    return words[0].idx, words[-1].idx + len(words[-1].text)


def mentions_of(doc: Doc, published: date | None) -> list[Mention]:
    """Every event mention of a processed Doc, in text order."""
    triggers = sorted(doc.spans[TRIGGERS_KEY], key=lambda s: s.start)
    actor_spans = (
        sorted(doc.spans[ACTORS_KEY], key=lambda s: s.start) if ACTORS_KEY in doc.spans else []
    )
    found: list[Mention] = []
    paragraph_date: dates.DateMention | None = None
    previous_end = 0
    text = doc.text  # built from the tokens on each access: once per document
    for sentence in segments(doc):
        first_char, last_char = _word_bounds(sentence)
        if _paragraph_break(text, previous_end, first_char):
            paragraph_date = None
        previous_end = last_char
        sentence_dates = dates.find_dates(sentence.text, published)
        sentence_triggers = [
            t
            for t in triggers
            if sentence.start <= t.start and t.end <= sentence.end and not is_blocked(t)
        ]
        strong = [t for t in sentence_triggers if not t.label_.endswith(f"|{WEAK}")]
        sentence_triggers = strong or sentence_triggers[:1]
        if sentence_triggers:
            sentence_actors = [a for a in actor_spans if sentence.start <= a.start < sentence.end]
            counts = fatalities.counts_in(sentence)
            found.extend(
                _sentence_mentions(
                    sentence,
                    sentence_triggers,
                    sentence_actors,
                    actor_spans,
                    counts,
                    sentence_dates,
                    paragraph_date,
                    published,
                )
            )
        if sentence_dates:
            paragraph_date = sentence_dates[-1]
    return found


def _sentence_mentions(
    sentence: Span,
    triggers: list[Span],
    actor_spans: list[Span],
    all_actors: list[Span],
    counts: list[fatalities.Count],
    sentence_dates: list[dates.DateMention],
    paragraph_date: dates.DateMention | None,
    published: date | None,
) -> list[Mention]:
    found = []
    starts = [t.start for t in triggers]
    for index, trigger in enumerate(triggers):
        zone_start = triggers[index - 1].end if index else sentence.start
        zone_end = starts[index + 1] if index + 1 < len(triggers) else sentence.end
        event_type, sub_type, refine = trigger.label_.split("|")
        found_roles = roles.assign(trigger, actor_spans, zone_end)
        place = places.choose(sentence, trigger, (zone_start, zone_end), actor_spans)
        if place is not None and places.is_broad(place):
            country = place.span._.resolution.country if place.precision else None
            place = places.follow_up(sentence, country, all_actors) or place
        if not found_roles.names() and place is None:
            continue
        event_type, sub_type = _refine(event_type, sub_type, refine, found_roles, sentence)
        if sub_type in _refinements()["one_sided"] and not found_roles.targeted:
            found_roles.actor2 = None
        if found_roles.actor1 is None and place is not None and place.precision is not None:
            found_roles.actor1 = implied_actor(place.span._.resolution.country, sub_type)
        mention_date = _nearest_date(sentence_dates, sentence, trigger) or paragraph_date
        if mention_date is not None:
            day, precision, text = mention_date.day, mention_date.precision, mention_date.text
        elif published is not None:
            day, precision, text = published, TIME_WEEK, None
        else:
            day, precision, text = None, None, None
        own = [c.value for c in counts if _nearest(c.at, triggers) == index]
        found.append(
            Mention(
                event_type,
                sub_type,
                sentence,
                trigger,
                found_roles,
                place,
                day,
                precision,
                text,
                sum(own) if own else None,
                [sentence.text.strip()],
            )
        )
    return found


def _nearest(at: int, triggers: list[Span]) -> int:
    return min(
        range(len(triggers)),
        key=lambda i: min(abs(at - triggers[i].start), abs(at - triggers[i].end)),
    )
