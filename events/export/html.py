"""Standalone HTML map through folium, with Leaflet inlined so the file opens with no network.

Only the base tiles need a connection; the markers, popups and controls work offline.
"""

from __future__ import annotations

import html
import os
from importlib.resources import files

import folium

from events.export.frame import Events, as_frame, located, records

ASSETS = files("events.export").joinpath("assets")
TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
OTHER_COLOUR = "#555555"
POPUP_FIELDS = (
    ("Date", "event_date"), ("Type", "sub_event_type"), ("Actor 1", "actor1"),
    ("Actor 2", "actor2"), ("Place", "location"), ("Fatalities", "fatalities"),
    ("Source", "source"), ("Notes", "notes"),
)


def to_html(events: Events, path: str | os.PathLike | None = None) -> str:
    """The HTML page of a map of ``events`` with coordinates; written to ``path`` if given."""
    rows = records(located(as_frame(events)))
    fmap = folium.Map(location=[35.0, 38.5], zoom_start=6, tiles=None, control_scale=True)
    fmap.default_js = []  # Leaflet and jQuery are inlined below; folium's other CDN assets
    fmap.default_css = []  # (Bootstrap, icon fonts) are not used by these markers
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(fmap)
    header = fmap.get_root().header
    header.add_child(folium.Element(f"<style>{_asset('leaflet', 'leaflet.css')}</style>"),
                     name="leaflet_css")
    for package, name in (("leaflet", "leaflet.js"), ("jquery", "jquery.min.js")):
        header.add_child(folium.Element(f"<script>{_asset(package, name)}</script>"), name=name)
    for row in rows:
        colour = TYPE_COLOURS.get(row["event_type"], OTHER_COLOUR)
        folium.CircleMarker(
            location=[row["latitude"], row["longitude"]], radius=6, color=colour, weight=1,
            fill=True, fill_color=colour, fill_opacity=0.8,
            tooltip=html.escape(f"{row['event_date'] or 'undated'} · {row['sub_event_type']}"),
            popup=folium.Popup(_popup(row), max_width=360),
        ).add_to(fmap)
    if rows:
        lats = [row["latitude"] for row in rows]
        lons = [row["longitude"] for row in rows]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=10)
    page = fmap.get_root().render()
    if path is not None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page)
    return page


def _asset(package: str, name: str) -> str:
    text = ASSETS.joinpath(package, name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")


def _popup(row: dict) -> str:
    lines = [
        f"<b>{label}</b>: {html.escape(str(row[field]))}"
        for label, field in POPUP_FIELDS
        if row.get(field) is not None
    ]
    return "<br>".join(lines)
