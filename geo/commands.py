"""The `eventmap` subcommands that belong to the geo package."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eventmap` parser."""
