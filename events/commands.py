"""The `eventmap` subcommands that belong to the events package: ingest, extract, export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from events.ingest import UnreadableInput, parse_published

FORMATS = ("geojson", "csv", "gpkg", "html")
TEXT_FORMATS = ("geojson", "csv", "html")
MAP_FORMATS = ("geojson", "gpkg", "html")  # formats that can only hold events with coordinates


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eventmap` parser."""
    ingest = subparsers.add_parser(
        "ingest", help="read articles, extract their events and store them",
        description="Read articles (.txt, .html, .jsonl, .csv, folders with a metadata.jsonl "
        "sidecar), extract events and store them. Re-running on the same input adds nothing.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    _add_db(ingest)
    _add_article_options(ingest)
    ingest.set_defaults(func=run_ingest)

    extract = subparsers.add_parser(
        "extract", help="print the events of articles as JSON lines, without storing them",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article file(s) or folder(s)")
    _add_article_options(extract)
    extract.set_defaults(func=run_extract)

    export = subparsers.add_parser(
        "export", help="write stored events as GeoJSON, CSV (ACLED columns), GeoPackage or HTML",
        description="Export stored events with the dashboard's filters.",
    )
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("-o", "--output", metavar="FILE", default="-",
                        help="output file; '-' or none writes text formats to stdout")
    _add_db(export)
    export.add_argument("--actor", action="append", default=[], metavar="A",
                        help="keep events with this actor in any role (repeatable)")
    export.add_argument("--type", action="append", default=[], metavar="T", dest="event_types",
                        help="keep this ACLED event type (repeatable)")
    export.add_argument("--since", type=_date, metavar="D", help="first day kept (YYYY-MM-DD)")
    export.add_argument("--until", type=_date, metavar="D", help="last day kept (YYYY-MM-DD)")
    export.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="keep events in this box")
    export.set_defaults(func=run_export)


def run_ingest(args: argparse.Namespace) -> int:
    """`eventmap ingest`: one error line per bad input, a summary, exit 0/1/2."""
    from events import store
    from events.pipeline import ingest

    try:
        st = store.open(args.db)
    except store.StoreError as exc:
        return _fail("ingest", str(exc))
    with st:
        report = ingest(args.paths, st, published=args.published, lang=args.lang,
                        progress=sys.stderr.isatty())
        totals = st.stats()
    for error in report.errors:
        print(f"eventmap ingest: {error}", file=sys.stderr)
    print(report.summary())
    print(f"store {st.target}: {totals['articles']} articles, {totals['events']} events "
          f"({totals['undated_events']} undated, "
          f"{totals['unresolved_places']} without coordinates)")
    return report.exit_code


def run_extract(args: argparse.Namespace) -> int:
    """`eventmap extract`: the events of each article as JSON lines on stdout."""
    from events.ingest import ReadError, iter_articles
    from events.pipeline import default_extractor, extract_articles

    extract = default_extractor()
    read = failed = 0
    for item in iter_articles(args.paths, published=args.published, lang=args.lang):
        if isinstance(item, ReadError):
            failed += 1
            print(f"eventmap extract: {item}", file=sys.stderr)
            continue
        read += 1
        ((_, events),) = extract_articles([item], extract)
        if isinstance(events, ReadError):
            failed += 1
            print(f"eventmap extract: {events}", file=sys.stderr)
            continue
        for event in events:
            print(json.dumps(event.to_dict(), ensure_ascii=False))
    if not read:
        return 2
    return 1 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    """`eventmap export`: the filtered events in one format, to a file or stdout."""
    from events import export, store
    from events.filters import EventFilter
    from events.store.location import sqlite_target

    to_stdout = args.output in (None, "-")
    if to_stdout and args.format not in TEXT_FORMATS:
        return _fail("export", f"--format {args.format} is binary: give -o FILE")
    try:
        target = sqlite_target(args.db)
    except ValueError as exc:
        return _fail("export", str(exc))
    if not Path(target).exists():
        return _fail("export", f"no store at {target} (run `eventmap ingest` first)")
    try:
        with store.open(target) as st:
            frame = st.events_frame()
    except store.StoreError as exc:
        return _fail("export", str(exc))
    wanted = EventFilter(actors=tuple(args.actor), event_types=tuple(args.event_types),
                         since=args.since, until=args.until, bbox=args.bbox)
    frame = wanted.apply(frame)
    writer = {"geojson": export.to_geojson, "csv": export.to_csv, "gpkg": export.to_gpkg,
              "html": export.to_html}[args.format]
    if to_stdout:
        result = writer(frame)
        sys.stdout.write(json.dumps(result, ensure_ascii=False) if isinstance(result, dict)
                         else result)
        sys.stdout.write("\n" if args.format == "geojson" else "")
    else:
        writer(frame, args.output)
    if args.format in MAP_FORMATS:
        missing = int((frame["latitude"].isna() | frame["longitude"].isna()).sum())
        if missing:
            print(f"eventmap export: {missing} events without coordinates left out of the "
                  f"{args.format} output", file=sys.stderr)
    if not to_stdout:
        print(f"eventmap export: {len(frame)} events matched, written to {args.output}",
              file=sys.stderr)
    return 0


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="DB",
                        help="store path or sqlite:///PATH (default: events.sqlite in the "
                        "eventmap data directory, or $EVENTMAP_DATA_DIR)")


def _add_article_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                        help="publication date of articles that carry none of their own")
    parser.add_argument("--lang", choices=("fr", "en", "auto"), default="auto",
                        help="language of articles that do not state it (default: detect)")


def _date(text: str) -> str:
    try:
        value = parse_published(text)
    except UnreadableInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("empty date")
    return value


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not W,S,E,N (four numbers, e.g. 35.5,32,42.5,37.5)"
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise argparse.ArgumentTypeError(f"{text!r} is outside longitude/latitude ranges")
    return west, south, east, north


def _fail(command: str, message: str) -> int:
    print(f"eventmap {command}: {message}", file=sys.stderr)
    return 2
