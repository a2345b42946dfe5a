"""eventmap events: ingest articles, extract ACLED-style events, store and export them.

``events.extract(text, published=..., lang=...)`` is ``events.extraction.extract``, imported on
first use (PEP 562) so that ``import events`` stays light: spaCy loads only when extraction runs.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "extract":
        from events.extraction import extract

        return extract
    raise AttributeError(f"module 'events' has no attribute {name!r}")
