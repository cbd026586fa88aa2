"""The yearly activity report: the page, its DOCX and its tagged PDF (one read, three forms)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import documents
from tandem.governance import report as year_report
from tandem.governance.models import Body
from tandem.governance.views._common import _body, _require


def _year(request: AuthenticatedHttpRequest, year: int | None) -> tuple[Body, int]:
    _require(request, "governance.view_report")
    body = _body()
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    return body, year


def report(request: AuthenticatedHttpRequest, year: int | None = None) -> HttpResponse:
    if year is None and request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
    body, year = _year(request, year)
    return render(
        request,
        "governance/report.html",
        {"report": year_report.year_report(body, year), "years": year_report.years(body)},
    )


def report_docx(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    return documents.report_response(*_year(request, year), "docx")


def report_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    return documents.report_response(*_year(request, year), "pdf")
