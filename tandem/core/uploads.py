"""Upload validation: the type is read from the content, never trusted from the name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", "PDF", (".pdf",))
DOCX = FileKind("docx", "Word (DOCX)", (".docx",))
ODT = FileKind("odt", "OpenDocument (ODT)", (".odt",))
XLSX = FileKind("xlsx", "Excel (XLSX)", (".xlsx",))
CSV = FileKind("csv", "CSV", (".csv",))
TXT = FileKind("txt", "TXT", (".txt",))
PNG = FileKind("png", "PNG", (".png",))
JPEG = FileKind("jpeg", "JPEG", (".jpg", ".jpeg"))

DOCUMENTS = (PDF, DOCX, ODT)
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024


def sniff(head: bytes, data: bytes | None = None) -> str | None:
    """Return the kind code of a file from its first bytes (and its zip directory)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and data is not None:
        return _sniff_zip(data)
    if data is not None and _looks_like_text(data[:65536]):
        return "txt"
    return None


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_ZIP_UNCOMPRESSED:
                return "zipbomb"
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return "macro"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                return None
            if "word/document.xml" in names:
                content_types = (
                    archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
                )
                if b"macroEnabled" in content_types:
                    return "macro"
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    return None


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut at the sample's end
            return True
    try:
        decoded = sample.decode("latin-1")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes everything
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in decoded)
    return printable / max(len(decoded), 1) > 0.95


def validate_upload(
    upload: UploadedFile, *, allowed: tuple[FileKind, ...], max_bytes: int | None = None
) -> str:
    """Check the size and the real type of an upload. Returns the kind code; raises a translated
    ValidationError that says what is accepted."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    accepted = ", ".join(kind.label for kind in allowed)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("This file is empty."), code="empty")
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    kind = sniff(data[:16], data)
    if kind == "macro":
        raise ValidationError(
            _(
                "Documents with macros are not accepted. Save it as a plain document. Accepted: %(accepted)s."
            )
            % {"accepted": accepted},
            code="macro",
        )
    if kind == "zipbomb":
        raise ValidationError(_("This archive expands to an unreasonable size."), code="zipbomb")
    codes = {k.code for k in allowed}
    if kind not in codes:
        raise ValidationError(
            _(
                "This file is not a valid %(accepted)s file, whatever its name says. Accepted: %(accepted)s."
            )
            % {"accepted": accepted},
            code="wrong_type",
        )
    return kind
