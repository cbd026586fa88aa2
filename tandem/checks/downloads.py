"""A check's report as a file, for the page and the API alike: the stored report as JSON (the
analyzer's format, docs/clarity.md), or the tagged PDF made by `tandem.documents` from the
page's own report (checks/report_print.html includes checks/_report_body.html, as the page
does), with the whole text and every note, in the reader's language. Drawing the PDF takes
seconds for a long document: a background task draws it (`services.make_check_pdf`) and the
downloads hand over the file it kept, as long as it is up to date. Who may download is the
caller's check: the owner only (`queries.checks_of`)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.checks import presenters, queries
from tandem.checks.models import MIN_WORDS_TO_JUDGE, ClarityCheck
from tandem.core.errors import DomainError
from tandem.documents import document_response, render_pdf


def report_pdf(check: ClarityCheck, *, language: str | None = None) -> bytes:
    """The report of a finished check in `language` (the reader's by default)."""
    language = language or translation.get_language()
    with translation.override(language):
        context = {
            "check": check,
            "min_words": MIN_WORDS_TO_JUDGE,
            **presenters.report_context(check, language, part=None),
        }
    return render_pdf("checks/report_print.html", context, language=language)


def prepared_pdf(check: ClarityCheck, language: str) -> bytes:
    """The PDF the background task made of the report in `language`, if it is up to date; a
    `DomainError` (`not_prepared`) otherwise: never asked for, still being made, failed, or
    made before the check changed."""
    pdf = queries.pdf_of(check, language)
    if pdf is None or not queries.is_current(pdf, check):
        raise DomainError(
            _("The PDF is not prepared: ask for it, then download it once it is ready."),
            code="not_prepared",
        )
    with pdf.file.open("rb") as handle:
        return handle.read()


def report_response(
    check: ClarityCheck, extension: str, *, language: str | None = None
) -> HttpResponse:
    """The report of `check` as `json`, or as the `pdf` prepared in `language` (the reader's by
    default), an attachment named after the check (`clarity-<id>.json`, `.pdf`); a
    `DomainError` `not_ready` while it is being analysed or when the analysis failed,
    `not_prepared` for a PDF not ready (`prepared_pdf`)."""
    if not check.report:
        raise DomainError(_("The report is not ready."), code="not_ready")
    if extension == "pdf":
        content = prepared_pdf(check, language or (translation.get_language() or "fr")[:2])
        return document_response(content, f"clarity-{check.pk}.pdf")
    response = HttpResponse(
        json.dumps(check.report, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="clarity-{check.pk}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
