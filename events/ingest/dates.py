"""Publication dates as given by users and files, checked and normalised to ISO ``YYYY-MM-DD``.

A date that does not exist (``31/31/2020``) is an input error, never guessed at: the article's
events would otherwise carry a date nobody wrote.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from events.ingest.errors import UnreadableInput

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # French order: day/month/year


def parse_published(value: object) -> str | None:
    """ISO date for ``value`` (ISO date or datetime, or day/month/year); None for empty values.

    Raises ``UnreadableInput`` when the value is not a real calendar date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return None
    day_first = _DAY_FIRST.match(text)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return date(year, month, day).isoformat()
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise UnreadableInput(f"invalid publication date {text!r} (expected YYYY-MM-DD)") from None
