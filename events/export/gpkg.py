"""GeoPackage through geopandas: one ``events`` point layer in EPSG:4326, for QGIS and GIS desks."""

from __future__ import annotations

import json
import os

import geopandas as gpd

from events.export.frame import Events, as_frame, located

LAYER = "events"


def to_geodataframe(events: Events) -> gpd.GeoDataFrame:
    """The events with coordinates as a GeoDataFrame (lists stored as JSON text)."""
    frame = located(as_frame(events)).copy()
    for column in ("sources", "place_candidates"):
        frame[column] = frame[column].map(lambda value: json.dumps(value, ensure_ascii=False))
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def to_gpkg(events: Events, path: str | os.PathLike) -> gpd.GeoDataFrame:
    """Write ``events`` (those with coordinates) as the ``events`` layer of a GeoPackage."""
    table = to_geodataframe(events)
    table.to_file(path, layer=LAYER, driver="GPKG", engine="pyogrio")
    return table
