"""The dashboard's callbacks: each a thin shell over a pure function of the view state.

Every filter change computes one vectorised mask (cached per filter, so the map, the table and a
pan share it) and sends only what the visible map needs.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import OrderedDict
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from dashboard.detail import event_detail
from dashboard.layout import TABLE_COLUMNS, TABLE_PAGE_SIZE, week_range
from dashboard.mapdata import map_features, visible_rows, weekly_counts
from dashboard.source import UNDATED
from dashboard.viewstate import ViewState, from_controls, without_dates
from events.filters import EventFilter

FILTER_INPUTS = [
    Input("actors", "value"), Input("types", "value"), Input("subtypes", "value"),
    Input("countries", "value"), Input("admin1", "value"), Input("dates", "start_date"),
    Input("dates", "end_date"), Input("undated", "value"), Input("text", "value"),
    Input("min-conf", "value"), Input("mode", "value"),
]
FILTER_STATES = [State(i.component_id, i.component_property) for i in FILTER_INPUTS]
WEEK_MS = 7 * 24 * 3600 * 1000  # a bar spans its week on the date axis
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def export_filename(state: ViewState, extension: str) -> str:
    """A file name that says what was exported, reduced to safe characters."""
    view = state.filter
    parts = ["eventmap", *view.event_types, *view.actors, view.since or "", view.until or ""]
    stem = SAFE_NAME.sub("_", "-".join(p for p in parts if p)).strip("._-")[:80] or "eventmap"
    return f"{stem}.{extension}"


class MaskCache:
    """The last few filter masks, so the map, the table and pans reuse one computation."""

    def __init__(self, board, size: int = 8) -> None:
        self.board = board
        self.size = size
        self.items: OrderedDict = OrderedDict()

    def mask(self, event_filter: EventFilter) -> np.ndarray:
        key = (id(self.board.events), event_filter)
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        mask = event_filter.mask(self.board.events.frame)
        self.items[key] = mask
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return mask


def view_query(state: ViewState, bounds, zoom) -> str:
    """The URL query of the view, with the map centre and zoom appended."""
    query = state.to_query()
    if bounds and zoom is not None:
        (south, west), (north, east) = bounds
        view = f"lat={(south + north) / 2:.4f}&lon={(west + east) / 2:.4f}&z={int(zoom)}"
        query = f"{query}&{view}" if query else f"?{view}"
    return query


def timeline_figure(mondays: np.ndarray, counts: np.ndarray) -> go.Figure:
    """Bar chart of events per week; dragging across it selects a date range."""
    figure = go.Figure(go.Bar(x=(mondays + 3).astype(str), y=counts, marker_color="#455a64",
                              width=WEEK_MS * 0.9,
                              hovertemplate="week around %{x}: %{y} events<extra></extra>"))
    figure.update_layout(margin={"l": 40, "r": 10, "t": 5, "b": 25}, dragmode="select",
                         selectdirection="h", bargap=0.05, height=150,
                         xaxis={"type": "date"}, yaxis={"fixedrange": True},
                         plot_bgcolor="#fff", paper_bgcolor="#fff")
    return figure


def register_callbacks(app: Dash, board) -> None:
    """Wire the controls to the map, count, URL, timeline, table, detail and export."""
    cache = MaskCache(board)

    @app.callback(
        Output("events", "data"), Output("count", "children"), Output("undated-count", "children"),
        Output("url", "search"),
        *FILTER_INPUTS, Input("map", "bounds"), Input("map", "zoom"), Input("data-version", "data"),
    )
    def update_map(*values):
        *controls, bounds, zoom, _version = values
        state = from_controls(*controls)
        events = board.events
        mask = cache.mask(state.to_filter())
        rows = visible_rows(events, mask, bounds)
        collection = map_features(events, rows, zoom if zoom is not None else 6, state.mode)
        total = int(mask.sum())
        undated = int((mask & (events.day == UNDATED)).sum())
        count = f"{total:,} events shown"
        undated_text = f"({undated:,} undated, listed in the table)" if undated else ""
        return collection, count, undated_text, view_query(state, bounds, zoom)

    @app.callback(
        Output("timeline", "figure"),
        *[i for i in FILTER_INPUTS if i.component_id not in ("dates", "mode")],
        Input("data-version", "data"),
    )
    def update_timeline(actors, types, subtypes, countries, admin1, undated, text, conf, _v):
        state = from_controls(actors, types, subtypes, countries, admin1, None, None, undated,
                              text, conf, "markers")
        mask = cache.mask(without_dates(state).to_filter())
        return timeline_figure(*weekly_counts(board.events, mask))

    @app.callback(
        Output("dates", "start_date"), Output("dates", "end_date"),
        Output("date-slider", "value"),
        Input("date-slider", "value"), Input("timeline", "selectedData"),
        Input("tick", "n_intervals"), Input("dates", "start_date"), Input("dates", "end_date"),
        prevent_initial_call=True,
    )
    def sync_dates(slider, selected, _tick, start, end):
        first, weeks = week_range(board.events)
        first_day = date.fromisoformat(str(first))
        trigger = ctx.triggered_id
        if trigger == "date-slider":
            if slider[0] <= 0 and slider[1] >= weeks:
                return None, None, no_update
            since = first_day + timedelta(weeks=slider[0])
            until = first_day + timedelta(weeks=slider[1], days=-1)
            return since.isoformat(), until.isoformat(), no_update
        if trigger == "timeline":
            if not selected or "range" not in selected:
                raise PreventUpdate
            low, high = (str(v)[:10] for v in selected["range"]["x"])
            start, end = low, high
        elif trigger == "tick":
            current = date.fromisoformat(start[:10]) if start else first_day - timedelta(weeks=1)
            nxt = current + timedelta(weeks=1)
            if nxt > first_day + timedelta(weeks=weeks):
                nxt = first_day
            start, end = nxt.isoformat(), (nxt + timedelta(days=6)).isoformat()
        low_week = 0 if not start else (date.fromisoformat(start[:10]) - first_day).days // 7
        high_week = weeks if not end else (date.fromisoformat(end[:10]) - first_day).days // 7 + 1
        value = [min(max(low_week, 0), weeks), min(max(high_week, 0), weeks)]
        if trigger == "dates":
            return no_update, no_update, value
        return start, end, value

    @app.callback(Output("tick", "disabled"), Output("play", "children"),
                  Input("play", "n_clicks"), prevent_initial_call=True)
    def toggle_play(clicks):
        playing = bool(clicks % 2)
        return not playing, "⏸ Pause" if playing else "▶ Play weekly"

    @app.callback(Output("subtypes", "options"), Input("types", "value"),
                  Input("data-version", "data"))
    def subtype_options(types, _version):
        frame = board.events.frame
        if types:
            frame = frame[frame["event_type"].isin(types)]
        return sorted(v for v in frame["sub_event_type"].dropna().unique() if v)

    @app.callback(
        Output("table", "data"), Output("table", "page_count"),
        *FILTER_INPUTS, Input("map", "bounds"), Input("table", "page_current"),
        Input("table", "sort_by"), Input("data-version", "data"),
    )
    def update_table(*values):
        *controls, bounds, page, sort_by, _version = values
        state = from_controls(*controls)
        events = board.events
        mask = cache.mask(state.to_filter())
        rows = visible_rows(events, mask, bounds)
        undated_unplaced = np.flatnonzero(mask & ~events.located)
        rows = np.concatenate([rows, undated_unplaced])
        rows = _sorted(events, rows, sort_by)
        page = page or 0
        shown = rows[page * TABLE_PAGE_SIZE:(page + 1) * TABLE_PAGE_SIZE]
        records = _table_records(events.frame, shown)
        return records, max(1, -(-len(rows) // TABLE_PAGE_SIZE))

    @app.callback(
        Output("detail", "children"), Output("map", "viewport"),
        Input("events", "clickData"), Input("table", "active_cell"),
        State("table", "data"), State("map", "zoom"),
        prevent_initial_call=True,
    )
    def show_detail(feature, active_cell, table_rows, zoom):
        events = board.events
        if ctx.triggered_id == "events":
            if not feature:
                raise PreventUpdate
            props = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"]
            if props.get("kind") != "event":
                view = {"center": [lat, lon], "zoom": min((zoom or 6) + 2, 18),
                        "transition": "flyTo"}
                return no_update, view
            return _detail(board, int(props["i"])), no_update
        if not active_cell or not table_rows or active_cell["row"] >= len(table_rows):
            raise PreventUpdate
        row = int(table_rows[active_cell["row"]]["_row"])
        lat, lon = events.lat[row], events.lon[row]
        view = no_update
        if not (np.isnan(lat) or np.isnan(lon)):
            view = {"center": [float(lat), float(lon)], "zoom": max(zoom or 6, 11),
                    "transition": "flyTo"}
        return _detail(board, row), view

    @app.callback(
        Output("download", "data"),
        Input("export-geojson", "n_clicks"), Input("export-csv", "n_clicks"),
        Input("export-html", "n_clicks"), *FILTER_STATES,
        prevent_initial_call=True,
    )
    def export_view(_g, _c, _h, *controls):
        from events import export

        state = from_controls(*controls)
        frame = board.events.frame.loc[cache.mask(state.to_filter())]
        kind = {"export-geojson": "geojson", "export-csv": "csv", "export-html": "html"}[
            ctx.triggered_id]
        name = export_filename(state, kind)
        if kind == "geojson":
            body = json.dumps(export.to_geojson(frame), ensure_ascii=False)
            return {"content": body, "filename": name, "type": "application/geo+json"}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            (export.to_csv if kind == "csv" else export.to_html)(frame, path)
            return dcc.send_bytes(path.read_bytes(), name)

    @app.callback(Output("data-version", "data"), Input("reload", "n_clicks"),
                  State("data-version", "data"), prevent_initial_call=True)
    def reload_store(_clicks, version):
        board.reload()
        return (version or 0) + 1


def _detail(board, row: int):
    frame = board.events.frame
    if not 0 <= row < len(frame):
        raise PreventUpdate
    record = frame.iloc[row]
    title = None
    if record.get("article_id"):
        article = board.store.article(record["article_id"])
        title = getattr(article, "title", None)
    return event_detail(record, title)


def _sorted(events, rows: np.ndarray, sort_by) -> np.ndarray:
    """Rows ordered as the table asks; newest first by default, undated last."""
    if not sort_by:
        return rows[np.argsort(-events.day[rows].astype(np.int64), kind="stable")]
    column = sort_by[0]["column_id"]
    descending = sort_by[0]["direction"] == "desc"
    if column == "event_date":
        order = np.argsort(events.day[rows], kind="stable")
    else:
        values = events.frame[column].iloc[rows].reset_index(drop=True)
        order = values.sort_values(kind="stable", na_position="last").index.to_numpy()
    return rows[order[::-1]] if descending else rows[order]


def _table_records(frame, rows: np.ndarray) -> list[dict]:
    columns = [c for c, _ in TABLE_COLUMNS]
    part = frame.iloc[rows][columns].astype(object)
    part = part.where(part.notna(), None)
    records = part.to_dict("records")
    for record, row in zip(records, rows.tolist(), strict=True):
        record["_row"] = row
        if record["event_date"] is None:
            record["event_date"] = "undated"
    return records
