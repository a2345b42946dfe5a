"""Locate ../shared/dev (evaluation sets) or exit 0 with a message when it is absent."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def dev_file(name: str) -> Path:
    """Path of one evaluation file; exits 0 with a clear message when shared/ is not there."""
    path = SHARED / "dev" / name
    if not path.exists():
        print(f"{path} not found: the evaluation sets live in ../shared/dev beside the clone; "
              "nothing to measure.")
        sys.exit(0)
    return path


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
