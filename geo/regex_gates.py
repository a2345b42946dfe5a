"""Cheap exact prechecks for the big data-driven regexes (border phrases, relative cues).

Python's `re` tries every alternative of a pattern at every position of the text, so a scan for
a dozen case-insensitive phrases costs far more than the search for one word they all need. A
gate answers "can this pattern match anywhere here?" without false negatives: when it says no,
the pattern is not run; when it says yes, the pattern runs as before, so results never change.
"""

from __future__ import annotations

import re

try:  # the parser `re` compiles with (Python 3.11+); without it there are no gates
    from re import _constants as sre_constants
    from re import _parser as sre_parser
except ImportError:  # pragma: no cover - older Pythons
    sre_parser = sre_constants = None

MIN_LITERAL = 3  # a shorter required word is too common to save a scan
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def required_literal(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search for the longest run of plain characters every match of ``pattern`` contains
    (its top-level literals: "border" in r"(?:the\\s+)?border\\s+with\\s+Iraq"), compiled with
    the same flags so it matches those characters exactly as the pattern does; None when the
    pattern has no such run of MIN_LITERAL characters."""
    if sre_parser is None:
        return None
    try:
        parsed = sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError):
        return None
    best, run = "", ""
    for op, value in parsed:
        if op is sre_constants.LITERAL:
            run += chr(value)
            continue
        best, run = max(best, run, key=len), ""
    best = max(best, run, key=len)
    if len(best) < MIN_LITERAL:
        return None
    return re.compile(re.escape(best), pattern.flags & ~re.VERBOSE)


def any_of_at_end(bodies: list[str], flags: int) -> re.Pattern[str] | None:
    """One regex that matches a text exactly when one of the end-anchored patterns
    ``(?:^|\\W)(body)$`` does, for a whole list of bodies: one scan instead of one per body.
    Group names are dropped (several bodies share them); None when a body refers back to a
    group, since merging would renumber it."""
    if any(_BACKREFERENCE.search(body) for body in bodies):
        return None
    plain = [re.sub(r"\(\?P<\w+>", "(?:", body) for body in bodies]
    try:
        return re.compile(r"(?:^|\W)(?:" + "|".join(f"(?:{b})" for b in plain) + r")$", flags)
    except re.error:
        return None
