from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.clarity import analyze
from tandem.clarity.extract import ExtractionError, Limits, extract_text
from tandem.clarity.tests.documents import pdf as make_pdf


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Pourquoi cette étude ?", level=1)
    document.add_paragraph("Nous vous proposons de participer à une recherche.")
    document.add_paragraph("venir trois fois", style="List Bullet")
    document.add_paragraph("remplir un carnet", style="List Bullet")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Contact : le Dr Martin."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt() -> bytes:
    from odfdo import Document, Header, List, Paragraph

    document = Document("text")
    body = document.body
    body.append(Header(1, "Why this study?"))
    body.append(Paragraph("We invite you to take part in a research study."))
    body.append(List(["come three times", "fill in a diary"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_keeps_headings_paragraphs_list_items_and_tables():
    document = extract_text(make_docx(), "notice.docx")
    assert document.format == "docx"
    assert document.text == (
        "# Pourquoi cette étude ?\n\nNous vous proposons de participer à une recherche.\n\n"
        "- venir trois fois\n\n- remplir un carnet\n\n- Contact : le Dr Martin."
    )
    report = analyze(document.text, language="fr")
    assert [s.heading for s in report.sections] == ["Pourquoi cette étude ?"]


def test_a_table_keeps_its_rows_as_lines_counted_in_the_text():
    import docx
    from odfdo import Document, Table

    schedule = [["Visite", "Examens"], ["Semaine 1", "Prise de sang"], ["Semaine 4", "Radio"]]
    word = docx.Document()
    word.add_paragraph("Le calendrier des visites est le suivant.")
    table = word.add_table(rows=3, cols=2)
    for r, row in enumerate(schedule):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    word.save(buffer)
    odt = Document("text")
    odt_table = Table("Calendrier", width=2, height=3)
    for r, row in enumerate(schedule):
        for c, value in enumerate(row):
            odt_table.set_value((c, r), value)
    odt.body.append(odt_table)
    odt_buffer = io.BytesIO()
    odt.save(odt_buffer)
    expected_rows = "- Visite | Examens\n\n- Semaine 1 | Prise de sang\n\n- Semaine 4 | Radio"
    docx_text = extract_text(buffer.getvalue(), "calendrier.docx").text
    assert docx_text.endswith(expected_rows)
    odt_document = extract_text(odt_buffer.getvalue(), "calendrier.odt")
    assert odt_document.text.endswith(expected_rows)
    assert odt_document.paragraphs[-3:] == ("table 1, row 1", "table 1, row 2", "table 1, row 3")
    assert odt_document.paragraph_at(odt_document.text.index("Radio")) == "table 1, row 3"
    report = analyze(docx_text, language="fr")
    assert [s.heading for s in report.sections] == [None]  # no cell became a heading
    assert report.stats.words >= 14  # the rows are counted


def test_odt_keeps_headings_paragraphs_and_list_items():
    document = extract_text(make_odt(), "leaflet.odt")
    assert document.format == "odt"
    assert document.text == (
        "# Why this study?\n\nWe invite you to take part in a research study.\n\n"
        "- come three times\n\n- fill in a diary"
    )


def test_pdf_with_a_text_layer_is_extracted():
    document = extract_text(make_pdf(["Vous pouvez arreter a tout moment."]), "x.pdf")
    assert document.format == "pdf" and document.pages == 1
    assert "Vous pouvez arreter a tout moment." in document.text


def test_pdf_without_a_text_layer_is_refused():
    with pytest.raises(ExtractionError) as raised:
        extract_text(make_pdf([]), "scan.pdf")
    assert raised.value.code == "no_text_layer"
    assert "scanné" in raised.value.message("fr")


def test_password_protected_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(make_pdf(["Secret text."]))).pages[0])
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractionError) as raised:
        extract_text(buffer.getvalue(), "locked.pdf")
    assert raised.value.code == "encrypted"


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def test_macro_enabled_documents_are_refused_whatever_their_name():
    docm = _with_member(make_docx(), "word/vbaProject.bin", b"\x00" * 100)
    for name in ("notice.docm", "notice.docx", "notice.txt"):
        with pytest.raises(ExtractionError) as raised:
            extract_text(docm, name)
        assert raised.value.code == "macro"


def test_odt_with_basic_macros_is_refused():
    odt = _with_member(make_odt(), "Basic/Standard/Module1.xml", b"<macro/>")
    with pytest.raises(ExtractionError) as raised:
        extract_text(odt, "leaflet.odt")
    assert raised.value.code == "macro"


def test_a_docx_zip_bomb_is_refused_before_decompression():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    with pytest.raises(ExtractionError) as raised:
        extract_text(data, "bomb.docx")
    assert raised.value.code == "zip_bomb"


