"""Actor roles of one event mention from the dependency parse and word order.

actor1 acts, actor2 is acted upon. An actor marked as agent ("par", "by"), the subject before the
trigger, an actor fused with the trigger ("frappes russes") or modifying it ("an Isis attack") is
actor1; one introduced by "contre", "against", "sur", "on" after the trigger is actor2; "entre X
et Y" / "between X and Y" gives both; an actor supporting another ("avec l'appui de", "backed
by") or joined to it by "et" is an associated actor. Civilians are never actor1 of a violent event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from events.extraction.lexicons import actors

AGENT_MARKERS = frozenset({"par", "by"})
TARGET_MARKERS = frozenset({"contre", "against", "sur", "on", "upon", "vers", "towards", "at"})
BETWEEN_MARKERS = frozenset({"entre", "between"})
SUPPORT_HEADS = frozenset({"appui", "soutien", "support", "backing", "côtés", "aide", "couverture"})
CONJ_FILLERS = frozenset({"et", "and", "leurs", "their", "ses", "its", ",", "les", "the", "des"})
CIVILIAN_KIND = "Civilians"
OBJECT_DEPS = frozenset({"obj", "dobj", "iobj"})
MAX_OBJECT_DISTANCE = 15  # tokens after the trigger where its object can still be
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
    targeted: bool = False  # actor2 was introduced as a target ("contre X", "against X")

    def names(self) -> set[str]:
        return {a for a in (self.actor1, self.actor2, self.assoc_actor_1, self.assoc_actor_2) if a}


def kind_of(name: str | None) -> str | None:
    """The ACLED actor kind of a canonical actor name."""
    actor = actors().get(name) if name else None
    return actor.kind if actor else None


def _marker(span: Span) -> str | None:
    """The preposition introducing an actor mention (parse first, then the preceding word, past an
    article: "by the SDF")."""
    for child in span.root.children:
        if child.dep_ == "case" and child.i < span.start:
            return child.lower_
    at = span.start - 1
    if at > span.sent.start and span.doc[at].pos_ == "DET":
        at -= 1
    if at >= span.sent.start:
        before = span.doc[at]
        if (
            before.pos_ == "ADP"
            or before.lower_ in AGENT_MARKERS | TARGET_MARKERS | BETWEEN_MARKERS
        ):
            return before.lower_
    return None


def _agent_of(span: Span, trigger: Span) -> bool:
    """An agent phrase ("par X", "by X") that belongs to the trigger, not to a nested participle."""
    head = span.root.head
    if head.pos_ == "ADP" or head.dep_ in ("agent", "prep"):
        head = head.head  # English attaches "by" between the verb and its agent
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


def _modifier_of(span: Span, trigger: Span) -> bool:
    """ "an Isis attack", "regime shelling": the noun trigger's modifier acts."""
    return (
        span.end == trigger.start
        and trigger.root.pos_ == "NOUN"
        and trigger.start <= span.root.head.i < trigger.end
        and kind_of(span.label_) != CIVILIAN_KIND
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


def _overlaps(span: Span, trigger: Span) -> bool:
    return span.start < trigger.end and trigger.start < span.end


def _slot(
    span: Span, trigger: Span, zone_end: int, previous: tuple[Span, str | None] | None
) -> str | None:
    """The slot an actor mention takes by itself: "actor1", "actor2", "assoc1", "between",
    "partner" (joined to a "between" actor), "skip", or None (decided by word order)."""
    marker = _marker(span)
    if _overlaps(span, trigger):
        return "actor1"
    if marker in AGENT_MARKERS:
        return "actor1" if _agent_of(span, trigger) else "skip"
    if _genitive_of(span, trigger) and kind_of(span.label_) != CIVILIAN_KIND:
        return "actor1"
    joined = previous is not None and _joined(previous[0], span)
    civilian = kind_of(span.label_) == CIVILIAN_KIND
    if joined and not previous[1] and span.end <= trigger.start and not civilian:
        return "assoc1"  # "Regime forces and loyal militiamen shell": the first acts
    if _modifier_of(span, trigger):
        return "actor1"
    if joined and previous[1]:
        if previous[1] == "between":
            return "partner"
        return "assoc1" if previous[1] in ("actor1", "assoc1") else "assoc2"
    if _supports(span):
        return "assoc1"
    if marker in BETWEEN_MARKERS and span.start >= trigger.start:
        return "between"
    if marker in TARGET_MARKERS and trigger.end <= span.start < zone_end:
        return "actor2"
    return None


def assign(trigger: Span, mentions: list[Span], zone_end: int) -> Roles:
    """Roles of the actor mentions of the trigger's sentence (mentions in text order)."""
    roles = Roles()
    before: list[Span] = []
    after: list[Span] = []
    partner: str | None = None
    previous: tuple[Span, str | None] | None = None
    for span in mentions:
        slot = _slot(span, trigger, zone_end, previous)
        if slot == "partner":
            partner = partner or span.label_
        elif slot is None and span.start < trigger.start:
            before.append(span)
        elif slot is None and span.start < min(zone_end, trigger.end + MAX_OBJECT_DISTANCE):
            after.append(span)
        else:
            _fill(roles, slot, span.label_)
            roles.targeted = roles.targeted or slot == "actor2"
        previous = (span, slot)
    if partner:
        if roles.actor2 is None:
            roles.actor2 = partner
        elif roles.assoc_actor_1 is None:
            roles.assoc_actor_1 = partner
    if roles.actor1 is not None and roles.actor2 is None and before:
        # the agent is known ("massacre carried out by Russian warplanes"): who comes before
        # the trigger is acted upon ("Commander of an Islamic battalion ... killed in")
        closest = next((b for b in reversed(before) if b.label_ != roles.actor1), None)
        roles.actor2 = closest.label_ if closest is not None else None
    subjects = [b for b in before if b.root.dep_.startswith("nsubj")]
    others = [b for b in before if b not in subjects]
    for span in [*reversed(subjects), *reversed(others)]:
        if roles.actor1 is None:
            roles.actor1 = span.label_
        elif (
            roles.actor2 is None
            and span.label_ != roles.actor1
            and (kind_of(span.label_) == CIVILIAN_KIND or span.root.dep_ in OBJECT_DEPS)
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
    if kind_of(roles.actor1) == CIVILIAN_KIND:
        # civilians are acted upon: "11 civilians killed in airstrikes" leaves the striker unknown
        if roles.actor2 is None:
            roles.actor1, roles.actor2 = None, roles.actor1
        elif kind_of(roles.actor2) != CIVILIAN_KIND:
            roles.actor1, roles.actor2 = roles.actor2, roles.actor1
    if roles.actor1 is None and roles.assoc_actor_1:
        roles.actor1, roles.assoc_actor_1 = roles.assoc_actor_1, None
        if kind_of(roles.actor1) == CIVILIAN_KIND:
            roles.actor1, roles.actor2 = None, roles.actor2 or roles.actor1
    if roles.actor2 == roles.actor1:
        roles.actor2 = None
    if roles.assoc_actor_1 in (roles.actor1, roles.actor2):
        roles.assoc_actor_1 = None
    if roles.assoc_actor_2 in (roles.actor1, roles.actor2):
        roles.assoc_actor_2 = None
    return roles
