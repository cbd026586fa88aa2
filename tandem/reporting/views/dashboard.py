"""The dashboard of indicators (officers, the GRAM, the director), its tables as CSV and XLSX,
and the yearly activity report as DOCX or PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reporting import downloads, indicators, report, services
from tandem.reporting.dashboard import figures
from tandem.reporting.forms import ScopeForm
from tandem.reporting.indicators.base import ALL_FILTERS
from tandem.reporting.models import ActivityReportFile
from tandem.reporting.scope import Scope
from tandem.reporting.sections import SECTION_TITLES

VIEW = "reporting.view_indicators"
LANGUAGES = services.LANGUAGES


def _scope(request: AuthenticatedHttpRequest) -> tuple[ScopeForm, Scope]:
    form = ScopeForm(request.GET or None)
    return form, form.scope()


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
            "sections": report.sections_for_page(
                scope,
                found,
                charts=_chart_urls("reporting:chart", query),
                narrow_charts=_chart_urls("reporting:chart_narrow", query),
            ),
            "query": query,
            "given": scope.given(),
            "filters_all": ALL_FILTERS,
            "section_titles": SECTION_TITLES,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "language": (get_language() or "fr")[:2],
            "report_pdfs": report_pdfs(scope.period.start.year),
        },
    )


def _chart_urls(name: str, query: str) -> dict[str, str]:
    """Each chart's own URL (`name`: the screen's or the phone's drawing), with the page's
    period and filters."""
    suffix = f"?{query}" if query else ""
    return {i.slug: reverse(name, args=[i.slug]) + suffix for i in indicators.all_indicators()}


# Opened on its own, the SVG is a document: it needs neither script nor style sheet (the
# template reporting/chart.svg draws with presentation attributes), so none may run.
# (django-csp types a view as taking only the request, hence the ignore.)
@csp_replace({"script-src": ["'none'"], "style-src": ["'none'"]})  # type: ignore[arg-type]
@permission_required(VIEW, raise_exception=True)
def chart(request: AuthenticatedHttpRequest, slug: str, narrow: bool = False) -> HttpResponse:
    """One indicator's chart as an SVG image, for the period and filters of the page that
    shows it (`narrow`: the one drawn for a phone's screen, else the one for a wider screen);
    drawn once per scope and language, then read from the shared cache."""
    return downloads.chart_response(_scope(request)[1], slug, attachment=False, phone=narrow)


@permission_required(VIEW, raise_exception=True)
def table_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return downloads.table_response(_scope(request)[1], slug, "csv")


@permission_required(VIEW, raise_exception=True)
def table_xlsx(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return downloads.table_response(_scope(request)[1], slug, "xlsx")


@permission_required(VIEW, raise_exception=True)
def tables_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    return downloads.tables_response(_scope(request)[1])


@permission_required(VIEW, raise_exception=True)
def activity_report(request: AuthenticatedHttpRequest, year: int, extension: str) -> HttpResponse:
    """The yearly report in the language asked (`?language=en`), the reader's by default: the
    DOCX made now, the PDF as last prepared in the background (404 until it is ready)."""
    asked = request.GET.get("language", "")
    language = asked if asked in LANGUAGES else (get_language() or "fr")[:2]
    if extension not in ("docx", "pdf") or not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return downloads.activity_report_response(year, extension, language, by=request.user)


@require_POST
@permission_required(VIEW, raise_exception=True)
def prepare_report_pdf(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Ask for the year's PDF (made by a background task); back to the dashboard, which shows
    that it is being made, then the link to it."""
    language = request.POST.get("language", "")
    try:
        services.request_report_pdf(year, language, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The PDF is being prepared. Reload this page in a minute to download it."),
        )
    return redirect(f"{reverse('reporting:dashboard')}?{urlencode({'year': year})}#downloads")


def report_pdfs(year: int) -> list[dict[str, object]]:
    """The state of the year's PDF in each language, for the page (one query)."""
    found = {r.language: r for r in ActivityReportFile.objects.filter(year=year)}
    return [{"language": code, "report": found.get(code)} for code in LANGUAGES]
