"""The `eventmap` command line: one parser, subcommands contributed by each package.

Each top-level package (gazetteer, geo, events, dashboard) registers its own subcommands through
the ``eventmap.commands`` entry-point group, so this module never imports a later stage of the
pipeline and each folder owns its part of the command line.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from importlib.metadata import entry_points

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2

ENTRY_POINT_GROUP = "eventmap.commands"


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="eventmap",
        description="Turn conflict news articles into dated, geocoded events on an offline map.",
    )
    parser.add_argument(
        "--debug", action="store_true", help="show full tracebacks instead of one-line errors"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        entry.load()(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return 0 on success, 1 on partial success, 2 on usage or input error."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or EXIT_OK)
    except KeyboardInterrupt:
        print("eventmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last line of defence: one clear line, never a traceback
        if args.debug:
            traceback.print_exc()
        print(f"eventmap {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
