"""The dashboard of indicators (officers, the GRAM, the director), its tables as CSV and XLSX,
and the yearly activity report as DOCX or PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.types import AuthenticatedHttpRequest
from tandem.documents import document_response
from tandem.reporting import exports, indicators, report
from tandem.reporting.dashboard import Figure, figures, results
from tandem.reporting.forms import ScopeForm
from tandem.reporting.indicators.base import ALL_FILTERS
from tandem.reporting.scope import Scope
from tandem.reporting.sections import SECTION_TITLES

VIEW = "reporting.view_indicators"
LANGUAGES = ("fr", "en")


def _scope(request: AuthenticatedHttpRequest) -> tuple[ScopeForm, Scope]:
    form = ScopeForm(request.GET or None)
    return form, form.scope()


def _figure(scope: Scope, slug: str) -> Figure:
    indicator = indicators.get(slug)
    if indicator is None:
        raise Http404
    return Figure(indicator, results(scope)[slug])


@permission_required(VIEW, raise_exception=True)
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    found = figures(scope)
    query = request.GET.urlencode()
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "sections": report.sections_for_page(scope, found),
            "query": query,
            "given": scope.given(),
            "filters_all": ALL_FILTERS,
            "section_titles": SECTION_TITLES,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "language": (get_language() or "fr")[:2],
        },
    )


@permission_required(VIEW, raise_exception=True)
def table_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _form, scope = _scope(request)
    figure = _figure(scope, slug)
    return document_response(exports.table_csv(figure, scope), f"{slug}.csv")


@permission_required(VIEW, raise_exception=True)
def table_xlsx(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _form, scope = _scope(request)
    figure = _figure(scope, slug)
    return document_response(exports.tables_xlsx([figure], scope), f"{slug}.xlsx")


@permission_required(VIEW, raise_exception=True)
def tables_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    _form, scope = _scope(request)
    name = _("indicators")
    return document_response(exports.tables_xlsx(figures(scope), scope), f"{name}.xlsx")


@permission_required(VIEW, raise_exception=True)
def activity_report(request: AuthenticatedHttpRequest, year: int, extension: str) -> HttpResponse:
    """The yearly report in the language asked (`?language=en`), the reader's by default."""
    asked = request.GET.get("language", "")
    language = asked if asked in LANGUAGES else (get_language() or "fr")[:2]
    if extension not in ("docx", "pdf") or not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    make = report.report_docx if extension == "docx" else report.report_pdf
    content = make(year, language=language)
    log_action(
        request.user,
        "reporting.report.downloaded",
        by=request.user,
        data={"year": year, "format": extension, "language": language},
    )
    with translation.override(language):
        name = _("activity-report-%(year)s") % {"year": year}
    return document_response(content, f"{name}.{extension}")