def test_a_zip_whose_total_uncompressed_size_is_too_large_is_refused():
    with pytest.raises(ExtractionError) as raised:
        extract_text(make_docx(), "big.docx", limits=Limits(max_uncompressed=1000))
    assert raised.value.code == "zip_bomb"


def test_files_above_the_size_limit_are_refused():
    with pytest.raises(ExtractionError) as raised:
        extract_text(b"a" * 2000, "big.txt", max_bytes=1000)
    assert raised.value.code == "too_large"


def test_binary_garbage_is_refused():
    garbage = random.Random(1).randbytes(5000)
    with pytest.raises(ExtractionError) as raised:
        extract_text(garbage, "leaflet.docx")
    assert raised.value.code in {"binary", "corrupt"}


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"12 34 -- 56"])
def test_empty_text_is_refused(data):
    with pytest.raises(ExtractionError) as raised:
        extract_text(data, "empty.txt")
    assert raised.value.code == "empty"


def test_plain_text_in_utf8_or_latin1_is_decoded():
    utf8 = extract_text("\ufeffL'étude a été prolongée.".encode(), "a.txt")
    latin1 = extract_text("L'étude a été prolongée.".encode("latin-1"), "b.txt")
    assert utf8.text == latin1.text == "L'étude a été prolongée."
    assert utf8.encoding == "utf-8" and latin1.encoding == "cp1252"


def test_old_word_documents_are_unsupported():
    with pytest.raises(ExtractionError) as raised:
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")
    assert raised.value.code == "unsupported"


def test_errors_have_a_stable_code_and_messages_in_both_languages():
    error = ExtractionError("encrypted")
    assert error.code == "encrypted"
    assert error.message("fr") != error.message("en")
    assert str(error) == error.message("en")


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_extraction_error(data):
    try:
        document = extract_text(data, "upload.bin")
    except ExtractionError as error:
        assert error.code in {
            "too_large", "empty", "binary", "unsupported", "macro", "encrypted", "zip_bomb",
            "corrupt", "no_text_layer",
        }  # fmt: skip
    else:
        assert any(ch.isalpha() for ch in document.text)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
        make_pdf(["Bonjour."])[:200],
        b"PK\x03\x04" + b"\x00" * 200,
    ],
)
def test_damaged_files_are_refused_as_corrupt(data):
    with pytest.raises(ExtractionError) as raised:
        extract_text(data, "damaged")
    assert raised.value.code in {"corrupt", "no_text_layer"}


def test_xml_parts_declaring_entities_are_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = laughs if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, content)
    with pytest.raises(ExtractionError) as raised:
        extract_text(buffer.getvalue(), "laughs.docx")
    assert raised.value.code == "corrupt"


def test_running_headers_footers_and_page_numbers_of_a_pdf_are_dropped():
    from tandem.clarity.tests.documents import pdf_pages

    bodies = [
        ["Vous pouvez participer.", "La visite dure une heure.", "Le médecin vous examine."],
        ["Vous pouvez refuser.", "Rien ne change pour vos soins.", "Posez vos questions."],
        ["Vos données restent secrètes.", "Elles sont codées.", "Elles sont gardées 15 ans."],
    ]
    pages = [
        ["Note d'information GENOU-CALME", *body, f"Page {n} sur 3"]
        for n, body in enumerate(bodies, start=1)
    ]
    document = extract_text(pdf_pages(pages), "notice.pdf")
    assert document.pages == 3
    assert "GENOU-CALME" not in document.text
    assert "sur 3" not in document.text
    assert "Rien ne change pour vos soins." in document.text
    assert "Vous pouvez participer." in document.text


def test_each_line_of_a_docx_knows_its_paragraph_or_table_row(tmp_path, capsys):
    import json

    import docx

    from tandem.clarity.cli import main

    word = docx.Document()
    word.add_heading("Note d'information", level=1)
    word.add_paragraph("")  # an empty paragraph still counts, as in the file
    word.add_paragraph("Vous ferez une ponction lombaire. " * 40)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Semaine", "Examen"
    table.cell(1, 0).text, table.cell(1, 1).text = "Semaine 4", "Une IRM"
    path = tmp_path / "notice.docx"
    word.save(path)
    document = extract_text(path.read_bytes(), "notice.docx")
    assert document.paragraphs == (
        "paragraph 1", "paragraph 3", "table 1, row 1", "table 1, row 2",
    )  # fmt: skip
    assert document.paragraph_at(document.text.index("ponction")) == "paragraph 3"
    assert document.paragraph_at(document.text.index("IRM")) == "table 1, row 2"
    assert extract_text(b"Un texte simple.", "x.txt").paragraph_at(3) is None
    assert main([str(path), "--format", "json", "--lang", "fr"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    where = {f["text"]: f["original"]["paragraph"] for f in findings}
    assert where["ponction lombaire"] == "paragraph 3"
    assert where["IRM"] == "table 1, row 2"
