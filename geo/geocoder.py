"""A geopy-compatible geocoder over the offline gazetteer, so geopy users can swap it in.

``Geocoder().geocode("Raqqa")`` and ``Geocoder().reverse("36.0, 38.9")`` return
``geopy.location.Location`` values (or None), like any geopy backend, without a network.
"""

from __future__ import annotations

from geopy.location import Location
from geopy.point import Point

from geo import regions
from geo.model import Context, Resolution
from geo.resolver import resolve


def _location(res: Resolution) -> Location:
    address = ", ".join(p for p in (res.name, res.admin2, res.admin1, res.country) if p)
    return Location(address, (res.latitude, res.longitude), res.to_dict())


class Geocoder:
    """Offline geocoder with geopy's `geocode()` / `reverse()` interface."""

    def __init__(self, country_codes: str | list[str] | None = None) -> None:
        codes = [country_codes] if isinstance(country_codes, str) else country_codes or []
        self.country_codes = tuple(c.upper() for c in codes)

    def geocode(self, query: str, exactly_one: bool = True, timeout: float | None = None,
                country_codes: str | list[str] | None = None,
                language: str | None = None) -> Location | list[Location] | None:
        """Resolve a place name; the best Location, or a list with runner-ups if not exactly_one.

        ``timeout`` is accepted for geopy compatibility and ignored (nothing goes over a network).
        """
        codes = [country_codes] if isinstance(country_codes, str) else country_codes
        countries = tuple(c.upper() for c in codes) if codes else self.country_codes
        res = resolve(query, Context(countries=countries, lang=language))
        if not res.resolved:
            return None
        if exactly_one:
            return _location(res)
        others = [Location(f"{c['name']}, {c['country']}", (c["latitude"], c["longitude"]), c)
                  for c in res.candidates]
        return [_location(res), *others]

    def reverse(self, query: Point | tuple[float, float] | str, exactly_one: bool = True,
                timeout: float | None = None) -> Location | list[Location] | None:
        """The district and governorate containing a point (Syria and Iraq polygons), or None."""
        try:
            point = Point(query)
        except (TypeError, ValueError):
            return None
        found = regions.regions_at(point.latitude, point.longitude)
        if not found:
            return None
        admin1 = next((r for r in found if r.level == 1), None)
        admin2 = next((r for r in found if r.level == 2), None)
        raw = {
            "admin1": admin1.name if admin1 else None,
            "admin1_id": admin1.place_id if admin1 else None,
            "admin2": admin2.name if admin2 else None,
            "admin2_id": admin2.place_id if admin2 else None,
            "country": found[0].country,
        }
        address = ", ".join(p for p in (raw["admin2"], raw["admin1"], raw["country"]) if p)
        location = Location(address, (point.latitude, point.longitude), raw)
        return location if exactly_one else [location]
