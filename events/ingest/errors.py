"""What a reader reports instead of raising: one bad input, one line naming it and the reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadError:
    """An input (file, or file:line for row formats) that could not be read, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class UnreadableInput(Exception):
    """Raised inside a reader for one input; the reader turns it into a ``ReadError``."""
