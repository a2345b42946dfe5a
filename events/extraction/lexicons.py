"""Loaders for the extraction's data files (events/data): actors, cues, date and death words.

Every fact the rules use lives in those files; this module only parses them, once per process.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Actor:
    """One canonical actor of the lexicon with its ACLED actor kind and spellings."""

    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Cue:
    """One trigger cue: token specs ("word", "prefix*" or the gap marker) and its ACLED type."""

    lang: str
    tokens: tuple[str, ...]
    event_type: str
    sub_event_type: str
    refine: str


GAP = "…"


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file, skipping the '#' header lines (source, licence)."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _apostrophe_variants(alias: str) -> set[str]:
    """Articles write both ’ and ': match either spelling of an alias."""
    return {alias, alias.replace("’", "'"), alias.replace("'", "’")}


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    """Canonical name → Actor, from actors.tsv."""
    table: dict[str, Actor] = {}
    for row in rows("actors.tsv"):
        aliases: set[str] = set()
        for alias in row["aliases"].split("|"):
            if alias.strip():
                aliases |= _apostrophe_variants(alias.strip())
        aliases.add(row["canonical"])
        table[row["canonical"]] = Actor(
            row["canonical"], row["kind"], row["country"], tuple(sorted(aliases))
        )
    return table


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """Every trigger cue of event_cues.tsv, in file order."""
    found = []
    for row in rows("event_cues.tsv"):
        for variant in _apostrophe_variants(row["cue"]):
            found.append(
                Cue(
                    row["lang"],
                    tuple(variant.split()),
                    row["event_type"],
                    row["sub_event_type"],
                    row["refine"] or "",
                )
            )
    return tuple(found)


@cache
def json_data(name: str) -> dict:
    """A JSON data file of events/data (date_cues, fatality_words, event_refinements...)."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)
