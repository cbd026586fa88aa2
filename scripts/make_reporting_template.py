"""Write the Word template of the department's yearly activity report (docxtpl), in
tandem/reporting/templates/reporting/activity_report.docx.

The committed .docx is the reference: staff may restyle it in Word (keep the Jinja tags as
they are). Run this only to start again from a plain layout:

    .venv/bin/python scripts/make_reporting_template.py

Every word shown comes from the context (translated in tandem/reporting/report.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
PATH = ROOT / "tandem" / "reporting" / "templates" / "reporting" / "activity_report.docx"


def activity_report() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    properties = document.core_properties
    properties.author = "Tandem"
    properties.title = ""
    properties.comments = ""
    properties.keywords = ""
    document.add_heading("{{ labels.title }}", level=0)
    document.add_paragraph("{{ labels.made_on }}")
    document.add_paragraph("{{ labels.intro }}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p for indicator in section.indicators %}")
    document.add_heading("{{ indicator.title }}", level=2)
    document.add_paragraph("{{ indicator.definition }}")
    value = document.add_paragraph()
    value.add_run("{{ labels.value }}: ").bold = True
    value.add_run("{{ indicator.value }}")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    header, opening, row, closing = table.rows
    for cell, text in zip(
        header.cells,
        ("{{ labels.label }}", "{{ labels.measure }}", "{{ labels.figure }}"),
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    # A header row, repeated on each page and announced as such by screen readers.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    opening.cells[0].text = "{%tr for row in indicator.rows %}"
    for cell, text in zip(
        row.cells, ("{{ row.label }}", "{{ row.measure }}", "{{ row.figure }}"), strict=True
    ):
        cell.text = text
    closing.cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    return document


def main() -> int:
    activity_report().save(PATH)
    print(f"written {PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
