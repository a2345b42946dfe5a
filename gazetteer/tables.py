"""The shipped gazetteer's on-disk format, shared by the builder (writer) and the index (reader).

Two gzipped TSV tables under gazetteer/data:

* ``places.tsv.gz`` — one row a place, columns ``PLACE_COLUMNS``;
* ``names.tsv.gz`` — one row a (place, name variant), columns ``NAME_COLUMNS``, sorted by the
  normalised ``key`` so the index can cut it into key groups without hashing every row. ``row`` is
  the place's row number in places.tsv.gz; ``key`` and ``skeleton`` are precomputed with
  ``gazetteer.normalize`` so loading never re-folds a million names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PLACES_FILE = "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"
POLYGONS_FILE = "admin_polygons.geojson.gz"
BUILD_INFO_FILE = "build_info.json"

PLACE_COLUMNS = [
    "id",
    "name",
    "feature",
    "country",
    "admin1",
    "admin1_id",
    "admin2",
    "admin2_id",
    "latitude",
    "longitude",
    "population",
    "source",
]
NAME_COLUMNS = ["row", "lang", "name", "key", "skeleton"]

_PLACE_DTYPES = {c: str for c in PLACE_COLUMNS} | {
    "latitude": "float64",
    "longitude": "float64",
    "population": "int64",
}
_NAME_DTYPES = {"row": "int32", "lang": str, "name": str, "key": str, "skeleton": str}


def _read(path: Path, dtypes: dict[str, object]) -> pd.DataFrame:
    return pd.read_csv(
        path,
        sep="\t",
        dtype=dtypes,
        keep_default_na=False,
        na_filter=False,
        quoting=3,  # csv.QUOTE_NONE: names may hold quotes; tabs/newlines never reach the tables
        engine="c",
    )


def read_places(folder: Path) -> pd.DataFrame:
    """Read the places table of a built gazetteer folder."""
    return _read(folder / PLACES_FILE, _PLACE_DTYPES)


def read_names(folder: Path) -> pd.DataFrame:
    """Read the names table (sorted by key) of a built gazetteer folder."""
    return _read(folder / NAMES_FILE, _NAME_DTYPES)


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write one table as gzipped TSV, reproducibly (fixed gzip mtime keeps git diffs honest)."""
    frame.to_csv(
        path,
        sep="\t",
        index=False,
        quoting=3,
        compression={"method": "gzip", "compresslevel": 9, "mtime": 0},
    )
