"""The yearly activity report: the page, its DOCX and its tagged PDF (one read, three forms)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import report as year_report
from tandem.governance.views._common import _body, _require


def _context(request: AuthenticatedHttpRequest, year: int | None) -> dict[str, Any]:
    _require(request, "governance.view_report")
    body = _body()
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return {"report": year_report.year_report(body, year), "years": year_report.years(body)}


def report(request: AuthenticatedHttpRequest, year: int | None = None) -> HttpResponse:
    if year is None and request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
    return render(request, "governance/report.html", _context(request, year))


def report_docx(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    from tandem.documents import document_response, render_docx

    context = _context(request, year)
    data = year_report.as_data(context["report"])
    title = _("Yearly activity report %(year)s") % {"year": year}
    content = render_docx(
        "governance/report.docx",
        {
            **data,
            "labels": year_report.labels(context["report"]),
            "heading": f"{data['body']} · {title}",
        },
        language=request.LANGUAGE_CODE,
        title=title,
    )
    return document_response(content, _("gram-report-%(year)s.docx") % {"year": year})


def report_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    from tandem.documents import document_response, render_pdf

    content = render_pdf(
        "governance/report_print.html",
        _context(request, year),
        language=request.LANGUAGE_CODE,
        request=request,
    )
    return document_response(content, _("gram-report-%(year)s.pdf") % {"year": year})
