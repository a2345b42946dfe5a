"""Date expressions of a sentence, resolved against the publication date (French and English).

Pure-python rules; the calendar words and relative expressions are in events/data/date_cues.json.
A weekday is the most recent such day on or before publication; a day and month without a year take
the publication's year, or the previous year when that would fall after publication. Relative
expressions need a publication date: without one only absolute dates resolve, never invented ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from events.extraction.lexicons import json_data
from events.model import TIME_DAY, TIME_MONTH

FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression: where it is in the text, what it says, what day it means."""

    start: int
    end: int
    text: str
    day: date
    precision: int


def parse_iso(value: str | None) -> date | None:
    """The date of an ISO string (first 10 characters), or None when absent or invalid."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    cues = json_data("date_cues.json")
    months = _alternation(cues["months"])
    weekdays = _alternation(cues["weekdays"])
    night = "|".join(
        re.escape(p).replace(r"\{a\}", f"(?:{weekdays})").replace(r"\{b\}", f"(?P<b{i}>{weekdays})")
        for i, p in enumerate(cues["night_patterns"])
    )
    bounded = r"(?<![\w-])(?:{})(?![\w-])"
    return {
        "iso": re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        "numeric": re.compile(
            r"(?<!\d)(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        "day_month": re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon>{months})\.?(?:\s+(?P<y>(?:19|20)\d\d))?(?![\w])",
            re.IGNORECASE,
        ),
        "month_day": re.compile(
            rf"(?<![\w])(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\d)",
            re.IGNORECASE,
        ),
        "month_year": re.compile(
            rf"(?<![\w])(?P<mon>{months})\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE
        ),
        "year_part": re.compile(
            rf"(?<![\w])(?P<part>{_alternation(cues['year_end_words'] + cues['year_start_words'])})"
            r"\s+(?P<y>(?:19|20)\d\d)(?!\d)",
            re.IGNORECASE,
        ),
        "night": re.compile(night, re.IGNORECASE),
        "relative": re.compile(
            bounded.format(_alternation(r["text"] for r in cues["relative"])), re.IGNORECASE
        ),
        "weekday": re.compile(bounded.format(weekdays), re.IGNORECASE),
    }


def _month(name: str) -> int:
    return json_data("date_cues.json")["months"][name.lower()]


def _weekday_on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _day_month(day: int, month: int, year: str | None, published: date | None) -> date | None:
    """Day and month, with the year given or inferred from publication (never in its future)."""
    try:
        if year:
            return date(int(year), month, day)
        if published is None:
            return None
        guess = date(published.year, month, day)
        if guess > published + FUTURE_TOLERANCE:
            guess = date(published.year - 1, month, day)
        return guess
    except ValueError:
        return None


def _relative(text: str, published: date) -> tuple[date, int]:
    entry = next(
        r for r in json_data("date_cues.json")["relative"] if r["text"].lower() == text.lower()
    )
    offset = entry["offset_days"]
    if offset == "last_weekend":
        last_monday = published - timedelta(days=published.weekday() or 7)
        return last_monday - timedelta(days=2), entry["precision"]
    if offset == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), entry["precision"]
    return published + timedelta(days=offset), entry["precision"]


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression of text that resolves, in text order, without overlaps."""
    patterns = _patterns()
    weekdays = json_data("date_cues.json")["weekdays"]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, day: date | None, precision: int) -> None:
        span = match.span()
        if any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)  # an impossible date still hides the month-year inside it
        if day is None:
            return
        found.append(DateMention(span[0], span[1], match.group(0), day, precision))

    for match in patterns["iso"].finditer(text):
        add(match, _day_month(int(match["d"]), int(match["m"]), match["y"], None), TIME_DAY)
    for match in patterns["numeric"].finditer(text):
        add(match, _day_month(int(match["d"]), int(match["m"]), match["y"], None), TIME_DAY)
    for key in ("day_month", "month_day"):
        for match in patterns[key].finditer(text):
            day = _day_month(int(match["d"]), _month(match["mon"]), match["y"], published)
            add(match, day, TIME_DAY)
    for match in patterns["month_year"].finditer(text):
        add(match, date(int(match["y"]), _month(match["mon"]), 1), TIME_MONTH)
    ends = {w.lower() for w in json_data("date_cues.json")["year_end_words"]}
    for match in patterns["year_part"].finditer(text):
        month = 12 if match["part"].lower() in ends else 1
        add(match, date(int(match["y"]), month, 1), TIME_MONTH)
    if published is not None:
        for match in patterns["night"].finditer(text):
            second_name = next(v for k, v in match.groupdict().items() if v and k.startswith("b"))
            second = _weekday_on_or_before(published, weekdays[second_name.lower()])
            add(match, second - timedelta(days=1), TIME_DAY)
        for match in patterns["relative"].finditer(text):
            add(match, *_relative(match.group(0), published))
        for match in patterns["weekday"].finditer(text):
            add(match, _weekday_on_or_before(published, weekdays[match.group(0).lower()]), TIME_DAY)
    return sorted(found, key=lambda m: m.start)
