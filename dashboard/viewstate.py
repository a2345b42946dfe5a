"""The view an analyst sees, as plain data: read from and written to the URL, turned into filters.

Keeping the whole view in the query string is what makes a view shareable as a link: the layout
reads it on page load, and every filter change writes it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from events.filters import EventFilter

LIST_KEYS = {"actor": "actors", "type": "event_types", "subtype": "sub_event_types",
             "country": "countries", "admin1": "admin1"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MODES = ("markers", "density")


@dataclass(frozen=True)
class ViewState:
    """Every filter of the dashboard plus the map mode; the default shows everything."""

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    include_undated: bool = True
    text: str | None = None
    min_confidence: float | None = None
    mode: str = "markers"

    def to_filter(self, bbox: tuple[float, float, float, float] | None = None) -> EventFilter:
        """The shared EventFilter for this view (``bbox`` limits it to the visible map)."""
        return EventFilter(
            actors=self.actors, event_types=self.event_types,
            sub_event_types=self.sub_event_types, since=self.since, until=self.until,
            include_undated=self.include_undated, bbox=bbox, countries=self.countries,
            admin1=self.admin1, text=self.text or None, min_confidence=self.min_confidence,
        )

    def to_query(self) -> str:
        """The URL query string (with leading ``?``) that reopens this view; empty by default."""
        pairs: list[tuple[str, str]] = []
        for key, attr in LIST_KEYS.items():
            pairs += [(key, v) for v in getattr(self, attr)]
        if self.since:
            pairs.append(("since", self.since))
        if self.until:
            pairs.append(("until", self.until))
        if not self.include_undated:
            pairs.append(("undated", "0"))
        if self.text:
            pairs.append(("q", self.text))
        if self.min_confidence:
            pairs.append(("minconf", f"{self.min_confidence:g}"))
        if self.mode != "markers":
            pairs.append(("mode", self.mode))
        return "?" + urlencode(pairs) if pairs else ""


def from_query(query: str) -> ViewState:
    """Parse a query string; values that make no sense are dropped, never raised on."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    lists = {attr: tuple(params.get(key, ())) for key, attr in LIST_KEYS.items()}
    since = _date(params.get("since"))
    until = _date(params.get("until"))
    mode = (params.get("mode") or ["markers"])[0]
    return ViewState(
        **lists, since=since, until=until,
        include_undated=(params.get("undated") or ["1"])[0] != "0",
        text=(params.get("q") or [None])[0],
        min_confidence=_fraction(params.get("minconf")),
        mode=mode if mode in MODES else "markers",
    )


def from_controls(actors, types, subtypes, countries, admin1, since, until, undated, text,
                  min_confidence, mode) -> ViewState:
    """Build the view from the raw values of the dashboard's controls."""
    return ViewState(
        actors=tuple(actors or ()), event_types=tuple(types or ()),
        sub_event_types=tuple(subtypes or ()), countries=tuple(countries or ()),
        admin1=tuple(admin1 or ()), since=_date([since] if since else None),
        until=_date([until] if until else None), include_undated=bool(undated),
        text=(text or "").strip() or None,
        min_confidence=float(min_confidence) if min_confidence else None,
        mode=mode if mode in MODES else "markers",
    )


def without_dates(state: ViewState) -> ViewState:
    """The same view over all dates: what the timeline histogram shows."""
    return replace(state, since=None, until=None)


def _date(values: list[str] | None) -> str | None:
    if not values:
        return None
    value = str(values[0])[:10]
    return value if ISO_DATE.match(value) else None


def _fraction(values: list[str] | None) -> float | None:
    try:
        value = float(values[0]) if values else None
    except ValueError:
        return None
    return value if value is not None and 0 < value <= 1 else None
