"""PDF with a text layer: pages counted and content streams decompressed within the limits
before any text is read, running headers, footers and page numbers dropped."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..text import normalize
from .document import ExtractedDocument
from .errors import ExtractionError
from .limits import DEFAULT_LIMITS, Limits, megabytes

__all__ = ["check_pdf", "drop_running_lines", "pdf_document"]


@contextmanager
def _pdf_limits(limits: Limits) -> Iterator[None]:
    """pypdf's own caps on decompression, for this call only (a context variable)."""
    from pypdf import apply_configuration

    stream = limits.max_pdf_stream
    with apply_configuration(
        maximum_declared_stream_length=stream,
        array_based_stream_maximum_output_length=stream,
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        brotli_maximum_output_length=stream,
        jbig2_maximum_output_length=stream,
        image_maximum_buffer_size=stream,
        stream_decoding_work_maximum_length=4 * stream,
    ):
        yield


def _open_pdf(data: bytes, limits: Limits) -> Any:
    """A pypdf reader over ``data``, decrypted when an empty password opens it, with its page
    count checked. Call inside ``_pdf_limits``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # owner-password-only files (print or copy restrictions) open with an empty password
        try:
            opened = reader.decrypt("")
        except Exception as error:  # unsupported algorithm, missing crypto backend
            raise ExtractionError("encrypted") from error
        if not opened:
            raise ExtractionError("encrypted")
    pages = len(reader.pages)
    if pages < 1:
        raise ExtractionError("corrupt")
    if pages > limits.max_pdf_pages:
        raise ExtractionError("too_many_pages", pages=pages, limit=limits.max_pdf_pages)
    _check_pdf_content(reader, limits)
    return reader


def _check_pdf_content(reader: Any, limits: Limits) -> None:
    """Decompress every page's content streams (each up to the stream limit, by pypdf): all
    together they may not exceed the archive limit, so that a decompression bomb is refused
    before any of it is parsed. pypdf keeps them decoded for the text extraction that follows."""
    from pypdf.generic import ArrayObject

    total = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        for stream in streams:
            if stream is None:
                continue
            total += len(stream.get_object().get_data())
            if total > limits.max_uncompressed:
                raise ExtractionError("bomb")


def check_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> int:
    """Parse a PDF's structure without extracting its text: it must open (a file that merely
    starts with ``%PDF-`` does not), without a password, within the page limit. Returns the
    number of pages; raises :class:`ExtractionError` (``corrupt``, ``encrypted``,
    ``too_many_pages``)."""
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            "too_large", size=megabytes(len(data)), limit=megabytes(limits.max_bytes)
        )
    from pypdf.errors import LimitReachedError

    try:
        with _pdf_limits(limits):
            return len(_open_pdf(data, limits).pages)
    except ExtractionError:
        raise
    except LimitReachedError as error:
        raise ExtractionError("bomb") from error
    except Exception as error:  # pypdf raises many kinds on damaged or hostile files
        raise ExtractionError("corrupt") from error


def pdf_document(data: bytes, limits: Limits) -> ExtractedDocument:
    try:
        from pypdf.errors import LimitReachedError, PdfReadError
    except ImportError as error:  # pragma: no cover - declared dependency
        raise ExtractionError("unsupported", what="PDF") from error
    texts: list[str] = []
    length = 0
    try:
        with _pdf_limits(limits):
            reader = _open_pdf(data, limits)
            for page in reader.pages:
                text = page.extract_text() or ""
                length += len(text)
                if length > limits.max_chars:  # stop reading, rather than after the last page
                    raise ExtractionError(
                        "too_long", limit=f"{limits.max_chars:,}".replace(",", " ")
                    )
                texts.append(text)
    except ExtractionError:
        raise
    except LimitReachedError as error:
        raise ExtractionError("bomb") from error
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError("corrupt") from error
    text = normalize("\n\n".join(drop_running_lines(texts)))
    return ExtractedDocument(text, "pdf", pages=len(texts))


_PAGE_NUMBER_RE = re.compile(
    r"(?:page|p\.)?\s*[-–(]?\s*\d{1,4}\s*(?:(?:/|sur|of|de)\s*\d{1,4})?\s*[-–)]?",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running lines


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running headers and footers and page numbers.

    A line among the first or last two of a page is dropped when it is a page number ("3",
    "Page 3 sur 10", "- 3 -", "3/10") or when the same line (digits aside) is at the edge of at
    least half the pages, three pages or more ("Version 2 du 20/03/2026 – page 4",
    "Note d'information GENOU-CALME").
    """
    split = [page.split("\n") for page in pages]

    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if len(filled) < 3:  # too short to have both a header or footer and a body
            return []
        width = _EDGE_LINES if len(filled) > 2 * _EDGE_LINES else 1
        return sorted(set(filled[:width] + filled[-width:]))

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.lower().split()))

    counts: dict[str, int] = {}
    for lines in split:
        for k in {key(lines[i]) for i in edges(lines)}:
            counts[k] = counts.get(k, 0) + 1
    running = (
        {k for k, n in counts.items() if n >= max(3, (len(pages) + 1) // 2)}
        if len(pages) >= 3
        else set()
    )
    result = []
    for lines in split:
        drop = {
            i
            for i in edges(lines)
            if key(lines[i]) in running or _PAGE_NUMBER_RE.fullmatch(lines[i].strip())
        }
        result.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return result
