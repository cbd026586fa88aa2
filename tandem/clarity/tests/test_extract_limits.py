"""Extraction within the limits the caller passes: hostile documents stop early, in bounded
memory, with a stable code."""

from __future__ import annotations

import tracemalloc

import pytest

from tandem.clarity.extract import ExtractionError, Limits, check_pdf, extract_text
from tandem.clarity.tests.documents import MIB, pdf, pdf_bomb
from tandem.clarity.tests.test_extract import make_docx


def _peak_of(call) -> tuple[str, int]:
    tracemalloc.start()
    try:
        with pytest.raises(ExtractionError) as raised:
            call()
        return raised.value.code, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_pdf_decompression_bomb_is_refused_in_bounded_memory():
    # 400 MiB of content in 400 KiB; before, pypdf inflated up to 75 MB per stream and parsed it.
    code, peak = _peak_of(lambda: extract_text(pdf_bomb(400 * MIB), "bomb.pdf"))
    assert code == "bomb"
    assert peak < 40 * MIB


def test_the_pdf_stream_limit_is_the_callers():
    data = pdf_bomb(2 * MIB)
    assert check_pdf(data) == 1
    with pytest.raises(ExtractionError) as raised:
        check_pdf(data, Limits(max_pdf_stream=MIB))
    assert raised.value.code == "bomb"


def test_a_pdf_with_more_pages_than_the_limit_is_refused_before_reading_them():
    with pytest.raises(ExtractionError) as raised:
        extract_text(pdf(["Bonjour"]), "x.pdf", limits=Limits(max_pdf_pages=0))
    assert raised.value.code == "too_many_pages"
    assert "1" in raised.value.message("en")


def test_text_beyond_the_character_limit_is_refused():
    for data in (pdf(["Bonjour tout le monde"]), make_docx(), b"Bonjour tout le monde"):
        with pytest.raises(ExtractionError) as raised:
            extract_text(data, "x", limits=Limits(max_chars=5))
        assert raised.value.code == "too_long"


def test_an_xml_part_larger_than_the_limit_is_not_parsed():
    with pytest.raises(ExtractionError) as raised:
        extract_text(make_docx(), "x.docx", limits=Limits(max_xml_part=100))
    assert raised.value.code == "zip_bomb"


def test_a_file_that_only_starts_like_a_pdf_is_damaged():
    with pytest.raises(ExtractionError) as raised:
        check_pdf(b"%PDF-1.7\n<html><script>alert(1)</script></html>")
    assert raised.value.code == "corrupt"
