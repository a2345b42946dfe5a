"""One event mention per trigger of a processed Doc: type, actors, place, date, deaths.

Blocked triggers (cue_rules.is_blocked) give no mention; neither does a trigger with neither an
actor nor a place; a casualty word alone ("weak" cue) counts only in a sentence without other
cues, and a targeting verb ("aim" cue) only in a sentence without other cues than casualty words.
A sentence without a date expression takes the last date of its paragraph, else the publication date
at time_precision 2 (reported, day not stated), else no date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from events.extraction import dates, fatalities, places, roles
from events.extraction.cue_rules import AIM, WEAK, implied_actor, is_blocked, one_sided, refine
from events.extraction.segments import segments
from events.extraction.triggers import SPAN_KEY as TRIGGERS_KEY
from events.model import TIME_WEEK

ACTORS_KEY = "actors"


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
        strong = [t for t in sentence_triggers if not t.label_.endswith((f"|{WEAK}", f"|{AIM}"))]
        aimed = [t for t in sentence_triggers if t.label_.endswith(f"|{AIM}")]
        sentence_triggers = strong or aimed or sentence_triggers[:1]
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
        event_type, sub_type, rule = trigger.label_.split("|")
        found_roles = roles.assign(trigger, actor_spans, zone_end)
        place = places.choose(sentence, trigger, (zone_start, zone_end), actor_spans)
        if place is not None and places.is_broad(place):
            country = place.span._.resolution.country if place.precision else None
            place = places.follow_up(sentence, country, all_actors) or place
        if not found_roles.names() and place is None:
            continue
        event_type, sub_type = refine(event_type, sub_type, rule, found_roles, sentence)
        if one_sided(sub_type) and not found_roles.targeted:
            found_roles.actor2 = None
        if found_roles.actor1 is None:
            resolved = place is not None and place.precision is not None
            country = place.span._.resolution.country if resolved else None
            implied = implied_actor(country, sub_type, rule)
            found_roles.actor1 = implied if implied != found_roles.actor2 else None
        mention_date = _nearest_date(sentence_dates, sentence, trigger) or paragraph_date
        if mention_date is not None:
            day, precision, text = mention_date.day, mention_date.precision, mention_date.text
        elif published is not None:
            day, precision, text = published, TIME_WEEK, None
        else:
            day, precision, text = None, None, None
        own = [c.value for c in counts if _nearest(c.at, triggers) == index]
        listed = places.coordinated(place, zone_end, actor_spans) if place else []
        for at, where in enumerate([place, *listed]):
            found.append(
                Mention(
                    event_type,
                    sub_type,
                    sentence,
                    trigger,
                    found_roles,
                    where,
                    day,
                    precision,
                    text,
                    sum(own) if own and not at else None,  # a toll is not split between places
                    [sentence.text.strip()],
                )
            )
    return found


def _nearest(at: int, triggers: list[Span]) -> int:
    return min(
        range(len(triggers)),
        key=lambda i: min(abs(at - triggers[i].start), abs(at - triggers[i].end)),
    )
