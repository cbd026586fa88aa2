"""The report as the research team's own Word file: each passage comment of the round placed in
the margin (a Word comment) at its passage, so the team revises in the tool it already uses.
The passage is looked for paragraph by paragraph (folding typographic quotes and spaces as
anchoring does); the runs around it are split so that the comment covers the passage exactly.
A passage that cannot be placed (it spans paragraphs, or the file changed) is commented on the
document's first paragraph, quoted."""

from __future__ import annotations

import copy
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document as open_docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tandem.reviews import anchoring, queries
from tandem.reviews.consolidate import PassageRemark
from tandem.reviews.models import ConsolidatedReport, DocumentVersion


def commented_version(report: ConsolidatedReport, kind: str) -> DocumentVersion | None:
    """The version of the document `kind` that the round's comments were made on, when the
    team sent it as DOCX and some comment was made on it."""
    remarks = _remarks(report, kind)
    if not remarks:
        return None
    counts: dict[int, int] = {}
    for remark in remarks:
        counts[remark.version_id] = counts.get(remark.version_id, 0) + 1
    version = (
        DocumentVersion.objects.filter(pk=max(counts, key=lambda pk: counts[pk]))
        .select_related("document")
        .first()
    )
    return version if version is not None and version.file_type == "docx" else None


def annotated_docx(report: ConsolidatedReport, version: DocumentVersion) -> bytes:
    """The team's file for `version` with each of the round's comments on it in the margin."""
    with version.file.open("rb") as handle:
        document = open_docx(io.BytesIO(handle.read()))
    paragraphs = [p for p in _paragraphs(document) if p.text.strip()]
    for remark in _remarks(report, version.document.kind):
        if remark.version_id != version.pk:
            continue
        runs = _place(paragraphs, remark.quote)
        text = _comment_text(remark)
        if not runs and paragraphs:
            runs = _whole(paragraphs[0])
            text = _("Passage: “%(quote)s”") % {"quote": remark.quote} + "\n" + text
        if runs:
            document.add_comment(
                runs, text=text, author=_author(remark), initials=_initials(remark)
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _remarks(report: ConsolidatedReport, kind: str) -> list[PassageRemark]:
    for group in queries.report_comments(report.round):
        if group["kind"] == kind:
            found: list[PassageRemark] = group.get("comments", [])
            return found
    return []


def _paragraphs(document: Any) -> list[Paragraph]:
    """Body paragraphs, then those of table cells, in order."""
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def _place(paragraphs: list[Paragraph], quote: str) -> list[Run]:
    for paragraph in paragraphs:
        span = anchoring.locate(paragraph.text, quote)
        if span is not None:
            return _isolate(paragraph, *span)
    return []


def _whole(paragraph: Paragraph) -> list[Run]:
    return [run for run in paragraph.runs if run.text]


def _isolate(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs covering exactly [start, end) of the paragraph's text, splitting the runs that
    straddle a boundary (each part keeps the run's formatting)."""
    position = 0
    for run in list(paragraph.runs):
        length = len(run.text)
        if position < start < position + length:
            _split(run, start - position)
            return _isolate(paragraph, start, end)
        if position < end < position + length:
            _split(run, end - position)
            return _isolate(paragraph, start, end)
        position += length
    covered, position = [], 0
    for run in paragraph.runs:
        length = len(run.text)
        if length and start <= position and position + length <= end:
            covered.append(run)
        position += length
    return covered


def _split(run: Run, at: int) -> None:
    text = run.text
    element = copy.deepcopy(run._r)
    run._r.addnext(element)
    run.text = text[:at]
    Run(element, run._parent).text = text[at:]


def _who(remark: PassageRemark) -> list[str]:
    return [
        str(r["name"]) if r.get("name") else _("Reviewer %(number)s") % {"number": r["number"]}
        for r in remark.reviewers
    ]


def _author(remark: PassageRemark) -> str:
    return ", ".join(_who(remark))


def _initials(remark: PassageRemark) -> str:
    return ",".join(f"R{r['number']}" for r in remark.reviewers)


def _comment_text(remark: PassageRemark) -> str:
    lines = [f"[{remark.severity_label} · {remark.kind_label}]", remark.comment]
    if remark.suggestion:
        lines.append(_("Suggested rewording: %(text)s") % {"text": remark.suggestion})
    if remark.count > 1:
        lines.append(_("Said by %(count)s reviewers.") % {"count": remark.count})
    return "\n".join(lines)
