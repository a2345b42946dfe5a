"""The `eventmap geocode` and `eventmap geoparse` subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eventmap` parser."""
    geocode = subparsers.add_parser(
        "geocode", help="resolve place names (arguments, or one per line on stdin)",
        description="Resolve place names to coordinates with precision, confidence and "
                    "runner-up candidates. Names come from the arguments, or one per line "
                    "on stdin.")
    geocode.add_argument("names", nargs="*", metavar="NAME")
    geocode.add_argument("--country", action="append", default=[], metavar="CC",
                         help="ISO2 country focus (repeat or comma-separate, e.g. SY,IQ)")
    geocode.add_argument("--lang", choices=["fr", "en"], help="language of relative phrases")
    geocode.add_argument("--json", action="store_true",
                         help="one JSON object per input name, in input order")
    geocode.set_defaults(func=run_geocode)

    geoparse = subparsers.add_parser(
        "geoparse", help="print every place mention of a text as JSON lines",
        description="Find and resolve the place mentions of one text file ('-' for stdin); "
                    "prints JSON lines with character offsets into the decoded text.")
    geoparse.add_argument("path", metavar="PATH")
    geoparse.add_argument("--lang", choices=["fr", "en", "auto"], default="auto")
    geoparse.set_defaults(func=run_geoparse)


def _countries(values: list[str]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _describe(res) -> str:
    if not res.resolved:
        return f"{res.query}\tno match ({res.reason})"
    where = ", ".join(p for p in (res.admin2, res.admin1, res.country) if p)
    line = (f"{res.query}\t{res.name} [{res.feature}] {where}\t{res.latitude:.5f}, "
            f"{res.longitude:.5f}\tid={res.place_id} precision={res.geo_precision} "
            f"confidence={res.confidence:.2f}\t{res.reason}")
    others = "; ".join(f"{c['name']} ({c['country']}, {c['feature']}, {c['score']:.2f})"
                       for c in res.candidates[:3])
    return f"{line}\n\talso: {others}" if others else line


def run_geocode(args: argparse.Namespace) -> int:
    """Resolve each name; exit 1 if some had no match (each reported), 2 if there was no input."""
    from geo.model import Context
    from geo.resolver import resolve

    names = list(args.names)
    if not names:
        if sys.stdin is None or sys.stdin.isatty():
            print("eventmap geocode: no names given (pass NAME... or pipe one per line)",
                  file=sys.stderr)
            return EXIT_USAGE
        names = [line.rstrip("\r\n") for line in sys.stdin]
    context = Context(countries=_countries(args.country), lang=args.lang)
    failed = 0
    for name in names:
        res = resolve(name, context)
        if not res.resolved:
            failed += 1
            print(f"eventmap geocode: {name[:80]!r}: {res.reason}", file=sys.stderr)
        if args.json:
            print(json.dumps(res.to_dict(), ensure_ascii=False), flush=False)
        else:
            print(_describe(res))
    return EXIT_PARTIAL if failed else EXIT_OK


def _read_text(path: str) -> str:
    from charset_normalizer import from_bytes

    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("not a text file (undecodable bytes)") from None
        return str(best)


def run_geoparse(args: argparse.Namespace) -> int:
    """Print one JSON line per place mention; exit 2 with one line if the file cannot be read."""
    from geo.inputs import clean_text
    from geo.parse import geoparse

    try:
        text = _read_text(args.path)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"eventmap geoparse: {args.path}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    cleaned, problem = clean_text(text)
    if problem:
        print(f"eventmap geoparse: {args.path}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    for mention in geoparse(cleaned, None if args.lang == "auto" else args.lang):
        print(json.dumps(mention.to_dict(), ensure_ascii=False))
    return EXIT_OK
