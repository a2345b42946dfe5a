"""The standalone HTML map in headless Chromium, from a file:// URL: every marker drawn and no
script error, so it works with no network (only the base tiles need one)."""

from __future__ import annotations

import time

import pytest

from events import export
from events.model import Event
from tests.browser.harness import chromium

PLACES = {"Tal Tamr": (36.6489, 40.3731), "Abu Kamal": (34.4506, 40.9171),
          "As Sukhnah": (34.8853, 38.8711)}


@pytest.mark.browser
def test_html_map_draws_every_marker_without_errors(tmp_path):
    events = [
        Event(event_id=name, event_type="Battles", sub_event_type="Armed clash",
              event_date="2020-04-13", location=name, latitude=lat, longitude=lon,
              notes=f"Affrontements à {name} <b>«»</b>")
        for name, (lat, lon) in PLACES.items()
    ]
    page = tmp_path / "map.html"
    export.to_html(events, page)
    with chromium() as browser:
        browser.get(page.as_uri())
        deadline = time.monotonic() + 20
        drawn = 0
        while time.monotonic() < deadline and drawn < len(events):
            drawn = browser.execute_script(
                "return document.querySelectorAll('path.leaflet-interactive').length")
            time.sleep(0.2)
        errors = [entry["message"] for entry in browser.get_log("browser")
                  if entry["level"] == "SEVERE" and entry.get("source") == "javascript"]
    assert drawn == len(events)
    assert errors == []
