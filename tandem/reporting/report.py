"""The department's yearly activity report: every indicator of a year, with its definition,
its value and its table, as DOCX (a Word template, tandem.documents) or as a tagged PDF (the
print variant of the page, with the charts). In the language the reader chooses."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.documents import render_docx, render_pdf
from tandem.reporting.dashboard import Figure, by_section, charts_of, figures
from tandem.reporting.scope import Period, Scope
from tandem.reporting.sections import SECTION_TITLES, figure_text, unit_label


def _title(year: int) -> str:
    return _("Activity report %(year)s of the Science and Society Department") % {"year": year}


def _docx_context(scope: Scope, found: list[Figure]) -> dict[str, Any]:
    sections = []
    for section, members in by_section(found):
        sections.append(
            {
                "title": str(SECTION_TITLES[section]),
                "indicators": [
                    {
                        "title": str(f.indicator.title),
                        "definition": str(f.indicator.definition),
                        "value": f"{figure_text(f.result.value)} {unit_label(f.indicator.unit)}".strip(),
                        "rows": [
                            {"label": label, "measure": series.name, "figure": figure_text(v)}
                            for label, values in f.result.rows()
                            for series, v in zip(f.result.series, values, strict=True)
                        ],
                    }
                    for f in members
                ],
            }
        )
    return {
        "labels": {
            "title": _title(scope.period.start.year),
            "made_on": _("Made on %(date)s by Tandem.")
            % {"date": date_format(timezone.localdate(), "DATE_FORMAT")},
            "intro": _(
                "The partnership's indicators for the year: how each one is computed, its "
                "value, and its figures month by month or by category."
            ),
            "value": _("Value"),
            "label": _("Label"),
            "measure": _("Measure"),
            "figure": _("Figure"),
        },
        "sections": sections,
    }


def report_docx(year: int, *, language: str) -> bytes:
    with translation.override(language):
        scope = Scope(Period.year(year))
        context = _docx_context(scope, figures(scope))
        return render_docx(
            "reporting/activity_report.docx",
            context,
            language=language,
            title=context["labels"]["title"],
        )


def report_pdf(year: int, *, language: str) -> bytes:
    with translation.override(language):
        scope = Scope(Period.year(year))
        found = figures(scope)
        context = {
            "title": _title(year),
            "scope": scope,
            "sections": sections_for_page(scope, found, charts=charts_of(scope)),
            "made_on": timezone.localdate(),
        }
        return render_pdf("reporting/report_print.html", context, language=language)


def sections_for_page(
    scope: Scope,
    found: list[Figure],
    *,
    charts: dict[str, str],
    narrow_charts: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """What the page and the PDF show: per section, each indicator with its chart (`charts`:
    the image's source per indicator, a URL on the page, a `data:` URL in the PDF; on the
    page, `narrow_charts`: the source for a phone's screen)."""
    return [
        {
            "slug": section,
            "title": SECTION_TITLES[section],
            "figures": [
                {
                    "figure": f,
                    "chart": charts.get(f.indicator.slug, ""),
                    "chart_narrow": (narrow_charts or {}).get(f.indicator.slug, ""),
                    "unit": unit_label(f.indicator.unit),
                }
                for f in members
            ],
        }
        for section, members in by_section(found)
        if members
    ]
