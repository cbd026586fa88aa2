"""A check's report as a file, made once for the page and the API alike: the stored report as
JSON (the analyzer's format, docs/clarity.md) or the standalone printable HTML (in the
reader's language). Who may download is the caller's check: the owner only
(`queries.checks_of`)."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tandem.checks import services
from tandem.checks.models import ClarityCheck
from tandem.core.errors import DomainError


def report_response(check: ClarityCheck, extension: str) -> HttpResponse:
    """The report of `check` as `json` or `html`, an attachment named after the check; a
    `DomainError` (`not_ready`) while it is being analysed or when the analysis failed."""
    if not check.report:
        raise DomainError(_("The report is not ready."), code="not_ready")
    if extension == "json":
        content = json.dumps(check.report, ensure_ascii=False, indent=2)
        content_type = "application/json"
    else:
        content = services.printable_report(check)
        content_type = "text/html; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="clarity-{check.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
