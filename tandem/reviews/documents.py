"""Generated files: the consolidated report and the certificate of contributions (DOCX, with
python-docx), and a plain PDF of the report built without any extra package."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as DocxDocument

from tandem.core.formatting import local_date
from tandem.core.validators import strip_forbidden
from tandem.reviews.models import CRITERIA, ConsolidatedReport, Criterion


def _report_sections(report: ConsolidatedReport) -> list[tuple[str, str, str]]:
    """(title, score line, text) for each part of the report."""
    sections = []
    for criterion in CRITERIA:
        summary: dict[str, Any] = report.scores.get(str(criterion), {})
        score = (
            _("Average score %(average)s / 4 (from %(low)s to %(high)s)") % summary
            if summary.get("average") is not None
            else ""
        )
        sections.append((str(Criterion(criterion).label), score, report.text(criterion)))
    sections.append((_("Burden of the protocol for participants"), "", report.burden_text))
    return sections


def _docx_text(text: str) -> str:
    # Word's XML cannot hold control characters: one stored before they were refused would
    # make python-docx raise and the download fail.
    return strip_forbidden(text, multiline=True)


def report_docx(report: ConsolidatedReport) -> bytes:
    request = report.round.request
    doc = DocxDocument()
    doc.add_heading(_("Report of the College of Reviewers"), level=0)
    doc.add_paragraph(_docx_text(str(request)))
    doc.add_paragraph(
        _("Round %(number)s — sent on %(date)s")
        % {
            "number": report.round.number,
            "date": local_date(report.sent_at or timezone.now()),
        }
    )
    if report.summary:
        doc.add_heading(_("Summary"), level=1)
        for line in _docx_text(report.summary).splitlines():
            doc.add_paragraph(line)
    for title, score, text in _report_sections(report):
        doc.add_heading(title, level=1)
        if score:
            doc.add_paragraph().add_run(score).italic = True
        for line in _docx_text(text).splitlines() or [_("No remark.")]:
            if line.startswith("- "):
                doc.add_paragraph(line[2:], style="List Bullet")
            elif line.strip():
                doc.add_paragraph(line)
    if report.reviewer_names:
        doc.add_heading(_("Reviewers"), level=1)
        doc.add_paragraph(_docx_text(", ".join(report.reviewer_names)))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def certificate_docx(name: str, contributions: Sequence[tuple[str, str, int]]) -> bytes:
    """`contributions`: (study, date sent, round number) for each review sent."""
    doc = DocxDocument()
    doc.add_heading(_("Certificate of contributions"), level=0)
    doc.add_paragraph(
        _(
            "The College of Reviewers certifies that %(name)s reviewed the information documents of the following studies, as a volunteer from a patient organization."
        )
        % {"name": _docx_text(name)}
    )
    table = doc.add_table(rows=1, cols=3)
    header = table.rows[0].cells
    header[0].text, header[1].text, header[2].text = _("Study"), _("Review sent on"), _("Round")
    for study, date, number in contributions:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = _docx_text(study), date, str(number)
    doc.add_paragraph(
        _("%(n)s reviews in total. Issued on %(date)s.")
        % {"n": len(contributions), "date": local_date(timezone.localdate())}
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- A minimal PDF: Helvetica, WinAnsi text, automatic line wrapping and pages ------------


def _pdf_escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words, line = paragraph.split(), ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return lines


def report_pdf(report: ConsolidatedReport) -> bytes:
    rows: list[tuple[int, str]] = [
        (16, _("Report of the College of Reviewers")),
        (11, str(report.round.request)),
        (11, ""),
    ]
    if report.summary:
        rows += (
            [(13, _("Summary"))] + [(11, line) for line in _wrap(report.summary, 90)] + [(11, "")]
        )
    for title, score, text in _report_sections(report):
        rows.append((13, title))
        if score:
            rows.append((10, score))
        rows += [(11, line) for line in _wrap(text or _("No remark."), 90)]
        rows.append((11, ""))
    if report.reviewer_names:
        rows += [(13, _("Reviewers")), (11, ", ".join(report.reviewer_names))]
    pages: list[list[tuple[int, str]]] = [[]]
    y = 800
    for size, line in rows:
        if y < 60:
            pages.append([])
            y = 800
        pages[-1].append((size, line))
        y -= size + 6
    objects: list[bytes] = []
    kids = []
    font_id = 3
    for page_rows in pages:
        y = 800
        stream = b"BT\n"
        for size, line in page_rows:
            stream += b"/F1 %d Tf 1 0 0 1 50 %d Tm (%s) Tj\n" % (size, y, _pdf_escape(line))
            y -= size + 6
        stream += b"ET"
        content_id = 4 + len(objects)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_id = 4 + len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_id, content_id)
        )
        kids.append(page_id)
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    everything = head + objects
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(everything, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(everything) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(everything) + 1, xref)
    )
    return out.getvalue()
