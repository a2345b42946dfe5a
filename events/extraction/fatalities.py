"""Fatality counts in a sentence: numbers attached to victims, when the sentence speaks of deaths.

"18 membres des forces du régime ... et 11 membres d'ISIS" sums to 29; "au moins 39 civils" is 39.
Number words count exactly; vague quantities use ACLED's conservative values from
events/data/fatality_words.json. Wounded or arrested people are not fatalities; no number → None.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from events.extraction.lexicons import json_data

VICTIM_WINDOW = 4
YEAR_FLOOR = 1900


@dataclass(frozen=True)
class Count:
    """A number of people killed, at token position `at` of the document."""

    at: int
    value: int


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset | dict]:
    raw = json_data("fatality_words.json")
    return {
        "numbers": raw["numbers"],
        "vague": raw["vague"],
        "victims": frozenset(raw["victim_words"]),
        "deaths": frozenset(raw["death_words"]),
        "not_deaths": frozenset(raw["non_death_words"]),
        "months": frozenset(json_data("date_cues.json")["months"]),
    }


def _value(token: Token) -> tuple[int, bool] | None:
    """(number, is_exact) of a quantity token, or None."""
    words = _words()
    lower = token.lower_
    if lower.isdigit():
        return int(lower), True
    if lower in words["numbers"]:
        return words["numbers"][lower], True
    if lower in words["vague"]:
        return words["vague"][lower], False
    return None


def counts_in(sentence: Span) -> list[Count]:
    """Fatality counts of a sentence (empty when it does not speak of deaths)."""
    words = _words()
    lowers = [t.lower_ for t in sentence]
    if not words["deaths"].intersection(lowers):
        return []
    found = []
    for index, token in enumerate(sentence):
        value = _value(token)
        if value is None or value[0] >= YEAR_FLOOR:
            continue
        following = lowers[index + 1 : index + 1 + VICTIM_WINDOW]
        if following and following[0] in words["months"]:
            continue
        victim_at = next((k for k, w in enumerate(following) if w in words["victims"]), None)
        if victim_at is None:
            continue
        if words["not_deaths"].intersection(following[: victim_at + 1]):
            continue
        found.append(Count(token.i, value[0]))
    return found
