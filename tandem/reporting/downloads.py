"""The dashboard's downloads, made once for the page and the API alike: an indicator's chart as
SVG, its table as CSV or XLSX, every table in one workbook, the yearly activity report as DOCX
(made now) or PDF (as last prepared). Who may download is the caller's check."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.documents import document_response
from tandem.reporting import exports, indicators, report, services
from tandem.reporting.dashboard import TIMEOUT, Figure, chart_svg, figures, results
from tandem.reporting.models import ReportStatus
from tandem.reporting.scope import Scope


def _figure(scope: Scope, slug: str) -> Figure:
    """The indicator `slug` with its result for `scope` (404 for an unknown one)."""
    indicator = indicators.get(slug)
    if indicator is None:
        raise Http404
    return Figure(indicator, results(scope)[slug])


def chart_response(
    scope: Scope, slug: str, *, attachment: bool, phone: bool = False
) -> HttpResponse:
    """One indicator's chart for `scope` as SVG, drawn for a screen (once per scope and
    language, then read from the shared cache); 404 for an unknown indicator. Shown in the
    page (`attachment=False`: the image's source; `phone`: the one drawn for a phone) or
    handed over as a file (the screen's drawing, as the page shows it above 40rem)."""
    indicator = indicators.get(slug)
    if indicator is None:
        raise Http404
    response = HttpResponse(
        chart_svg(scope, indicator, drawing="phone" if phone else "screen"),
        content_type="image/svg+xml",
    )
    # The figures change with the records: a reader's browser may keep it as long as the cache.
    patch_cache_control(response, private=True, max_age=TIMEOUT)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{slug}.svg"'
    return response


def table_response(scope: Scope, slug: str, extension: str) -> HttpResponse:
    """One indicator's table as `csv` or `xlsx`, named after the indicator."""
    found = _figure(scope, slug)
    if extension == "csv":
        return document_response(exports.table_csv(found, scope), f"{slug}.csv")
    return document_response(exports.tables_xlsx([found], scope), f"{slug}.xlsx")


def tables_response(scope: Scope) -> HttpResponse:
    """Every indicator's table, one sheet each."""
    name = _("indicators")
    return document_response(exports.tables_xlsx(figures(scope), scope), f"{name}.xlsx")


def activity_report_response(year: int, extension: str, language: str, *, by: User) -> HttpResponse:
    """The yearly report in `language`: the DOCX made now, the PDF as last prepared in the
    background (404 until it is ready). Logs `reporting.report.downloaded`."""
    if extension == "docx":
        content = report.report_docx(year, language=language)
    else:
        prepared = services.report_pdf_of(year, language)
        if prepared is None or prepared.status != ReportStatus.READY or not prepared.file:
            raise Http404
        with prepared.file.open("rb") as handle:
            content = handle.read()
    log_action(
        by,
        "reporting.report.downloaded",
        by=by,
        data={"year": year, "format": extension, "language": language},
    )
    with translation.override(language):
        name = _("activity-report-%(year)s") % {"year": year}
    return document_response(content, f"{name}.{extension}")
