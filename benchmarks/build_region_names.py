"""Regenerate geo/data/region_names_fr.tsv: French names of first-level regions.

Usage: .venv/bin/python benchmarks/build_region_names.py

French text names large regions under French exonyms ("Angleterre", "Bavière", "Catalogne")
that the gazetteer files under their English or local names only. libgeonames (Debian package
libgeonames-common 0.3.0-1, GeoNames names, CC BY 4.0) keys these names by GeoNames admin1
code ("GB.ENG"); each code's French name is kept when it differs from its English name, the
gazetteer holds no place under it (letter for letter or folded: "Erzurum", "Praia" are towns
too, "Toscane" is already found as Toscana) and the English name is a first-level region of that
country in the gazetteer (written with its id).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gazetteer import load_index, normalize_name

SHARED = Path(__file__).resolve().parents[2] / "shared"
SOURCE = SHARED / "gazetteer-sources" / "libgeonames" / "libgeonames_names_fr_en_ar.tsv"
TARGET = Path(__file__).resolve().parents[1] / "geo" / "data" / "region_names_fr.tsv"
ADMIN1_CODE = re.compile(r"[A-Z]{2}\.[A-Z0-9]+")
ADMIN1 = frozenset({"governorate"})


def _names_by_code() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = defaultdict(dict)
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if ADMIN1_CODE.fullmatch(row["key"]) and row["lang"] in ("fr", "en"):
                names[row["key"]][row["lang"]] = row["name"]
    return names


def _region_id(english: str, country: str) -> str | None:
    """The gazetteer's first-level region of ``country`` filed under ``english``, if one."""
    ids = {c.place.id for c in load_index().candidates(english, limit=12, countries=(country,))
           if c.match == "exact" and c.place.feature in ADMIN1 and c.place.country == country}
    return ids.pop() if len(ids) == 1 else None


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: the shared gazetteer sources are needed; nothing written")
        return 0
    rows = []
    for code, names in sorted(_names_by_code().items()):
        french, english = names.get("fr"), names.get("en")
        if not french or not english or normalize_name(french) == normalize_name(english):
            continue
        if any(c.match != "fuzzy" for c in load_index().candidates(french, limit=3)):
            continue
        place_id = _region_id(english, code[:2])
        if place_id:
            rows.append((code, code[:2], french, english, place_id))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        handle.write("code\tiso2\tname\tenglish\tplace_id\n")
        handle.writelines("\t".join(r) + "\n" for r in rows)
    print(f"{len(rows)} French region names written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
