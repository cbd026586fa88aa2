"""The dashboard's figures: every indicator computed for a scope, kept for a few minutes in the
shared cache (Django's cache: Redis or the database, shared by every process; never process
memory).

The key holds the period, the filters and the language (labels are translated). Values are
stale at once when a record the indicators read is saved or deleted (signals.py bumps the
"reporting" version after the commit), and at the latest after `TIMEOUT` seconds, for writes
that send no signal (bulk imports)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from tandem.core import cache
from tandem.reporting.indicators import SECTIONS, Indicator, Result, all_indicators, get
from tandem.reporting.scope import Scope

CACHE_KIND = "reporting"
TIMEOUT = 300  # five minutes


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    result: Result


def compute(scope: Scope) -> dict[str, Result]:
    """Every indicator for `scope`, without the cache: a few aggregate queries each."""
    return {indicator.slug: indicator.compute(scope) for indicator in all_indicators()}


def results(scope: Scope) -> dict[str, Result]:
    """Every indicator for `scope`, from the shared cache when it holds them."""
    return cache.cached(
        CACHE_KIND, (*scope.key(), get_language() or ""), lambda: compute(scope), timeout=TIMEOUT
    )


def chart_svg(scope: Scope, indicator: Indicator, *, drawing: str = "print") -> str:
    """One indicator's chart for `scope` as SVG text, from the shared cache when it holds it:
    drawing a chart costs more than computing its figures. `drawing`: "print" (pygal's, for
    the PDF report), or the name of a screen's size (chart_presenter: "screen", "phone"). The
    page shows each chart as its own image URL (views.dashboard.chart), so a cold page draws
    none of them."""
    from tandem.reporting import chart_presenter, charts

    def draw() -> str:
        result, title = results(scope)[indicator.slug], str(indicator.title)
        if drawing == "print":
            return charts.svg(indicator, result, title=title)
        size = {s.name: s for s in (chart_presenter.PHONE, chart_presenter.SCREEN)}[drawing]
        return charts.drawn(indicator, result, title=title, size=size)

    parts = (*scope.key(), get_language() or "", "chart", drawing, indicator.slug)
    return cache.cached(CACHE_KIND, parts, draw, timeout=TIMEOUT)


def charts_of(scope: Scope) -> dict[str, str]:
    """Every indicator's chart for `scope` as a `data:` URL, for the PDF report (which carries
    its images inside it)."""
    from tandem.reporting import charts

    return {i.slug: charts.data_url_of(chart_svg(scope, i)) for i in all_indicators()}


def headlines(scope: Scope, slugs: tuple[str, ...]) -> list[Figure]:
    """Only the indicators `slugs` for `scope` (the home page's panel), kept in their own
    cache entry: a cold home page computes these few, never the whole dashboard."""

    def compute_few() -> dict[str, Result]:
        return {
            slug: indicator.compute(scope) for slug in slugs if (indicator := get(slug)) is not None
        }

    found = cache.cached(
        CACHE_KIND,
        (*scope.key(), get_language() or "", "headlines", *slugs),
        compute_few,
        timeout=TIMEOUT,
    )
    return [Figure(i, found[i.slug]) for slug in slugs if (i := get(slug)) and slug in found]


def figures(scope: Scope) -> list[Figure]:
    found = results(scope)
    return [Figure(i, found[i.slug]) for i in all_indicators() if i.slug in found]


def by_section(figures: list[Figure]) -> list[tuple[str, list[Figure]]]:
    return [(s, [f for f in figures if f.indicator.section == s]) for s in SECTIONS]
