from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.core.tests import corpus
from tandem.core.uploads import DOCUMENTS, PDF, validate_upload


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_real_pdf_is_accepted():
    upload = SimpleUploadedFile("x.pdf", corpus.pdf(["Bonjour"]))
    assert validate_upload(upload, allowed=(PDF,)) == "pdf"


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused_with_what_is_accepted():
    upload = SimpleUploadedFile("leaflet.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload, allowed=DOCUMENTS)
    assert exc.value.code == "wrong_type"
    assert "PDF" in str(exc.value) and "DOCX" in str(exc.value)


def test_a_docx_is_recognised_by_its_content_whatever_its_name():
    upload = SimpleUploadedFile("renamed.bin", _docx())
    assert validate_upload(upload, allowed=DOCUMENTS) == "docx"


def test_a_macro_enabled_document_is_refused():
    upload = SimpleUploadedFile("x.docx", _docx({"word/vbaProject.bin": b"\x00" * 10}))
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload, allowed=DOCUMENTS)
    assert exc.value.code == "macro"


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("x.pdf", b"%PDF-" + b"0" * 200)
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload, allowed=(PDF,))
    assert exc.value.code == "too_large"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("x.pdf", b""), allowed=(PDF,))
    assert exc.value.code == "empty"
