"""Plain text: its encoding guessed (UTF-16 with a BOM, UTF-8, else Windows-1252/Latin-1),
binary files refused."""

from __future__ import annotations

from ..text import normalize
from .document import ExtractedDocument
from .errors import ExtractionError

__all__ = ["plain_text_document"]


def plain_text_document(data: bytes) -> ExtractedDocument:
    # The size is capped (Limits.max_bytes), so the text is too: at most one character a byte.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return ExtractedDocument(normalize(data.decode("utf-16")), "text", "utf-16")
        except UnicodeDecodeError as error:
            raise ExtractionError("binary") from error
    if b"\x00" in data[:65536]:
        raise ExtractionError("binary")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.01:
        raise ExtractionError("binary")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        # Latin-1 family: cp1252 is a superset for printable characters (€, œ, ’)
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
    letters = sum(1 for ch in text[:65536] if ch.isalpha())
    if letters and letters / max(1, len(text[:65536].strip())) < 0.3:
        raise ExtractionError("binary")
    return ExtractedDocument(normalize(text), "text", encoding)
