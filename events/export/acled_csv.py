"""CSV with ACLED's column names first (so ACLED tooling reads it), eventmap's extras after."""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from importlib.resources import files

import pandas as pd

from events.export.frame import Events, as_frame
from events.model import EVENT_FIELDS
from geo.lexicon import read_table

LIST_SEPARATOR = "; "


@cache
def _layout() -> dict:
    return json.loads(files("events.export").joinpath("acled.json").read_text(encoding="utf-8"))


@cache
def _countries() -> list[tuple[str, int, str, str]]:
    """(iso3, ISO numeric, iso2, English name) of every country."""
    return [
        (row["iso3"], int(row["isonumeric"]), row["iso2"], row["name"])
        for row in read_table("countries.tsv")
    ]


@cache
def _names_by_code() -> dict[str, str]:
    names = {iso2: name for _, _, iso2, name in _countries()}
    names.update({iso3: name for iso3, _, _, name in _countries()})
    return names


def _country_name(value: object) -> object:
    """ACLED writes country names; the event record may hold an ISO alpha-2/3 code."""
    return _names_by_code().get(value, value) if isinstance(value, str) else value


def acled_table(events: Events) -> pd.DataFrame:
    """The export table: ACLED columns in codebook order, then the eventmap fields ACLED lacks."""
    frame = as_frame(events)
    layout = _layout()
    table = pd.DataFrame(index=frame.index)
    for column, field in layout["columns"].items():
        if field is not None:
            table[column] = frame[field]
    table.insert(table.columns.get_loc("event_date") + 1, "year",
                 pd.to_datetime(frame["event_date"], errors="coerce").dt.year.astype("Int64"))
    table.insert(table.columns.get_loc("event_type"), "disorder_type",
                 frame["event_type"].map(layout["disorder_type"]))
    numeric = {iso3: number for iso3, number, _, _ in _countries()}
    table.insert(table.columns.get_loc("country"), "iso",
                 frame["iso3"].map(numeric).astype("Int64"))
    table["country"] = frame["country"].map(_country_name)
    used = {field for field in layout["columns"].values() if field}
    for field in EVENT_FIELDS:
        if field not in used:
            table[field] = frame[field]
    table["sources"] = frame["sources"].map(_join_list)
    table["place_candidates"] = frame["place_candidates"].map(_json_list)
    return table


def to_csv(events: Events, path: str | os.PathLike | None = None) -> str:
    """The CSV text of ``events`` (UTF-8, one header row); written to ``path`` if given."""
    text = acled_table(events).to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    return text


def _join_list(value: object) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else ""


def _json_list(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) and value else ""
