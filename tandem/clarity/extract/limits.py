"""How much one document may cost (:class:`Limits`), and sizes as the messages show them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "MAX_BYTES", "Limits", "megabytes"]

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. The defaults fit information leaflets with room to spare."""

    max_bytes: int = MAX_BYTES
    max_uncompressed: int = 64 * 1024 * 1024  # all the members of a DOCX or ODT together
    max_xml_part: int = 16 * 1024 * 1024  # one XML member, parsed whole into memory
    max_ratio: int = 100  # uncompressed / compressed, for members over 1 MiB
    max_members: int = 5000
    max_pdf_pages: int = 1000
    max_pdf_stream: int = 8 * 1024 * 1024  # one decompressed PDF stream
    max_chars: int = 2_000_000  # extracted text (a leaflet holds about 20,000)


DEFAULT_LIMITS = Limits()


def megabytes(size: int) -> str:
    """``size`` in MB as the messages show it ("2.5", "10")."""
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
