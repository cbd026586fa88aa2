"""The answer that hands a document over: its content type, and a file name that is safe in a
header whatever the language it was translated into."""

from __future__ import annotations

import os

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from tandem.core.uploads import clean_filename

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_response(content: bytes, filename: str) -> HttpResponse:
    """`content` as an attachment named `filename` (translated by the caller): no folder, no
    control character; a name outside ASCII is sent as RFC 5987 `filename*`. The content type
    follows the extension (.docx, .pdf, .csv, .xlsx)."""
    name = clean_filename(filename)
    extension = os.path.splitext(name)[1].lower()
    response = HttpResponse(
        content, content_type=CONTENT_TYPES.get(extension, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
