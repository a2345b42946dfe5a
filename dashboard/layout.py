"""The page: filters on the left, the map with its legend, the detail panel and table on the right,
the timeline underneath. Initial values come from the URL so a shared link reopens the same view."""

from __future__ import annotations

import dash_leaflet as dl
import numpy as np
from dash import dash_table, dcc, html

from dashboard.source import EPOCH, UNDATED, LoadedEvents, event_styles
from dashboard.viewstate import ViewState

DEFAULT_CENTER = [34.8, 40.5]  # between Syria and Iraq
DEFAULT_ZOOM = 6
OSM_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
TABLE_COLUMNS = [("event_date", "Date"), ("event_type", "Type"), ("actor1", "Actor 1"),
                 ("actor2", "Actor 2"), ("location", "Place"), ("fatalities", "Deaths")]
TABLE_PAGE_SIZE = 12


def marker_styles(events: LoadedEvents) -> list[list[str]]:
    """[colour, shape] per event type code, the last entry for unknown types (GeoJSON hideout)."""
    styles = event_styles()
    other = styles["other"]
    known = styles["types"]
    rows = [[known.get(name, other)["colour"], known.get(name, other)["shape"]]
            for name in events.type_names]
    return [*rows, [other["colour"], other["shape"]]]


def week_range(events: LoadedEvents) -> tuple[np.datetime64, int]:
    """Monday of the first dated week and the number of weeks up to the last dated event."""
    days = events.day[events.day != UNDATED].astype(np.int64)
    if not len(days):
        days = np.array([(np.datetime64("today", "D") - EPOCH).astype(np.int64)])
    first_day = int(days.min()) - int((days.min() + 3) % 7)  # back to the Monday
    weeks = (int(days.max()) - first_day) // 7 + 1
    return EPOCH + first_day, weeks


def slider_marks(first: np.datetime64, weeks: int) -> dict:
    """One mark per year (or per quarter on short ranges) on the week slider."""
    marks: dict = {}
    step = 13 if weeks < 120 else 52
    for w in range(0, weeks + 1, step):
        marks[w] = str(first + 7 * w)[: 7 if step == 13 else 4]
    return marks


def _legend(events: LoadedEvents) -> html.Div:
    rows = []
    for name, (colour, shape) in zip(events.type_names, marker_styles(events), strict=False):
        rows.append(html.Div([html.Span(className=f"em-swatch em-shape-{shape}",
                                        style={"background": colour, "width": "12px",
                                               "height": "12px", "display": "inline-block",
                                               "border": "1px solid #222",
                                               "clipPath": _CLIP.get(shape, "none")}),
                              html.Span(name)]))
    rows.append(html.Div("halo: approximate place (precision 2–3)", className="em-undated"))
    return html.Div(rows, className="em-legend", id="legend")


_CLIP = {"circle": "circle(50%)", "triangle": "polygon(50% 0, 100% 100%, 0 100%)",
         "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
         "star": "polygon(50% 0, 62% 35%, 100% 38%, 70% 60%, 80% 100%, 50% 75%, 20% 100%, "
                 "30% 60%, 0 38%, 38% 35%)",
         "cross": "polygon(33% 0, 66% 0, 66% 33%, 100% 33%, 100% 66%, 66% 66%, 66% 100%, "
                  "33% 100%, 33% 66%, 0 66%, 0 33%, 33% 33%)"}


def _dropdown(id_: str, options: list[str], value: tuple, placeholder: str) -> dcc.Dropdown:
    return dcc.Dropdown(id=id_, options=options, value=list(value), multi=True,
                        searchable=True, placeholder=placeholder)


def _map(events: LoadedEvents, center, zoom, admin_url: str | None) -> dl.MapContainer:
    base = [
        dl.BaseLayer(dl.GeoJSON(url="/assets/countries.geojson", id="country-outlines",
                                style={"color": "#6b6b6b", "weight": 1, "fillColor": "#f2efe9",
                                       "fillOpacity": 1}, interactive=False),
                     name="Vector base (offline)", checked=True),
        dl.BaseLayer(dl.TileLayer(url=OSM_URL, attribution=OSM_ATTRIBUTION, maxZoom=18),
                     name="OpenStreetMap (online)", checked=False),
    ]
    overlays = []
    if admin_url:
        overlays.append(dl.Overlay(dl.GeoJSON(
            url=admin_url, id="admin", interactive=False,
            style={"color": "#8d6e63", "weight": 1, "dashArray": "4 3", "fill": False}),
            name="Governorates and districts", checked=True))
    overlays.append(dl.Overlay(dl.GeoJSON(
        id="events", data={"type": "FeatureCollection", "features": []},
        pointToLayer={"variable": "eventmap.pointToLayer"},
        style={"variable": "eventmap.densityStyle"},
        hideout={"styles": marker_styles(events)}), name="Events", checked=True))
    return dl.MapContainer(
        [dl.LayersControl(base + overlays, id="layers", collapsed=False), dl.ScaleControl()],
        id="map", center=center, zoom=zoom, minZoom=2, maxZoom=18, trackViewport=True,
        style={"height": "100%", "width": "100%"},
    )


