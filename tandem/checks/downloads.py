"""A check's report as a file, made once for the page and the API alike: the stored report as
JSON (the analyzer's format, docs/clarity.md) or a tagged PDF made by `tandem.documents` from
the page's own report (checks/report_print.html includes checks/_report_body.html, as the page
does), with the whole text and every note, in the reader's language. Who may download is the
caller's check: the owner only (`queries.checks_of`)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.checks import presenters
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


def report_response(check: ClarityCheck, extension: str) -> HttpResponse:
    """The report of `check` as `json` or `pdf`, an attachment named after the check
    (`clarity-<id>.json`, `.pdf`); a `DomainError` (`not_ready`) while it is being analysed or
    when the analysis failed."""
    if not check.report:
        raise DomainError(_("The report is not ready."), code="not_ready")
    if extension == "pdf":
        return document_response(report_pdf(check), f"clarity-{check.pk}.pdf")
    response = HttpResponse(
        json.dumps(check.report, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="clarity-{check.pk}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
