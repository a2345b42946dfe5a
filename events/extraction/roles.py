"""Actor roles of one event mention from the dependency parse and word order.

actor1 acts, actor2 is acted upon. An actor marked as agent ("par", "by"), the subject before the
trigger, or an actor fused with the trigger ("frappes russes") is actor1; one introduced by
"contre", "against", "sur", "on" after the trigger is actor2; "entre X et Y" / "between X and Y"
gives both; an actor supporting another ("avec l'appui de", "backed by") or joined to it by "et"
is an associated actor. Civilians are never actor1 of a violent event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from events.extraction.lexicons import actors

AGENT_MARKERS = frozenset({"par", "by"})
TARGET_MARKERS = frozenset({"contre", "against", "sur", "on", "upon", "vers", "towards", "at"})
BETWEEN_MARKERS = frozenset({"entre", "between"})
SUPPORT_HEADS = frozenset({"appui", "soutien", "support", "backing", "côtés", "aide", "couverture"})
CONJ_FILLERS = frozenset(
    {"et", "and", "leurs", "their", "ses", "its", ",", "les", "the", "des"}
)
CIVILIAN_KIND = "Civilians"
GENITIVE_FILLERS = frozenset(
    {"de", "du", "des", "d'", "d’", "of", "la", "le", "l'", "l’", "les", "the"}
)


@dataclass
class Roles:
    """Canonical actor names in ACLED's four actor slots."""

    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None

    def names(self) -> set[str]:
        return {a for a in (self.actor1, self.actor2, self.assoc_actor_1, self.assoc_actor_2) if a}


def kind_of(name: str | None) -> str | None:
    """The ACLED actor kind of a canonical actor name."""
    actor = actors().get(name) if name else None
    return actor.kind if actor else None


def _marker(span: Span) -> str | None:
    """The preposition introducing an actor mention (parse first, then the preceding word)."""
    for child in span.root.children:
        if child.dep_ == "case" and child.i < span.start:
            return child.lower_
    if span.start > span.sent.start:
        before = span.doc[span.start - 1]
        if (
            before.pos_ == "ADP"
            or before.lower_ in AGENT_MARKERS | TARGET_MARKERS | BETWEEN_MARKERS
        ):
            return before.lower_
    return None


def _agent_of(span: Span, trigger: Span) -> bool:
    """An agent phrase ("par X", "by X") that belongs to the trigger, not to a nested participle."""
    head = span.root.head
    return trigger.start <= head.i < trigger.end or head.i == trigger.root.head.i


def _genitive_of(span: Span, trigger: Span) -> bool:
    """ "l'offensive de l'armée", "frappes de la coalition": a noun trigger's owner acts."""
    between = span.doc[trigger.end : span.start]
    return (
        trigger.root.pos_ == "NOUN"
        and 0 < len(between) <= 2
        and all(t.lower_ in GENITIVE_FILLERS for t in between)
        and between[0].lower_ in {"de", "du", "des", "d'", "d’", "of"}
    )


def _supports(span: Span) -> bool:
    head = span.root.head
    window = span.doc[max(span.sent.start, span.start - 3) : span.start]
    return head.lower_ in SUPPORT_HEADS or any(t.lower_ in SUPPORT_HEADS for t in window)


def _joined(previous: Span, span: Span) -> bool:
    between = span.doc[previous.end : span.start]
    return (
        0 < len(between) <= 3
        and any(t.lower_ in {"et", "and"} for t in between)
        and all(t.lower_ in CONJ_FILLERS for t in between)
    )


def assign(trigger: Span, mentions: list[Span], zone_end: int) -> Roles:
    """Roles of the actor mentions of the trigger's sentence (mentions in text order)."""
    roles = Roles()
    before: list[Span] = []
    after: list[Span] = []
    previous: Span | None = None
    previous_slot: str | None = None
    for span in mentions:
        name = span.label_
        marker = _marker(span)
        slot: str | None = None
        if (
            (span.start < trigger.end
            and trigger.start < span.end)
            or (marker in AGENT_MARKERS and _agent_of(span, trigger))
        ) or (_genitive_of(span, trigger) and kind_of(name) != CIVILIAN_KIND):
            slot = "actor1"
        elif previous is not None and previous_slot and _joined(previous, span):
            slot = (
                "actor2" if previous_slot == "between" else previous_slot.replace("actor", "assoc")
            )
        elif _supports(span):
            slot = "assoc1"
        elif marker in BETWEEN_MARKERS and span.start >= trigger.start:
            slot = "between"
        elif marker in TARGET_MARKERS and span.start >= trigger.end and span.start < zone_end:
            slot = "actor2"
        elif span.start < trigger.start:
            before.append(span)
        elif span.start < zone_end:
            after.append(span)
        _fill(roles, slot, name)
        previous, previous_slot = span, slot
    for span in reversed(before):
        if roles.actor1 is None:
            roles.actor1 = span.label_
        elif (
            roles.actor2 is None
            and span.label_ != roles.actor1
            and kind_of(span.label_) == CIVILIAN_KIND
        ):
            roles.actor2 = span.label_
    for span in after:
        if roles.actor2 is None and span.label_ != roles.actor1:
            roles.actor2 = span.label_
    return _tidy(roles)


def _fill(roles: Roles, slot: str | None, name: str) -> None:
    target = {
        "actor1": "actor1",
        "between": "actor1",
        "actor2": "actor2",
        "assoc1": "assoc_actor_1",
        "assoc2": "assoc_actor_2",
    }.get(slot or "")
    if target and getattr(roles, target) is None:
        setattr(roles, target, name)


def _tidy(roles: Roles) -> Roles:
    """No actor twice; civilians move to actor2; a lone associate becomes the actor."""
    if (
        kind_of(roles.actor1) == CIVILIAN_KIND
        and roles.actor2
        and kind_of(roles.actor2) != CIVILIAN_KIND
    ):
        roles.actor1, roles.actor2 = roles.actor2, roles.actor1
    if roles.actor1 is None and roles.assoc_actor_1:
        roles.actor1, roles.assoc_actor_1 = roles.assoc_actor_1, None
    if roles.actor2 == roles.actor1:
        roles.actor2 = None
    if roles.assoc_actor_1 in (roles.actor1, roles.actor2):
        roles.assoc_actor_1 = None
    if roles.assoc_actor_2 in (roles.actor1, roles.actor2):
        roles.assoc_actor_2 = None
    return roles
