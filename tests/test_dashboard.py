"""Dashboard logic a user sees without a browser: shared links, map aggregation, exports, detail."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from dash import html

from benchmarks.synthetic_events import synthetic_events
from dashboard import create_app
from dashboard.callbacks import export_filename, view_query
from dashboard.detail import event_detail, safe_link
from dashboard.mapdata import POINT_LIMIT, map_features, visible_rows, weekly_counts
from dashboard.source import load_events
from dashboard.viewstate import ViewState, from_query
from events.filters import EventFilter
from events.model import EVENT_FIELDS


@pytest.fixture(scope="module")
def loaded():
    return load_events(synthetic_events(20_000, seed=3))[1]


def test_view_survives_a_round_trip_through_the_url():
    view = EventFilter(actors=("Hezbollah", "Asayish"), event_types=("Battles",),
                       since="2020-01-01", until="2020-06-30", include_undated=False,
                       text="air strike", min_confidence=0.6)
    state = ViewState(view, mode="density")
    assert from_query(state.to_query()) == state


def test_nonsense_in_the_url_is_dropped_not_raised():
    state = from_query("?since=yesterday&minconf=7&mode=<script>&type=Riots")
    assert state == ViewState(EventFilter(event_types=("Riots",)))


def test_map_view_goes_into_the_shared_link():
    query = view_query(ViewState(EventFilter(event_types=("Battles",))), [[30, 35], [38, 45]], 7)
    assert query == "?type=Battles&lat=34.0000&lon=40.0000&z=7"


def test_dense_view_is_aggregated_and_counts_add_up(loaded):
    mask = ViewState().to_filter().mask(loaded.frame)
    rows = visible_rows(loaded, mask, None)
    cells = map_features(loaded, rows, 6, "markers")["features"]
    assert all(f["properties"]["kind"] == "cell" for f in cells)
    assert sum(f["properties"]["n"] for f in cells) == len(rows) == loaded.located.sum()
    assert len(cells) < POINT_LIMIT


def test_zoomed_in_view_sends_individual_events_inside_the_box(loaded):
    mask = ViewState(EventFilter(event_types=("Battles",))).to_filter().mask(loaded.frame)
    bounds = [[36.15, 37.1], [36.25, 37.2]]  # around Aleppo
    rows = visible_rows(loaded, mask, bounds)
    features = map_features(loaded, rows, 13, "markers")["features"]
    assert features and all(f["properties"]["kind"] == "event" for f in features)
    for feature in features:
        row = loaded.frame.iloc[feature["properties"]["i"]]
        assert row["event_type"] == "Battles"
        lon, lat = feature["geometry"]["coordinates"]
        assert 36.1 <= lat <= 36.3 and 37.0 <= lon <= 37.3


def test_density_mode_sends_squares(loaded):
    rows = visible_rows(loaded, np.ones(len(loaded.frame), bool), None)
    features = map_features(loaded, rows, 5, "density")["features"]
    assert {f["geometry"]["type"] for f in features} == {"Polygon"}
    assert sum(f["properties"]["n"] for f in features) == len(rows)


def test_timeline_counts_dated_events_per_week(loaded):
    mask = np.ones(len(loaded.frame), bool)
    mondays, counts = weekly_counts(loaded, mask)
    assert counts.sum() == loaded.frame["event_date"].notna().sum()
    assert all(pd.Timestamp(str(d)).day_of_week == 0 for d in mondays[:5])


def test_export_file_names_are_sanitised():
    hostile = EventFilter(actors=("../../etc/passwd", "<b>x</b>"))
    name = export_filename(ViewState(hostile), "geojson")
    assert name.endswith(".geojson") and "/" not in name and "<" not in name
    assert not name.startswith(".")


def test_detail_renders_article_text_as_text_never_html():
    row = pd.Series({f: None for f in EVENT_FIELDS} | {
        "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-02",
        "time_precision": 1, "notes": "<img src=x onerror=alert(1)> clashes in Tal Tamr",
        "source_url": "javascript:alert(1)", "location_text": "Tal Tamar", "fatalities": 3,
        "place_candidates": [{"name": "Tell Tamer", "country": "SY", "confidence": 0.4}]})
    detail = event_detail(row)
    texts = []

    def walk(node):
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif hasattr(node, "children"):
            assert not isinstance(node, html.Iframe)
            assert not hasattr(node, "dangerously_allow_html")
            walk(node.children)

    walk(detail)
    assert "<img src=x onerror=alert(1)> clashes in Tal Tamr" in texts
    assert not any(isinstance(n, html.A) for n in _all_nodes(detail))
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("https://example.org/a") == "https://example.org/a"


def test_detail_of_a_store_row_with_missing_values():
    row = pd.Series({f: None for f in EVENT_FIELDS} | {
        "event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use",
        "notes": "Les FDS ont abattu deux drones.", "place_candidates": []})
    row["time_precision"] = pd.NA
    row["fatalities"] = pd.NA
    row["geo_precision"] = pd.NA
    text = str(event_detail(row))
    assert "undated" in text and "not given" in text and "Les FDS ont abattu deux drones." in text


def _all_nodes(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            yield from _all_nodes(child)


def test_app_starts_with_zero_events():
    app = create_app(pd.DataFrame(columns=list(EVENT_FIELDS)))
    assert app.server.test_client().get("/").status_code == 200


def test_sparse_events_over_a_huge_box_still_aggregate(loaded):
    far = load_events(pd.concat([loaded.frame.head(3000), synthetic_events(5, seed=9).assign(
        longitude=[-120.0, 150.0, 0.0, 10.0, 170.0], latitude=[60.0, -40.0, 0.0, 5.0, 70.0])],
        ignore_index=True))[1]
    rows = visible_rows(far, np.ones(len(far.frame), bool), None)
    cells = map_features(far, rows, 11, "markers")["features"]
    assert sum(f["properties"]["n"] for f in cells) == len(far.frame)
