"""Write the Word template of an organization's involvement (docxtpl), in
tandem/reporting/templates/reporting/involvement.docx.

The committed .docx is the reference: staff may restyle it in Word (keep the Jinja tags as
they are). Run this only to start again from a plain layout:

    .venv/bin/python scripts/make_involvement_template.py

Every word shown comes from the context (translated in tandem/reporting/involvement_documents.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
PATH = ROOT / "tandem" / "reporting" / "templates" / "reporting" / "involvement.docx"


def involvement() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    document.core_properties.author = "Tandem"
    document.add_heading("{{ title }}", level=0)
    document.add_heading("{{ summary_title }}", level=1)
    document.add_paragraph("{%p for line in summary %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p if section.lines %}")
    document.add_paragraph("{%p for line in section.lines %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ section.empty }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ issued }}")
    return document


def main() -> int:
    involvement().save(PATH)
    print(f"written {PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
