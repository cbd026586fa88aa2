"""The College's documents, made by `tandem.documents`: the consolidated report (DOCX from the
Word template reviews/report.docx, PDF from reviews/report_print.html, the page's own report)
and the certificate of contributions (reviews/certificate.docx)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.formatting import local_date
from tandem.core.uploads import content_type_of, download_name
from tandem.documents import document_response, render_docx, render_pdf
from tandem.reviews import annotated, queries
from tandem.reviews.models import CRITERIA, ConsolidatedReport, DocumentVersion


def report_sections(report: ConsolidatedReport) -> list[dict[str, Any]]:
    """One entry per criterion, as the report page and its PDF show them."""
    return [
        {"label": c.label, "text": report.text(c), "score": report.scores.get(str(c), {})}
        for c in CRITERIA
    ]


def _lines(text: str) -> list[dict[str, Any]]:
    lines = [
        {"text": line[2:], "bullet": True}
        if line.startswith("- ")
        else {"text": line, "bullet": False}
        for line in text.splitlines()
        if line.strip()
    ]
    return lines or [{"text": _("No remark."), "bullet": False}]


def _docx_sections(report: ConsolidatedReport) -> list[dict[str, Any]]:
    sections = []
    for section in report_sections(report):
        score = section["score"]
        sections.append(
            {
                "title": str(section["label"]),
                # Numbers as the page writes them in the document's language ("1,5" in French).
                "score": _("Average score %(average)s / 4 (from %(low)s to %(high)s)")
                % {name: number_format(value) for name, value in score.items()}
                if score.get("average") is not None
                else "",
                "lines": _lines(section["text"]),
            }
        )
    sections.append(
        {
            "title": _("Burden of the protocol for participants"),
            "score": "",
            "lines": _lines(report.burden_text),
        }
    )
    return sections


def _docx_passages(report: ConsolidatedReport) -> list[dict[str, Any]]:
    """The passage comments as lines of the Word report, each with who said it and the answer."""
    groups = []
    for group in queries.report_comments(report.round):
        comments = []
        for c in group["comments"]:
            who = ", ".join(
                _("Reviewer %(n)s") % {"n": r["number"]} + (f" ({r['name']})" if r["name"] else "")
                for r in c.reviewers
            )
            if c.count > 1:
                who += " · " + ngettext(
                    "said by %(n)s reviewer", "said by %(n)s reviewers", c.count
                ) % {"n": c.count}
            answer = ""
            if c.answer != "pending":
                answer = f"{_('Answer of the research team:')} {c.answer_label}"
                if c.answer_reason:
                    answer += f" — {c.answer_reason}"
            comments.append(
                {
                    "quote": f"{c.quote} [{c.severity_label} · {c.kind_label}]",
                    "comment": c.comment,
                    "suggestion": f"{_('Suggested rewording:')} {c.suggestion}"
                    if c.suggestion
                    else "",
                    "who": who,
                    "answer": answer,
                }
            )
        groups.append({"document": group["document"], "comments": comments})
    return groups


def _word(template_name: str, language: str | None, context: Callable[[], dict[str, Any]]) -> bytes:
    """The Word template filled with `context()`, worked out in `language` (the reader's by
    default); the document's title is its `labels.title`."""
    language = language or translation.get_language()
    with translation.override(language):
        values = context()
    return render_docx(template_name, values, language=language, title=values["labels"]["title"])


def report_docx(report: ConsolidatedReport, *, language: str | None = None) -> bytes:
    return _word("reviews/report.docx", language, lambda: _report_context(report))


def _report_context(report: ConsolidatedReport) -> dict[str, Any]:
    return {
        "labels": {
            "title": _("Report of the College of Reviewers"),
            "round_line": _("Round %(number)s — sent on %(date)s")
            % {
                "number": report.round.number,
                "date": local_date(report.sent_at or timezone.now()),
            },
            "summary": _("Summary"),
            "reviewers": _("Reviewers"),
            "passages": _("Comments on passages"),
            "no_passage": _("No comment on a passage."),
        },
        "passages": _docx_passages(report),
        "study": str(report.round.request),
        "summary": [line for line in report.summary.splitlines() if line.strip()],
        "sections": _docx_sections(report),
        "reviewers": ", ".join(report.reviewer_names),
    }


