"""What a trigger means in its sentence: blocked or not, its ACLED sub-type, its implied actor.

The words these rules read are in events/data/event_refinements.json and implied_actors.tsv; the
refinement names are those of event_cues.tsv's "refine" column.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from events.extraction import roles
from events.extraction.lexicons import json_data, rows

BLOCKER_WINDOW = 3
ANCESTOR_DEPTH = 4
STATE_KINDS = frozenset({"State Forces"})
WEAK = "weak"
AIM = "aim"
TERRITORY = {True: "Government regains territory", False: "Non-state actor overtakes territory"}


@lru_cache(maxsize=1)
def _refinements() -> dict:
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


def refine(
    event_type: str, sub_type: str, rule: str, found: roles.Roles, sentence: Span
) -> tuple[str, str]:
    """ACLED's sub-type from the actors and the sentence's words (see event_cues.tsv header)."""
    lowers = {t.lower_ for t in sentence}
    text = sentence.text.lower()
    words = _refinements()
    if rule == "clash" and roles.kind_of(found.actor2) == roles.CIVILIAN_KIND:
        return "Violence against civilians", "Attack"
    if rule == "territory" and found.actor1:
        return event_type, TERRITORY[roles.kind_of(found.actor1) in STATE_KINDS]
    if rule in ("remote", AIM):
        if words["air"] & lowers:
            return event_type, "Air/drone strike"
        if words["artillery"] & lowers:
            return event_type, "Shelling/artillery/missile attack"
        if found.actor1 in words["air_actors"]:
            return event_type, "Air/drone strike"
    if rule == "massacre":
        if words["air"] & lowers:
            return "Explosions/Remote violence", "Air/drone strike"
        if words["artillery"] & lowers:
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if rule == WEAK and roles.kind_of(found.actor2) == roles.CIVILIAN_KIND:
        return "Violence against civilians", "Attack"
    if rule == "protest":
        if any(w in text for w in words["excessive"]):
            return event_type, "Excessive force against protesters"
        if any(w in text for w in words["intervention"]):
            return event_type, "Protest with intervention"
    return event_type, sub_type


@lru_cache(maxsize=1)
def _implied() -> dict[tuple[str, str, str], str]:
    return {
        (r["country"], r["sub_event_type"], r["refine"]): r["actor1"]
        for r in rows("implied_actors.tsv")
    }


def one_sided(sub_event_type: str) -> bool:
    """True for sub-types about one actor's own activity (a patrol, a new base): their actor2
    stays empty unless the text names a target."""
    return sub_event_type in _refinements()["one_sided"]


def implied_actor(country: str | None, sub_event_type: str, rule: str) -> str | None:
    """The actor a report leaves implicit for this kind of event in this country, or for this
    cue rule anywhere (see events/data/implied_actors.tsv), or None."""
    table = _implied()
    for key in ((country or "", sub_event_type, rule), ("", sub_event_type, rule)):
        if rule and key in table:
            return table[key]
    return table.get((country or "", sub_event_type, ""))
