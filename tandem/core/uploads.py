"""Upload validation: the type is read from the content, never trusted from the name.

A file must be what it claims all the way through, not only in its first bytes: a PDF must
open with pypdf (an HTML page that starts with ``%PDF-`` does not), without a password, with a
reasonable number of pages and content that does not decompress to an unreasonable size; a
DOCX, ODT or XLSX must be a zip whose members are few and small enough once decompressed, and
without macros; plain text must not be markup (an SVG or HTML page is not a text to check).
The limits are the ones the analysis applies later (`extraction_limits`), so that a document
accepted here is not refused by the analysis for its size. Every refusal is a translated
ValidationError that says what is accepted; nothing is written.

File names are only shown and offered back on download: `clean_filename` makes them safe for
both (no path, no control or bidirectional character); the stored name is always generated."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from tandem.clarity.extract import ExtractionError, Limits, check_archive, check_pdf
from tandem.core.validators import is_forbidden


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


PDF = FileKind("pdf", "PDF", (".pdf",), "application/pdf")
DOCX = FileKind(
    "docx",
    "Word (DOCX)",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
ODT = FileKind("odt", "OpenDocument (ODT)", (".odt",), "application/vnd.oasis.opendocument.text")
XLSX = FileKind(
    "xlsx",
    "Excel (XLSX)",
    (".xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
CSV = FileKind("csv", "CSV", (".csv",), "text/csv")
TXT = FileKind("txt", "TXT", (".txt",), "text/plain")
PNG = FileKind("png", "PNG", (".png",), "image/png")
JPEG = FileKind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg")

DOCUMENTS = (PDF, DOCX, ODT)
KINDS = {kind.code: kind for kind in (PDF, DOCX, ODT, XLSX, CSV, TXT, PNG, JPEG)}

# Markup is not plain text: an SVG or HTML page may carry scripts.
_MARKUP_STARTS = (b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<!--", b"<body")


def extraction_limits(max_bytes: int | None = None) -> Limits:
    """The limits of the text extraction, for the upload check and the analysis alike."""
    return Limits(max_bytes=max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES)


def sniff(data: bytes) -> str | None:
    """The kind code of a file from its first bytes: "pdf", "zip", "png", "jpeg", "txt", or
    None. A zip is told apart later, by `check_archive`."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if _looks_like_text(data[:65536]) and not _looks_like_markup(data[:1024]):
        return "txt"
    return None


def _looks_like_markup(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_MARKUP_STARTS)


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut at the sample's end
            return True
    decoded = sample.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded)
    return printable / max(len(decoded), 1) > 0.95


def _refusal(error: ExtractionError, accepted: str) -> ValidationError:
    messages = {
        "macro": _(
            "Documents with macros are not accepted. Save it as a plain document. Accepted: %(accepted)s."
        ),
        "zip_bomb": _(
            "This document expands to an unreasonable size once decompressed: it was not opened."
        ),
        "bomb": _(
            "This document expands to an unreasonable size once decompressed: it was not opened."
        ),
        "encrypted": _(
            "This document is protected by a password. Save a copy without a password and send that one."
        ),
        "too_many_pages": _("This document has too many pages (%(pages)s, at most %(limit)s)."),
    }
    message = messages.get(
        error.code,
        _(
            "This file is damaged or is not a valid %(accepted)s file, whatever its name says. Accepted: %(accepted)s."
        ),
    )
    code = error.code if error.code in messages else "wrong_type"
    return ValidationError(message % {"accepted": accepted, **error.values}, code=code)


def file_size(size: int) -> str:
    """A size as people write it, in the current language: “10 MB”, “10 Mo”, “1,5 Mo”
    (Django's filesizeformat writes “10,0 Mio”). Binary multiples, as upload limits are set;
    at most one decimal, none when it is zero; a no-break space before the unit."""
    for power, unit in (
        (3, pgettext("file size", "GB")),
        (2, pgettext("file size", "MB")),
        (1, pgettext("file size", "KB")),
    ):
        if size >= 1024**power:
            value = round(size / 1024**power, 1)
            shown = number_format(value, decimal_pos=0 if value == int(value) else 1)
            return f"{shown}\u00a0{unit}"
    unit = ngettext("byte", "bytes", size)
    return f"{number_format(size)}\u00a0{unit}"


def _check_name(name: str, allowed: tuple[FileKind, ...], accepted: str) -> None:
    extension = os.path.splitext(name)[1].lower()
    if any(extension in kind.extensions for kind in allowed):
        return
    if extension:
        message = _("Files ending in %(extension)s are not accepted here. Accepted: %(accepted)s.")
    else:
        message = _("This file's name has no extension. Accepted: %(accepted)s.")
    raise ValidationError(
        message % {"extension": extension, "accepted": accepted}, code="wrong_extension"
    )


def validate_upload(
    upload: UploadedFile,
    *,
    allowed: tuple[FileKind, ...],
    max_bytes: int | None = None,
    named: bool = False,
) -> str:
    """Check the size, the real type and the structure of an upload. Returns the kind code;
    raises a translated ValidationError that says what is accepted. With `named`, the name's
    extension must be an accepted one too (where people pick files by their name: a photo
    named .jpg is told its type is not accepted, and a text named .jpg is not read)."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    accepted = ", ".join(kind.label for kind in allowed)
    if named:
        _check_name(upload.name or "", allowed, accepted)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": file_size(upload.size), "limit": file_size(limit)},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:  # the declared size was wrong
        raise ValidationError(
            _("This file is too large. The limit is %(limit)s.") % {"limit": file_size(limit)},
            code="too_large",
        )
    codes = {k.code for k in allowed}
    limits = extraction_limits(limit)
    kind = sniff(data)
    try:
        if kind == "pdf" and "pdf" in codes:
            check_pdf(data, limits)
        elif kind == "zip":
            kind = check_archive(data, limits)
    except ExtractionError as error:
        raise _refusal(error, accepted) from error
    if kind not in codes:
        raise ValidationError(
            _(
                "This file is not a valid %(accepted)s file, whatever its name says. Accepted: %(accepted)s."
            )
            % {"accepted": accepted},
            code="wrong_type",
        )
    return kind


def clean_filename(name: str, *, default: str = "document") -> str:
    """A file name as people gave it, safe to show and to offer back on download: no folder
    (``../../etc/passwd`` gives ``passwd``), no control or bidirectional character, no
    leading dot, composed Unicode, at most 200 characters with its extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if is_forbidden(ch) or ch in "\t\n\r" else ch
        for ch in name
        if unicodedata.category(ch) not in ("Cf", "Cs", "Co")
    )
    name = " ".join(name.split()).lstrip(". ")
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:
        stem, extension = name, ""
    name = stem[: 200 - len(extension)].rstrip(". ") + extension
    return name if stem.strip(". ") else default


def download_name(name: str, kind: str) -> str:
    """The name offered on download: `clean_filename`, with the extension of the checked kind
    (a PDF named ``page.html`` is downloaded as ``page.pdf``)."""
    stem, extension = os.path.splitext(clean_filename(name))
    file_kind = KINDS.get(kind)
    if file_kind is None:
        return stem + extension
    if extension.lower() in file_kind.extensions:
        return stem + extension
    return stem + file_kind.extensions[0]


def content_type_of(kind: str) -> str:
    """The content type a stored file of this checked kind is served with."""
    file_kind = KINDS.get(kind)
    return file_kind.content_type if file_kind else "application/octet-stream"
