"""Text extraction from uploaded documents: DOCX, ODT, PDF with a text layer, plain text.

Beside the pure core: it uses pypdf, python-docx and odfdo, but no Django. The type is
detected from the content (magic bytes, zip member names), never from the file name, which only
serves messages. Headings come out as markdown-like ``# `` lines and list items as ``- `` lines,
one block per paragraph, so that :mod:`tandem.clarity.segment` sees the structure.

Every refusal is an :class:`ExtractionError` with a stable ``code`` and a message in French and
English. Bounded time and memory, by the :class:`Limits` the caller passes (the project reads
them from its settings): the size is checked first; zip archives are checked (member count,
total uncompressed size, compression ratio, size of each XML part) before anything is
decompressed; a PDF's pages are counted before they are read, each of its streams is
decompressed up to a cap, and the text stops at a number of characters. :func:`check_archive`
and :func:`check_pdf` run the same checks without extracting, for the upload forms.

The package, by format: ``plain_text``, ``office`` (DOCX and ODT, :func:`check_archive`) and
``pdf`` (:func:`check_pdf`, running lines); ``limits``, ``errors`` and ``document`` hold what
they share. :func:`extract_text`, here, picks the format from the content.
"""

from __future__ import annotations

import dataclasses

from .document import ExtractedDocument
from .errors import ExtractionError
from .limits import DEFAULT_LIMITS, MAX_BYTES, Limits, megabytes
from .office import check_archive, zip_document
from .pdf import check_pdf, pdf_document
from .plain_text import plain_text_document

__all__ = [
    "MAX_BYTES",
    "ExtractedDocument",
    "ExtractionError",
    "Limits",
    "check_archive",
    "check_pdf",
    "extract_text",
]


def extract_text(
    data: bytes,
    filename: str = "",
    *,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ExtractedDocument:
    """Extract normalised text from ``data``; raise :class:`ExtractionError` when impossible
    or when the document goes beyond ``limits`` (``max_bytes`` overrides its size limit)."""
    if max_bytes is not None:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            "too_large",
            size=megabytes(len(data)),
            limit=megabytes(limits.max_bytes),
        )
    try:
        document = _dispatch(data, limits)
    except ExtractionError:
        raise
    except MemoryError as error:  # over the limits of a library we did not foresee
        raise ExtractionError(
            "too_large", size=megabytes(len(data)), limit=megabytes(limits.max_bytes)
        ) from error
    except Exception as error:  # a damaged file must never crash the caller
        raise ExtractionError("corrupt") from error
    if len(document.text) > limits.max_chars:
        raise ExtractionError("too_long", limit=f"{limits.max_chars:,}".replace(",", " "))
    if not any(ch.isalpha() for ch in document.text):
        if document.format == "pdf":
            raise ExtractionError("no_text_layer")
        raise ExtractionError("empty")
    return document


def _dispatch(data: bytes, limits: Limits) -> ExtractedDocument:
    head = data[:1024]
    if b"%PDF-" in head:
        document = pdf_document(data, limits)
    elif data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        document = zip_document(data, limits)
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"EncryptedPackage" in data:
            raise ExtractionError("encrypted")
        raise ExtractionError("unsupported", what="DOC/XLS 97-2003")
    elif data.lstrip()[:5] == b"{\\rtf":
        raise ExtractionError("unsupported", what="RTF")
    else:
        document = plain_text_document(data)
    return document
