"""Bytes to text: UTF-8 first, any other encoding detected and converted, binaries refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from events.ingest.errors import UnreadableInput

_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PROBE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.01  # more control characters than this is not prose
# Short texts often decode equally cleanly in several code pages; French and English news then
# comes in a Western one far more often than in, say, cp1250 ("à" would read "ŕ").
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


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
        text = _detected_text(data)
    if _control_share(text[:_PROBE_BYTES]) > _MAX_CONTROL_SHARE:
        raise UnreadableInput("binary file, not text")
    return text


def _detected_text(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableInput("binary file or unknown text encoding")
    cleanest = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos == cleanest]
    western = [match for match in tied if match.encoding in _WESTERN]
    return str((western or tied)[0])


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    return controls / len(text)
