"""Exports of events (a ``store.events_frame()``, filtered or not, or a list of Event):
GeoJSON (RFC 7946), CSV with ACLED's column names, GeoPackage and standalone HTML maps."""

from __future__ import annotations

from events.export.acled_csv import to_csv
from events.export.geojson import to_geojson
from events.export.gpkg import to_gpkg
from events.export.html import to_html

__all__ = ["to_csv", "to_geojson", "to_gpkg", "to_html"]