def report_pdf(report: ConsolidatedReport, *, language: str | None = None) -> bytes:
    context = {
        "req": report.round.request,
        "report": report,
        "sections": report_sections(report),
        "passages": queries.report_comments(report.round),
    }
    return render_pdf(
        "reviews/report_print.html", context, language=language or translation.get_language()
    )


def report_response(report: ConsolidatedReport, extension: str) -> HttpResponse:
    """The report as a download, DOCX or PDF, named in the reader's language."""
    make = report_docx if extension == "docx" else report_pdf
    name = _("report-%(request)s-round-%(round)s") % {
        "request": report.round.request_id,
        "round": report.round.number,
    }
    return document_response(make(report), f"{name}.{extension}")


def certificate_docx(
    name: str, contributions: Sequence[tuple[str, str, int]], *, language: str | None = None
) -> bytes:
    """`contributions`: (study, date sent, round number) for each review sent."""
    return _word(
        "reviews/certificate.docx", language, lambda: _certificate_context(name, contributions)
    )


def _certificate_context(
    name: str, contributions: Sequence[tuple[str, str, int]]
) -> dict[str, Any]:
    return {
        "labels": {
            "title": _("Certificate of contributions"),
            "statement": _(
                "The College of Reviewers certifies that %(name)s reviewed the information documents of the following studies, as a volunteer from a patient organization."
            )
            % {"name": name},
            "study": _("Study"),
            "sent_on": _("Review sent on"),
            "round": _("Round"),
            "total": _("%(n)s reviews in total. Issued on %(date)s.")
            % {"n": len(contributions), "date": local_date(timezone.localdate())},
        },
        "rows": [
            {"study": study, "sent_on": date, "round": number}
            for study, date, number in contributions
        ],
    }


def certificate_response(reviewer: User) -> HttpResponse:
    """The reviewer's certificate of their reviews, for the page and the API alike: logged
    (`reviews.certificate.downloaded`, with the number of reviews)."""
    rows = [
        (
            str(a.round.request),
            a.submitted_at.date().isoformat() if a.submitted_at else "",
            a.round.number,
        )
        for a in queries.reviewer_history(reviewer)
    ]
    log_action(reviewer, "reviews.certificate.downloaded", by=reviewer, data={"reviews": len(rows)})
    return document_response(
        certificate_docx(str(reviewer), rows),
        _("certificate-college-of-reviewers") + ".docx",
    )


def annotated_response(report: ConsolidatedReport, kind: str, *, by: User) -> HttpResponse:
    """The team's own DOCX of the document `kind` with the round's comments in the margin, for
    the page and the API alike: logged (`reviews.report.downloaded`). 404 when the team did not
    send it as DOCX or no comment was made on it."""
    version = annotated.commented_version(report, kind)
    if version is None:
        raise Http404
    log_action(
        report.round.request,
        "reviews.report.downloaded",
        by=by,
        data={"format": "docx", "annotated": kind, "version": version.pk},
    )
    name = _("%(kind)s-v%(number)s-comments-round-%(round)s") % {
        "kind": version.document.get_kind_display(),
        "number": version.number,
        "round": report.round.number,
    }
    return document_response(annotated.annotated_docx(report, version), f"{name}.docx")


def version_response(version: DocumentVersion, *, by: User) -> FileResponse:
    """A document version's file, for the page and the API alike: logged
    (`reviews.document.downloaded`, saying which document, version and format), served as the
    type its content was checked to be, never one guessed from its name, and always as an
    attachment that is not cached: the browser neither sniffs nor renders it."""
    log_action(
        version.document.request,
        "reviews.document.downloaded",
        by=by,
        data={
            "version": version.pk,
            "kind": version.document.kind,
            "number": version.number,
            "format": version.file_type,
        },
    )
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=download_name(version.original_filename, version.file_type),
        content_type=content_type_of(version.file_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
