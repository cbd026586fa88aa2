"""Reads across projects: the portfolio's counts (GRAM, director, officers) and a person's
contributions."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import queries
from tandem.incubator.views.common import require


def contributions(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(queries.contributions_of(request.user))
    return render(
        request,
        "incubator/contributions.html",
        {"contributions": rows, "total": sum((c.hours for c in rows), start=0)},
    )


def portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Projects by stage, institute, regional office and disease area (GRAM, director,
    officers)."""
    require(request, "incubator.view_portfolio")
    counts = queries.portfolio()
    unlinked = _("Not linked yet")

    def labelled(rows: list[queries.PortfolioRow]) -> list[tuple[str, int]]:
        return [(row.label or unlinked, row.projects) for row in rows]

    return render(
        request,
        "incubator/portfolio.html",
        {
            "by_stage": [(row.label, row.projects, row.key) for row in counts.by_stage],
            "by_institute": labelled(counts.by_institute),
            "by_office": labelled(counts.by_office),
            "by_area": labelled(counts.by_area),
            "total": counts.total,
        },
    )
