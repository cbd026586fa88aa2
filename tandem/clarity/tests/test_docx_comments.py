"""The commented DOCX: every finding a Word comment anchored on exactly its passage."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from tandem.clarity import analyze
from tandem.clarity.cli import main
from tandem.clarity.docx_comments import annotate_docx
from tandem.clarity.extract import extract_text


def comment_count(data: bytes) -> int:
    return len(list(docx.Document(io.BytesIO(data)).comments))


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Note d'information", level=1)
    paragraph = document.add_paragraph("Afin de mieux comprendre la maladie, ")
    paragraph.add_run("nous vous proposons").bold = True
    paragraph.add_run(" une échographie et une ponction lombaire.")
    document.add_paragraph(
        "Les données recueillies pendant la recherche seront conservées par le promoteur dans"
        " une base sécurisée pendant quinze ans après la fin de la recherche, puis elles seront"
        " détruites sans que vous ayez besoin de le demander."
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Visite 1"
    table.rows[0].cells[1].text = "Prise de sang et électrocardiogramme"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


REAL = Path(__file__).parent / "data" / "real"


def _docx_of_real_document(name: str) -> bytes:
    """A committed public document (Open Brain Consent, CC BY-SA) as a team would write it in
    Word: its headings as headings, each paragraph a paragraph."""
    document = docx.Document()
    for block in (REAL / f"{name}.txt").read_text(encoding="utf-8").split("\n\n"):
        if block.strip().startswith("#"):
            document.add_heading(block.strip().lstrip("#").strip(), level=2)
        elif block.strip():
            document.add_paragraph(" ".join(block.split()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _anchored_texts(data: bytes) -> dict[str, str]:
    """Comment id -> the text between its range start and end markers."""
    body = docx.Document(io.BytesIO(data)).element.body
    open_ranges: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ranges[element.get(qn("w:id"))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            key = element.get(qn("w:id"))
            texts[key] = "".join(open_ranges.pop(key, []))
        elif element.tag == qn("w:t"):
            for parts in open_ranges.values():
                parts.append(element.text or "")
    return texts


def test_every_finding_is_a_comment_on_exactly_its_passage():
    data = _docx()
    report = analyze(extract_text(data, "notice.docx").text, language="fr", document_kind="leaflet")
    assert report.findings
    annotated, placed = annotate_docx(data, report)
    assert placed == len(report.findings)
    assert comment_count(annotated) == len(report.findings)
    anchored = sorted(_anchored_texts(annotated).values())
    assert anchored == sorted(f.text for f in report.findings)
    # the original text and formatting are kept
    reopened = docx.Document(io.BytesIO(annotated))
    assert reopened.paragraphs[1].text == docx.Document(io.BytesIO(data)).paragraphs[1].text
    assert any(
        run.bold and run.text == "nous vous proposons" for run in reopened.paragraphs[1].runs
    )


def test_the_command_line_writes_the_commented_docx(tmp_path, capsys):
    source = tmp_path / "notice.docx"
    source.write_bytes(_docx())
    target = tmp_path / "notice-commentee.docx"
    assert main([str(source), "--format", "docx", "--output", str(target), "--lang", "fr"]) == 0
    assert comment_count(target.read_bytes()) > 0
    assert "placées en commentaire" in capsys.readouterr().err
    text = tmp_path / "notice.txt"
    text.write_text("Un texte simple.", encoding="utf-8")
    assert main([str(text), "--format", "docx", "--output", str(target)]) == 2


# `make test` installs LibreOffice Writer (Makefile: office); elsewhere these skip.
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("source", ["written here", "obc_ult_fr", "obc_gdpr_en"])
def test_libreoffice_opens_the_commented_docx_with_each_comment_at_its_passage(tmp_path, source):
    """LibreOffice reads the file (converted to ODT) and finds every comment, each around
    exactly its passage: on a small notice written here and on two real public documents."""
    data = _docx() if source == "written here" else _docx_of_real_document(source)
    language = "en" if source.endswith("_en") else "fr"
    report = analyze(
        extract_text(data, "notice.docx").text, language=language, document_kind="leaflet"
    )
    assert len(report.findings) >= (3 if source == "written here" else 10)
    annotated, placed = annotate_docx(data, report)
    source = tmp_path / "notice-commentee.docx"
    source.write_bytes(annotated)
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        timeout=300,
        check=True,
    )
    content = zipfile.ZipFile(tmp_path / "notice-commentee.odt").read("content.xml")
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    root = etree.fromstring(content)
    opened: dict[str, int] = {}
    passages: list[str] = []
    text: list[str] = []
    for event, element in etree.iterwalk(root.find(f".//{office}text"), events=("start", "end")):
        if element.tag == f"{office}annotation":
            if event == "start":
                opened[element.get(f"{office}name")] = len("".join(text))
            elif element.tail:
                text.append(element.tail)
            continue
        if element.tag == f"{office}annotation-end":
            if event == "start":
                passages.append("".join(text)[opened.pop(element.get(f"{office}name")) :])
            elif element.tail:
                text.append(element.tail)
            continue
        if any(a.tag == f"{office}annotation" for a in element.iterancestors()):
            continue  # the comment's own text
        if event == "start" and element.text:
            text.append(element.text)
        elif event == "end" and element.tail and element is not root:
            text.append(element.tail)
    assert placed == len(report.findings) == len(passages) and not opened
    assert sorted(passages) == sorted(f.text for f in report.findings)
