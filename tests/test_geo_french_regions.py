"""French names of large regions that the gazetteer files only under other names."""

from __future__ import annotations

from geo import geoparse
from geo.distance import haversine_km


def test_french_exonyms_of_regions_are_found_and_placed_in_them():
    text = "Le ministre s'est rendu en Angleterre puis en Bavière, avant de rentrer à Paris."
    placed = {m.text: m.resolution for m in geoparse(text, "fr")}
    england, bavaria = placed["Angleterre"], placed["Bavière"]
    assert (england.country, england.feature) == ("GB", "governorate")
    assert haversine_km(england.latitude, england.longitude, 52.5, -1.5) < 150  # the Midlands
    assert (bavaria.country, bavaria.feature) == ("DE", "governorate")
    assert haversine_km(bavaria.latitude, bavaria.longitude, 48.9, 11.4) < 150
    assert placed["Paris"].country == "FR"
