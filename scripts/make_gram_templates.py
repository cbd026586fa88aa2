"""Write the Word templates of the GRAM (docxtpl): the minutes and the yearly activity report,
in tandem/governance/templates/governance/{minutes,report}.docx.

The committed .docx files are the reference: staff may restyle them in Word (keep the Jinja
tags as they are). Run this only to start again from a plain layout:

    .venv/bin/python scripts/make_gram_templates.py

Every word shown comes from the context (translated in tandem/governance/report.py and
tandem/governance/views/minutes.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tandem" / "governance" / "templates" / "governance"


def _document() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    document.core_properties.author = "Tandem"
    return document


def minutes() -> Document:
    document = _document()
    document.add_heading("{{ heading }}", level=0)
    document.add_paragraph("{{ status }}")
    document.add_paragraph("{%p for line in lines %}")
    document.add_paragraph("{{ line }}", style="List Number")
    document.add_paragraph("{%p endfor %}")
    return document


def _table(document: Document, headers: list[str], loop: str, cells: list[str]) -> None:
    table = document.add_table(rows=3, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, value in zip(table.rows[2].cells, cells, strict=True):
        cell.text = value
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"


def report() -> Document:
    document = _document()
    document.add_heading("{{ heading }}", level=0)
    document.add_heading("{{ labels.meetings }} ({{ meetings|length }})", level=1)
    document.add_paragraph("{%p if meetings %}")
    document.add_paragraph("{%p for m in meetings %}")
    document.add_paragraph("{{ m.title }} — {{ m.date|date }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ labels.no_meeting }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ labels.cancelled }}")
    document.add_heading("{{ labels.attendance }}", level=1)
    _table(
        document,
        [
            "{{ labels.college }}",
            "{{ labels.invited }}",
            "{{ labels.in_room }}",
            "{{ labels.remote }}",
            "{{ labels.represented }}",
            "{{ labels.rate }}",
        ],
        "row in attendance",
        [
            "{{ row.college }}",
            "{{ row.invited }}",
            "{{ row.in_room }}",
            "{{ row.remote }}",
            "{{ row.represented }}",
            "{{ row.rate if row.rate is not none else '—' }}",
        ],
    )
    document.add_heading("{{ labels.adopted }} ({{ adopted|length }})", level=1)
    document.add_paragraph("{%p for p in adopted %}")
    document.add_paragraph("{{ p.title }} — {{ p.status }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("{{ labels.answers }} ({{ answers|length }})", level=1)
    document.add_paragraph("{%p for d in decisions %}")
    document.add_paragraph("{{ d.line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for a in answers %}")
    document.add_paragraph("{{ a.proposal }} — {{ a.decision }}", style="List Bullet")
    document.add_paragraph("{%p if a.reason %}")
    document.add_paragraph("{{ a.reason_line }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("{{ labels.actions }} ({{ actions_done|length }})", level=1)
    document.add_paragraph("{%p for a in actions_done %}")
    document.add_paragraph("{{ a.title }} ({{ a.proposal }})", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ labels.actions_open }}")
    document.add_heading("{{ labels.mandates }}", level=1)
    _table(
        document,
        [
            "{{ labels.college }}",
            "{{ labels.seats }}",
            "{{ labels.held_at_end }}",
            "{{ labels.vacancies }}",
            "{{ labels.started }}",
            "{{ labels.ended }}",
        ],
        "row in mandates",
        [
            "{{ row.college }}",
            "{{ row.seats }}",
            "{{ row.held_at_end }}",
            "{{ row.vacancies }}",
            "{{ row.started }}",
            "{{ row.ended }}",
        ],
    )
    return document


def main() -> int:
    for name, build in (("minutes", minutes), ("report", report)):
        path = FOLDER / f"{name}.docx"
        build().save(path)
        print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
