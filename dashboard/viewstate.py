"""The view an analyst sees, as plain data: read from and written to the URL, turned into filters.

Keeping the whole view in the query string is what makes a view shareable as a link: the layout
reads it on page load, and every filter change writes it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from events.filters import EventFilter

LIST_KEYS = {"actor": "actors", "type": "event_types", "subtype": "sub_event_types",
             "country": "countries", "admin1": "admin1"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MODES = ("markers", "density")


@dataclass(frozen=True)
class ViewState:
    """The dashboard's filter (the same EventFilter as `eventmap export`) plus the map mode."""

    filter: EventFilter = field(default_factory=EventFilter)
    mode: str = "markers"

    def to_filter(self, bbox: tuple[float, float, float, float] | None = None) -> EventFilter:
        """The shared EventFilter for this view (``bbox`` limits it to the visible map)."""
        return replace(self.filter, bbox=bbox)

    def to_query(self) -> str:
        """The URL query string (with leading ``?``) that reopens this view; empty by default."""
        view = self.filter
        pairs: list[tuple[str, str]] = []
        for key, attr in LIST_KEYS.items():
            pairs += [(key, v) for v in getattr(view, attr)]
        if view.since:
            pairs.append(("since", view.since))
        if view.until:
            pairs.append(("until", view.until))
        if not view.include_undated:
            pairs.append(("undated", "0"))
        if view.text:
            pairs.append(("q", view.text))
        if view.min_confidence:
            pairs.append(("minconf", f"{view.min_confidence:g}"))
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
    view = EventFilter(
        **lists, since=since, until=until,
        include_undated=(params.get("undated") or ["1"])[0] != "0",
        text=(params.get("q") or [None])[0],
        min_confidence=_fraction(params.get("minconf")),
    )
    return ViewState(view, mode=mode if mode in MODES else "markers")


def from_controls(actors, types, subtypes, countries, admin1, since, until, undated, text,
                  min_confidence, mode) -> ViewState:
    """Build the view from the raw values of the dashboard's controls."""
    view = EventFilter(
        actors=tuple(actors or ()), event_types=tuple(types or ()),
        sub_event_types=tuple(subtypes or ()), countries=tuple(countries or ()),
        admin1=tuple(admin1 or ()), since=_date([since] if since else None),
        until=_date([until] if until else None), include_undated=bool(undated),
        text=(text or "").strip() or None,
        min_confidence=float(min_confidence) if min_confidence else None,
    )
    return ViewState(view, mode=mode if mode in MODES else "markers")


def without_dates(state: ViewState) -> ViewState:
    """The same view over all dates: what the timeline histogram shows."""
    return replace(state, filter=replace(state.filter, since=None, until=None))


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
