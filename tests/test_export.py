"""Exports as a GIS user opens them: GeoJSON, ACLED CSV, GeoPackage, offline HTML."""

from __future__ import annotations

import io
import json
import re

import geopandas as gpd
import pandas as pd
import pytest

from events import export, store
from events.filters import EventFilter
from events.model import EVENT_FIELDS, Article, Event

EVENTS = [
    Event(event_id="e1", event_type="Battles", sub_event_type="Armed clash",
          event_date="2020-04-13", time_precision=1, actor1="Military Police of Russia",
          location="Tal Tamr", latitude=36.6489, longitude=40.3731, geo_precision=2,
          country="Syria", iso3="SYR", fatalities=2, notes="Patrouille <près> de Tal Tamer.",
          article_id="a1", sources=["a1", "a2"], place_candidates=[{"name": "Tell Tamer"}]),
    Event(event_id="e2", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
          event_date="2017-11-14", actor1="Military Forces of Russia", actor2="ISIS",
          location="Abu Kamal", latitude=34.4506, longitude=40.9171, country="Syria",
          iso3="SYR", article_id="a2", sources=["a2"]),
    Event(event_id="e3", event_type="Battles", sub_event_type="Armed clash", actor1="ISIS",
          location_text="un village", article_id="a3", sources=["a3"]),  # no coordinates
]


@pytest.fixture
def frame(tmp_path):
    """The test events as the store gives them back."""
    with store.open(tmp_path / "s.sqlite") as st:
        for event in (EVENTS[1], EVENTS[0], EVENTS[2]):  # e1 cites a2: store a2 first
            st.add_article(Article(text=event.event_id, article_id=event.article_id), [event])
        return st.events_frame()


def test_geojson_is_a_feature_collection_of_lon_lat_points(tmp_path, frame):
    path = tmp_path / "events.geojson"
    collection = export.to_geojson(frame, path)
    assert collection["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in collection["features"]}
    assert set(by_id) == {"e1", "e2"}  # e3 has no coordinates
    assert by_id["e1"]["geometry"] == {"type": "Point", "coordinates": [40.3731, 36.6489]}
    assert set(by_id["e1"]["properties"]) == set(EVENT_FIELDS)
    assert by_id["e1"]["properties"]["fatalities"] == 2
    assert by_id["e2"]["properties"]["fatalities"] is None
    assert json.loads(path.read_text(encoding="utf-8")) == collection
    read = gpd.read_file(path)
    assert sorted(read["location"]) == ["Abu Kamal", "Tal Tamr"]
    assert read.crs.to_epsg() == 4326


def test_exports_take_a_list_of_events_or_a_filtered_frame(frame):
    from_list = export.to_geojson(EVENTS)
    assert [f["id"] for f in from_list["features"]] == ["e1", "e2"]
    russian = EventFilter(actors=("Military Forces of Russia",)).apply(frame)
    assert [f["id"] for f in export.to_geojson(russian)["features"]] == ["e2"]


def test_csv_uses_acled_column_names_and_keeps_every_event(tmp_path, frame):
    text = export.to_csv(frame, tmp_path / "events.csv")
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    acled = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
             "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
             "assoc_actor_2", "iso", "country", "admin1", "admin2", "location", "latitude",
             "longitude", "geo_precision", "source", "notes", "fatalities"]
    assert list(table.columns[: len(acled)]) == acled
    assert {"geo_confidence", "sources", "location_text", "article_id"} <= set(table.columns)
    first = table.set_index("event_id_cnty").loc["e1"]
    assert (first.year, first.iso, first.disorder_type) == ("2020", "760", "Political violence")
    assert first.sources == "a1; a2"
    assert len(table) == 3
    assert (tmp_path / "events.csv").read_text(encoding="utf-8") == text


def test_geopackage_holds_a_point_layer_in_wgs84(tmp_path, frame):
    path = tmp_path / "events.gpkg"
    export.to_gpkg(frame, path)
    layer = gpd.read_file(path, layer="events")
    assert layer.crs.to_epsg() == 4326
    tal_tamr = layer.set_index("event_id").loc["e1"]
    assert (round(tal_tamr.geometry.x, 4), round(tal_tamr.geometry.y, 4)) == (40.3731, 36.6489)
    assert json.loads(tal_tamr.sources) == ["a1", "a2"]


def test_html_map_needs_no_network_for_its_scripts(tmp_path, frame):
    page = export.to_html(frame, tmp_path / "map.html")
    assert not re.findall(r"<script[^>]+src=", page)
    assert not re.findall(r"<link[^>]+stylesheet", page)
    assert "L.circleMarker" in page and "40.3731" in page and "34.4506" in page
    assert "Patrouille &lt;près&gt;" in page  # notes are escaped, not injected
