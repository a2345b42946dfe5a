"""The `eventmap serve` and `eventmap demo` subcommands."""

from __future__ import annotations

import argparse
import sys
import tempfile
from importlib import resources
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eventmap` parser."""
    serve = subparsers.add_parser("serve", help="open the interactive event map over a store")
    serve.add_argument("--db", help="store file or URL (default: the store in the user data dir)")
    _add_network_options(serve)
    serve.set_defaults(func=serve_command)
    demo = subparsers.add_parser(
        "demo", help="ingest the bundled sample articles into a fresh temporary store and serve it")
    _add_network_options(demo)
    demo.set_defaults(func=demo_command)


def _add_network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="interface to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8050)")


def _run(store, args: argparse.Namespace) -> int:
    from dashboard.app import create_app

    app = create_app(store)
    print(f"eventmap: serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)",
          file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def serve_command(args: argparse.Namespace) -> int:
    """Serve the map over an existing store."""
    from events import store

    if args.db and "://" not in args.db and not Path(args.db).exists():
        print(f"eventmap serve: error: {args.db}: no such store file", file=sys.stderr)
        return 2
    return _run(store.open(args.db), args)


def demo_command(args: argparse.Namespace) -> int:
    """Ingest events/sample into a store in a fresh temporary directory, then serve it."""
    from events import pipeline, store

    with tempfile.TemporaryDirectory(prefix="eventmap-demo-") as tmp:
        demo_store = store.open(str(Path(tmp) / "demo.sqlite"))
        sample = Path(str(resources.files("events").joinpath("sample")))
        report = pipeline.ingest([sample], demo_store)
        print(f"eventmap demo: sample corpus: {report.summary()}", file=sys.stderr)
        return _run(demo_store, args)