def build_layout(events: LoadedEvents, state: ViewState, center, zoom,
                 admin_url: str | None) -> html.Div:
    """The whole page for one visit, with the controls set to ``state``."""
    first, weeks = week_range(events)
    start = _week_index(first, state.filter.since, 0, weeks)
    end = _week_index(first, state.filter.until, weeks, weeks)
    filters = html.Div([
        html.Label("Actors (actor 1 or 2)", htmlFor="actors"),
        _dropdown("actors", events.actor_options(), state.filter.actors, "any actor"),
        html.Label("Event type", htmlFor="types"),
        _dropdown("types", events.type_names, state.filter.event_types, "any type"),
        html.Label("Sub-type", htmlFor="subtypes"),
        _dropdown("subtypes", events.options("sub_event_type"), state.filter.sub_event_types,
                  "any sub-type"),
        html.Label("Country", htmlFor="countries"),
        _dropdown("countries", events.options("country"), state.filter.countries, "any country"),
        html.Label("Governorate / province", htmlFor="admin1"),
        _dropdown("admin1", events.options("admin1"), state.filter.admin1, "any governorate"),
        html.Label("Dates"),
        dcc.DatePickerRange(id="dates", start_date=state.filter.since, end_date=state.filter.until,
                            display_format="YYYY-MM-DD", clearable=True),
        dcc.RangeSlider(id="date-slider", min=0, max=weeks, step=1, value=[start, end],
                        marks=slider_marks(first, weeks), allowCross=False),
        dcc.Checklist(id="undated", options=[{"label": " include undated events",
                                              "value": "yes"}],
                      value=["yes"] if state.filter.include_undated else []),
        html.Div([html.Button("▶ Play weekly", id="play", n_clicks=0),
                  dcc.Interval(id="tick", interval=1200, disabled=True)]),
        html.Label("Text in notes", htmlFor="text"),
        dcc.Input(id="text", type="search", value=state.filter.text or "", debounce=True,
                  placeholder="e.g. drone", style={"width": "95%"}),
        html.Label("Minimum place confidence", htmlFor="min-conf"),
        dcc.Slider(id="min-conf", min=0, max=1, step=0.05, value=state.filter.min_confidence or 0,
                   marks={0: "0", 0.5: "0.5", 1: "1"}),
        html.Label("Map mode"),
        dcc.RadioItems(id="mode", value=state.mode, inline=True,
                       options=[{"label": " markers ", "value": "markers"},
                                {"label": " density", "value": "density"}]),
        html.Label("Export what is shown"),
        html.Div([html.Button("GeoJSON", id="export-geojson"), html.Button("CSV", id="export-csv"),
                  html.Button("HTML map", id="export-html"), dcc.Download(id="download")],
                 className="em-buttons"),
        html.Div(html.Button("Reload from store", id="reload", n_clicks=0),
                 style={"marginTop": "12px"}),
    ], className="em-filters")
    table = dash_table.DataTable(
        id="table", columns=[{"name": label, "id": col} for col, label in TABLE_COLUMNS],
        page_current=0, page_size=TABLE_PAGE_SIZE, page_action="custom",
        sort_action="custom", sort_mode="single", sort_by=[], data=[],
        style_cell={"fontSize": "12px", "textAlign": "left", "whiteSpace": "normal",
                    "maxWidth": "120px"},
        style_table={"overflowX": "auto"},
    )
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="data-version", data=0),
        html.Div([html.H1("eventmap"), html.Span(id="count", className="em-count"),
                  html.Span(id="undated-count", className="em-undated")],
                 className="em-header"),
        filters,
        html.Div([_map(events, center, zoom, admin_url), _legend(events)],
                 className="em-map-wrap"),
        html.Div([html.Div(html.P("Click an event on the map or a row of the table."),
                           id="detail"),
                  html.H3("Events in view"), table], className="em-side"),
        html.Div(dcc.Graph(id="timeline", config={"displayModeBar": False},
                           style={"height": "150px"}), className="em-bottom"),
    ], className="em-page")


def _week_index(first: np.datetime64, date: str | None, default: int, weeks: int) -> int:
    if not date:
        return default
    index = int((np.datetime64(date, "D") - first).astype(np.int64)) // 7
    return min(max(index, 0), weeks)
