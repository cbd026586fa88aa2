"""The upload check against the hostile corpus: every file is refused with its reason, in
bounded memory, and the names people give are made safe to show and to offer back."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.core.tests import corpus
from tandem.core.uploads import (
    CSV,
    DOCUMENTS,
    PDF,
    TXT,
    XLSX,
    clean_filename,
    content_type_of,
    download_name,
    validate_upload,
)


@pytest.mark.parametrize(
    ("what", "build", "name", "code"),
    corpus.HOSTILE_DOCUMENTS,
    ids=[d[0] for d in corpus.HOSTILE_DOCUMENTS],
)
def test_every_hostile_document_is_refused_with_its_reason(what, build, name, code):
    upload = SimpleUploadedFile(name, build())
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload, allowed=DOCUMENTS)
    assert raised.value.code == code
    assert raised.value.messages[0]


def test_real_documents_of_each_kind_are_accepted():
    assert (
        validate_upload(SimpleUploadedFile("a.pdf", corpus.pdf(["Bonjour"])), allowed=DOCUMENTS)
        == "pdf"
    )
    assert validate_upload(SimpleUploadedFile("a.docx", corpus.docx()), allowed=DOCUMENTS) == "docx"
    assert validate_upload(SimpleUploadedFile("a.odt", corpus.odt()), allowed=DOCUMENTS) == "odt"


def test_an_html_page_that_starts_like_a_pdf_is_not_a_pdf():
    upload = SimpleUploadedFile("page.html", corpus.HTML_WITH_PDF_HEADER)
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload, allowed=(PDF,))
    assert raised.value.code == "wrong_type"


def test_a_docx_that_expands_beyond_what_the_analysis_reads_is_refused_at_upload():
    # 150 MiB once decompressed: the old check let it through, then the analysis failed.
    upload = SimpleUploadedFile("big.docx", corpus.zip_bomb_docx(150 * corpus.MIB))
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload, allowed=DOCUMENTS)
    assert raised.value.code == "zip_bomb"


@pytest.mark.parametrize("build", [corpus.pdf_bomb, corpus.zip_bomb_docx], ids=["pdf", "docx"])
def test_bombs_are_refused_in_bounded_memory(build):
    upload = SimpleUploadedFile("bomb", build())
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError):
            validate_upload(upload, allowed=DOCUMENTS)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The bombs expand to 150 and 400 MiB; the check stops at the limits (a few MiB).
    assert peak < 40 * corpus.MIB


def test_markup_is_not_plain_text():
    for data in (corpus.SVG_WITH_SCRIPT, corpus.HTML, b"\xef\xbb\xbf  <svg onload=alert(1)>"):
        with pytest.raises(ValidationError):
            validate_upload(SimpleUploadedFile("notice.txt", data), allowed=(TXT,))


def test_a_spreadsheet_import_refuses_an_xlsx_bomb_and_accepts_csv():
    with pytest.raises(ValidationError) as raised:
        validate_upload(
            SimpleUploadedFile("x.xlsx", corpus.zip_bomb_docx()), allowed=(CSV, TXT, XLSX)
        )
    assert raised.value.code == "zip_bomb"
    assert (
        validate_upload(SimpleUploadedFile("x.csv", b"name,city\nA,B\n"), allowed=(CSV, TXT, XLSX))
        == "txt"
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\leaflet.pdf", "leaflet.pdf"),
        ("notice\u202efdp.exe", "noticefdp.exe"),
        ("notice\x07\r\nX-Injected: yes.pdf", "notice X-Injected: yes.pdf"),
        ("noti\u0301ce.pdf", "noti\u0301ce.pdf".replace("i\u0301", "\u00ed")),
        (".htaccess", "htaccess"),
        ("", "document"),
        ("..", "document"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_file_names_are_made_safe_to_show_and_to_download(given, expected):
    assert clean_filename(given) == expected


def test_a_download_takes_the_extension_and_type_of_the_checked_content():
    assert download_name("page.html", "pdf") == "page.pdf"
    assert download_name("Notice.PDF", "pdf") == "Notice.PDF"
    assert download_name("../x.docx", "docx") == "x.docx"
    assert content_type_of("pdf") == "application/pdf"
    assert content_type_of("") == "application/octet-stream"
