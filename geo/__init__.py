"""Geocoding for eventmap: resolve place names in context, geoparse texts, reverse-geocode.

Public API: ``resolve(name, context)`` → Resolution; ``geoparse(text, lang)`` → PlaceMentions;
``Geocoder`` (geopy-compatible); ``geo.nlp.new_pipeline(lang)`` for spaCy users.
"""

from geo.geocoder import Geocoder
from geo.model import Context, PlaceMention, Resolution
from geo.parse import geoparse
from geo.resolver import resolve

__all__ = ["Context", "Geocoder", "PlaceMention", "Resolution", "geoparse", "resolve"]
