"""Regenerate geo/data/country_names.tsv: the other English names of each country.

Usage: .venv/bin/python benchmarks/build_country_names.py [--wheel countryinfo-*.whl]

News writes a country under its long form ("Republic of Armenia"), an older or official name
("Holy See", "Kingdom of the Netherlands") that the gazetteer does not hold. The rows come from
countryinfo's name and `altSpellings` (MIT; data from restcountries): Latin-script names of at
least four letters, no codes ("ARM"), no inverted catalogue forms ("Korea, Republic of"). A
name given for two countries is left out. Hand-written rows (source `eventmap`) are kept and win.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_country_tables import GENERATED, write_table
from countryinfo_source import CountryRecord, read_records

from geo.lexicon import read_table

MIN_LETTERS = 4


def _usable(name: str) -> bool:
    """A name English prose could write: Latin letters, not a code, not "X, Republic of"."""
    letters = [ch for ch in name if ch.isalpha()]
    return (len(letters) >= MIN_LETTERS and "," not in name and not name.isupper()
            and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters))


def name_rows(records: list[CountryRecord]) -> list[dict[str, str]]:
    """Hand-written rows, then each usable countryinfo name that names a single country."""
    kept = [r for r in read_table("country_names.tsv") if r["source"] != GENERATED]
    taken = {r["name"].casefold() for r in kept}
    owners: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for rec in records:
        for name in filter(_usable, (n.strip() for n in rec.names)):
            owners.setdefault(name.casefold(), set()).add(rec.iso2)
            spelled.setdefault(name.casefold(), name)
    for folded, isos in sorted(owners.items()):
        if len(isos) == 1 and folded not in taken:
            kept.append({"iso2": next(iter(isos)), "name": spelled[folded], "source": GENERATED})
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded countryinfo wheel")
    args = parser.parse_args()
    rows = name_rows(read_records(args.wheel))
    write_table("country_names.tsv", ["iso2", "name", "source"], rows)
    print(f"{len(rows)} country names, {sum(r['source'] == GENERATED for r in rows)} generated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
