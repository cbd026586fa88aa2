"""Write the project's Word templates (docxtpl): the review report and the certificate of
contributions, in tandem/reviews/templates/reviews/.

The committed .docx files are the reference: staff may restyle them in Word (keep the Jinja
tags as they are). Run this only to start again from a plain layout:

    .venv/bin/python scripts/make_word_templates.py

Every word shown comes from the context (translated in tandem/reviews/documents.py); the tags
are Jinja, rendered in the sandbox of tandem.documents (docs/development.md, "Making
documents"). A `{%p ... %}` paragraph or `{%tr ... %}` row holds only its tag: docxtpl removes
it and keeps what it controls."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tandem" / "reviews" / "templates" / "reviews"


def _base() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    properties = document.core_properties
    properties.author = "Tandem"
    properties.title = ""
    properties.comments = ""
    properties.keywords = ""
    return document


def report() -> Document:
    document = _base()
    document.add_heading("{{ labels.title }}", level=0)
    document.add_paragraph("{{ study }}")
    document.add_paragraph("{{ labels.round_line }}")
    document.add_paragraph("{%p if summary %}")
    document.add_heading("{{ labels.summary }}", level=1)
    document.add_paragraph("{%p for line in summary %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p if section.score %}")
    document.add_paragraph().add_run("{{ section.score }}").italic = True
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for line in section.lines %}")
    document.add_paragraph("{%p if line.bullet %}")
    document.add_paragraph("{{ line.text }}", style="List Bullet")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ line.text }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("{{ labels.passages }}", level=1)
    document.add_paragraph("{%p for group in passages %}")
    document.add_heading("{{ group.document }}", level=2)
    document.add_paragraph("{%p for c in group.comments %}")
    document.add_paragraph("{{ c.quote }}", style="Quote")
    document.add_paragraph("{{ c.comment }}")
    document.add_paragraph("{%p if c.suggestion %}")
    document.add_paragraph("{{ c.suggestion }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph().add_run("{{ c.who }}").italic = True
    document.add_paragraph("{%p if c.answer %}")
    document.add_paragraph("{{ c.answer }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if not passages %}")
    document.add_paragraph("{{ labels.no_passage }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p if reviewers %}")
    document.add_heading("{{ labels.reviewers }}", level=1)
    document.add_paragraph("{{ reviewers }}")
    document.add_paragraph("{%p endif %}")
    return document


def certificate() -> Document:
    document = _base()
    document.add_heading("{{ labels.title }}", level=0)
    document.add_paragraph("{{ labels.statement }}")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    header, opening, row, closing = table.rows
    for cell, text in zip(
        header.cells,
        ("{{ labels.study }}", "{{ labels.sent_on }}", "{{ labels.round }}"),
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    # A header row, repeated on each page and announced as such by screen readers.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    opening.cells[0].text = "{%tr for row in rows %}"
    for cell, text in zip(
        row.cells, ("{{ row.study }}", "{{ row.sent_on }}", "{{ row.round }}"), strict=True
    ):
        cell.text = text
    closing.cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{{ labels.total }}")
    return document


def main() -> int:
    for name, build in (("report.docx", report), ("certificate.docx", certificate)):
        path = FOLDER / name
        build().save(path)
        print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
