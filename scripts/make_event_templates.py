"""Write the Word template of the certificate of attendance (docxtpl), in
tandem/events/templates/events/certificate.docx.

The committed .docx is the reference: staff may restyle it in Word (keep the Jinja tags as
they are). Run this only to start again from a plain layout:

    .venv/bin/python scripts/make_event_templates.py

Every word shown comes from the context (translated in tandem/events/documents.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
PATH = ROOT / "tandem" / "events" / "templates" / "events" / "certificate.docx"


def certificate() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    document.core_properties.author = "Tandem"
    document.add_heading("{{ title }}", level=0)
    document.add_paragraph("{{ statement }}")
    document.add_heading("{{ dates_label }}", level=2)
    document.add_paragraph("{%p for line in dates %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("{{ place_label }}", level=2)
    document.add_paragraph("{{ place }}")
    document.add_paragraph("{{ hours }}")
    document.add_paragraph("{%p if objectives %}")
    document.add_heading("{{ objectives_label }}", level=2)
    document.add_paragraph("{%p for line in objectives %}")
    document.add_paragraph("{{ line }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ issued }}")
    return document


def main() -> int:
    certificate().save(PATH)
    print(f"written {PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
