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
from tandem.reporting.indicators import SECTIONS, Indicator, Result, all_indicators
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


def charts_of(scope: Scope) -> dict[str, str]:
    """Every indicator's chart for `scope` (as a `data:` URL), from the shared cache when it
    holds them: drawing twenty charts costs more than computing the figures."""
    from tandem.reporting import charts

    def draw() -> dict[str, str]:
        found = results(scope)
        return {
            i.slug: charts.data_url(i, found[i.slug], title=str(i.title))
            for i in all_indicators()
            if i.slug in found
        }

    parts = (*scope.key(), get_language() or "", "charts")
    return cache.cached(CACHE_KIND, parts, draw, timeout=TIMEOUT)


def figures(scope: Scope) -> list[Figure]:
    found = results(scope)
    return [Figure(i, found[i.slug]) for i in all_indicators() if i.slug in found]


def by_section(figures: list[Figure]) -> list[tuple[str, list[Figure]]]:
    return [(s, [f for f in figures if f.indicator.section == s]) for s in SECTIONS]
