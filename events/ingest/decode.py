"""Bytes to text: UTF-8 first, any other encoding detected and converted, binaries refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from events.ingest.errors import UnreadableInput

_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PROBE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.01  # more control characters than this is not prose


def decode_bytes(data: bytes) -> str:
    """Text of ``data``; raises ``UnreadableInput`` for empty or binary content."""
    if not data.strip():
        raise UnreadableInput("empty file")
    has_bom = data.startswith(_UNICODE_BOMS)
    if b"\x00" in data[:_PROBE_BYTES] and not has_bom:
        raise UnreadableInput("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise UnreadableInput("binary file or unknown text encoding") from None
        text = str(best)
    if _control_share(text[:_PROBE_BYTES]) > _MAX_CONTROL_SHARE:
        raise UnreadableInput("binary file, not text")
    return text


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    return controls / len(text)
