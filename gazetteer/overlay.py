"""The user overlay: places and aliases a user adds, kept apart from the shipped gazetteer.

A TSV file in the user data directory, one row an entry, columns ``OVERLAY_COLUMNS``:

* ``kind=place`` — a new place (``id`` is ``user:<slug>``; name, lat, lon, feature, country,
  admin1);
* ``kind=alias`` — one more name for an existing place id (shipped or user).

Reading never raises: a bad row or an unreadable file is reported as one problem line and the
rest of the overlay (and always the shipped gazetteer) still loads.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.model import Place
from gazetteer.normalize import MAX_NAME_CHARS, normalize_name

OVERLAY_COLUMNS = [
    "kind",
    "id",
    "name",
    "lang",
    "latitude",
    "longitude",
    "feature",
    "country",
    "admin1",
]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Overlay:
    """Parsed overlay: new places and (place id, lang, name, key) name entries."""

    places: list[Place] = field(default_factory=list)
    names: list[tuple[str, str, str, str]] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)


class OverlayError(ValueError):
    """A user entry that cannot be stored (message names the field and the reason)."""


def slugify(name: str) -> str:
    """An ASCII id fragment for a user place ("Wadi al-Sawab" -> "wadi-al-sawab")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "place"


def check_name(name: str) -> str:
    """Return a cleaned place name or raise OverlayError saying why it is not one."""
    if not isinstance(name, str) or not name.strip():
        raise OverlayError("name is empty")
    if len(name) > MAX_NAME_CHARS:
        raise OverlayError(f"name is {len(name)} characters long (at most {MAX_NAME_CHARS})")
    if _CONTROL.search(name):
        raise OverlayError("name contains control characters (tab, newline…)")
    if not normalize_name(name):
        raise OverlayError(f"name {name!r} has no letters or digits to index")
    return " ".join(name.split())


def read_overlay(path: Path) -> tuple[Overlay, str]:
    """Parse the overlay file; return it and a problem message ('' when all is well)."""
    overlay = Overlay()
    if not path.exists():
        return overlay, ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return overlay, f"user gazetteer overlay {path} is unreadable ({exc}); skipped"
    rows = [line.split("\t") for line in lines if line.strip()]
    if not rows or rows[0] != OVERLAY_COLUMNS:
        return overlay, f"user gazetteer overlay {path} has no valid header line; skipped"
    bad = []
    for number, row in enumerate(rows[1:], 2):
        try:
            _parse_row(row, overlay)
        except (ValueError, IndexError):
            bad.append(number)
    if bad:
        return overlay, (
            f"user gazetteer overlay {path}: {len(bad)} malformed line(s) skipped "
            f"(first: line {bad[0]})"
        )
    return overlay, ""


def _parse_row(row: list[str], overlay: Overlay) -> None:
    if len(row) != len(OVERLAY_COLUMNS):
        raise ValueError("wrong column count")
    entry = dict(zip(OVERLAY_COLUMNS, row, strict=False))
    name = check_name(entry["name"])
    key = normalize_name(name)
    lang = entry["lang"] or "und"
    if entry["kind"] == "place":
        lat, lon = float(entry["latitude"]), float(entry["longitude"])
        check_point(lat, lon)
        overlay.places.append(
            Place(
                id=entry["id"],
                name=name,
                feature=entry["feature"] or "village",
                country=entry["country"].upper(),
                admin1=entry["admin1"],
                admin1_id="",
                admin2="",
                admin2_id="",
                latitude=lat,
                longitude=lon,
                population=0,
                source="user",
                names=((lang, name),),
            )
        )
    elif entry["kind"] == "alias":
        overlay.aliases.append((entry["id"], lang, name))
    else:
        raise ValueError(f"unknown kind {entry['kind']!r}")
    overlay.names.append((entry["id"], lang, name, key))


def check_point(lat: float, lon: float) -> None:
    """Raise OverlayError unless (lat, lon) is a real WGS 84 point."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise OverlayError("latitude/longitude must be finite numbers")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise OverlayError(f"({lat}, {lon}) is outside -90..90 / -180..180")


def append_entry(path: Path, entry: dict[str, str]) -> None:
    """Append one entry to the overlay file, writing the header first if the file is new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    values = [entry.get(column, "") for column in OVERLAY_COLUMNS]
    if any(_CONTROL.search(value) for value in values):
        raise OverlayError("entry fields may not contain tabs, newlines or control characters")
    with path.open("a", encoding="utf-8", newline="") as handle:
        if new:
            handle.write("\t".join(OVERLAY_COLUMNS) + "\n")
        handle.write("\t".join(values) + "\n")
