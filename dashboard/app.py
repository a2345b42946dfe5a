"""``create_app(store)``: the Dash app over a store (or a DataFrame), every asset served locally."""

from __future__ import annotations

import gzip
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import flask
import pandas as pd
from dash import Dash

from dashboard.callbacks import register_callbacks
from dashboard.layout import DEFAULT_CENTER, DEFAULT_ZOOM, build_layout
from dashboard.source import EventStore, load_events
from dashboard.viewstate import from_query

ADMIN_ROUTE = "/basemap/admin.geojson"


def admin_polygons_path() -> Path | None:
    """The gazetteer's shipped governorate/district polygons, if this install has them."""
    data = resources.files("gazetteer").joinpath("data")
    for name in ("admin_polygons.geojson.gz", "admin_polygons.geojson"):
        candidate = Path(str(data.joinpath(name)))
        if candidate.is_file():
            return candidate
    return None


class Dashboard:
    """The loaded events and the store they came from; ``reload`` re-reads the store."""

    def __init__(self, store: EventStore | pd.DataFrame) -> None:
        self.store, self.events = load_events(store)

    def reload(self) -> None:
        self.store, self.events = load_events(self.store)


def map_view_from_args(args) -> tuple[list[float], int]:
    """Map centre and zoom from the URL (``lat``, ``lon``, ``z``), else the default view."""
    try:
        center = [float(args["lat"]), float(args["lon"])]
        zoom = int(args["z"])
    except (KeyError, ValueError):
        return DEFAULT_CENTER, DEFAULT_ZOOM
    if not (-90 <= center[0] <= 90 and -180 <= center[1] <= 180 and 1 <= zoom <= 18):
        return DEFAULT_CENTER, DEFAULT_ZOOM
    return center, zoom


def page_query() -> str:
    """The query string of the page being built.

    Dash fetches the layout with a separate request (``/_dash-layout``) that carries no query;
    the page's own address arrives as its same-origin Referer, so a shared link still works.
    """
    if flask.request.query_string:
        return flask.request.query_string.decode()
    referrer = flask.request.referrer or ""
    return urlsplit(referrer).query if referrer.startswith(flask.request.host_url) else ""


def create_app(store: EventStore | pd.DataFrame) -> Dash:
    """The dashboard app: events are read once here; filtering happens in memory per request."""
    board = Dashboard(store)
    app = Dash(
        __name__,
        title="eventmap",
        serve_locally=True,
        assets_folder=str(Path(__file__).resolve().parent / "assets"),
        update_title=None,
        suppress_callback_exceptions=False,
    )
    admin_path = admin_polygons_path()

    def layout():
        query = page_query() if flask.has_request_context() else ""
        center, zoom = map_view_from_args(dict(parse_qsl(query)))
        return build_layout(board.events, from_query(query), center, zoom,
                            ADMIN_ROUTE if admin_path else None)

    app.layout = layout
    if admin_path:
        @app.server.route(ADMIN_ROUTE)
        def admin_geojson():
            raw = admin_path.read_bytes()
            gzipped = admin_path.suffix == ".gz"
            if gzipped and "gzip" in flask.request.headers.get("Accept-Encoding", ""):
                response = flask.Response(raw, mimetype="application/geo+json")
                response.headers["Content-Encoding"] = "gzip"
                return response
            body = gzip.decompress(raw) if gzipped else raw
            return flask.Response(body, mimetype="application/geo+json")

    register_callbacks(app, board)
    return app

