"""The detail panel of one event: every field an analyst checks, rendered as text, never as HTML."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd
from dash import html

TIME_PRECISION = {1: "exact day", 2: "within about a week", 3: "a month or vaguer"}
GEO_PRECISION = {1: "the named place itself", 2: "near / part of a named place",
                 3: "only the region is known"}


def _value(row: pd.Series, column: str):
    value = row.get(column)
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None  # None, NaN and pandas' NA (nullable integer columns from the store)
    return value


def _item(label: str, *content) -> list:
    return [html.Dt(label), html.Dd(list(content) if len(content) > 1 else content[0])]


def safe_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, so a stored ``javascript:`` URL is never made clickable."""
    if url and urlparse(str(url)).scheme in ("http", "https"):
        return str(url)
    return None


def event_detail(row: pd.Series, article_title: str | None = None) -> html.Div:
    """Components describing one event row of the events frame."""
    date = _value(row, "event_date")
    time_precision = _value(row, "time_precision")
    date_line = date or "undated"
    if date and time_precision:
        date_line += f" ({TIME_PRECISION.get(int(time_precision), 'unknown precision')})"
    if _value(row, "date_text"):
        date_line += f" — written “{row['date_text']}”"
    actors = [a for a in (_value(row, c) for c in ("actor1", "actor2")) if a]
    assoc = [a for a in (_value(row, c) for c in ("assoc_actor_1", "assoc_actor_2")) if a]
    resolved = ", ".join(str(v) for v in (_value(row, c) for c in
                                           ("location", "admin2", "admin1", "country")) if v)
    lat, lon = _value(row, "latitude"), _value(row, "longitude")
    if lat is not None and lon is not None:
        resolved += f" ({float(lat):.4f}, {float(lon):.4f})"
    precision = _value(row, "geo_precision")
    confidence = _value(row, "geo_confidence")
    place_bits = [resolved or "not resolved"]
    if precision:
        place_bits.append(f"precision {int(precision)}: {GEO_PRECISION.get(int(precision), '?')}")
    if confidence is not None:
        place_bits.append(f"confidence {float(confidence):.2f}")
    candidates = row.get("place_candidates")
    runner_ups = [
        html.Li(_candidate_text(c)) for c in (candidates if isinstance(candidates, list) else [])
    ]
    fatalities = _value(row, "fatalities")
    source = _value(row, "source") or "unknown source"
    link = safe_link(_value(row, "source_url"))
    items = [
        *_item("Date", date_line),
        *_item("Type", f"{row.get('event_type')} — {row.get('sub_event_type')}"),
        *_item("Actors", " vs ".join(actors) or "none named"),
    ]
    if assoc:
        items += _item("Associated actors", ", ".join(assoc))
    items += _item("Place as written", _value(row, "location_text") or "—")
    items += _item("Place as resolved", html.Span("; ".join(place_bits)))
    if runner_ups:
        items += _item("Runner-up candidates", html.Ul(runner_ups))
    items += _item("Fatalities", "not given" if fatalities is None else str(int(fatalities)))
    items += _item("Evidence", html.Blockquote(_value(row, "notes") or "—",
                                               className="em-evidence", id="detail-evidence"))
    source_bits = [f"{source}" + (f" — {article_title}" if article_title else "")]
    if link:
        source_bits += [" ", html.A("open article", href=link, target="_blank",
                                    rel="noopener noreferrer")]
    items += _item("Source", *source_bits)
    return html.Div([html.H3("Event"), html.Dl(items)], className="em-detail",
                    id="detail-body", **{"data-event-id": str(row.get("event_id"))})


def _candidate_text(candidate) -> str:
    if not isinstance(candidate, dict):
        return str(candidate)
    name = candidate.get("name") or candidate.get("place_id") or "?"
    where = ", ".join(str(v) for v in (candidate.get("admin1"), candidate.get("country")) if v)
    score = candidate.get("confidence", candidate.get("score"))
    text = f"{name}" + (f" ({where})" if where else "")
    return text + (f" — {float(score):.2f}" if isinstance(score, (int, float)) else "")
