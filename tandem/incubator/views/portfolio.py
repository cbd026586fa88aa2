"""Reads across projects: the portfolio's counts (GRAM, director, officers) and a person's
contributions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tandem.core.types import AuthenticatedHttpRequest
from tandem.directory.models import DiseaseArea, Institute, RegionalOffice
from tandem.incubator import queries
from tandem.incubator.models import Project, ProjectStage
from tandem.incubator.views.common import require


def contributions(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(queries.contributions_of(request.user))
    return render(
        request,
        "incubator/contributions.html",
        {"contributions": rows, "total": sum((c.hours for c in rows), start=0)},
    )


def _counts(field: str) -> dict[Any, int]:
    return dict(Project.objects.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Projects by stage, institute, regional office and disease area (GRAM, director,
    officers): a handful of grouped counts, whatever the number of projects."""
    require(request, "incubator.view_portfolio")
    stages = _counts("stage")
    institutes = _counts("institute")
    offices = _counts("regional_office")
    areas: dict[int, int] = {
        row["diseasearea_id"]: row["n"]
        for row in Project.disease_areas.through.objects.values("diseasearea_id").annotate(
            n=Count("id")
        )
    }
    institute_names = {
        i.pk: str(i) for i in Institute.objects.filter(pk__in=[k for k in institutes if k])
    }
    office_names = {
        o.pk: str(o) for o in RegionalOffice.objects.filter(pk__in=[k for k in offices if k])
    }
    area_names = {a.pk: a.name for a in DiseaseArea.objects.filter(pk__in=list(areas))}
    unlinked = _("Not linked yet")
    return render(
        request,
        "incubator/portfolio.html",
        {
            "by_stage": [
                (label, stages.get(code, 0), code) for code, label in ProjectStage.choices
            ],
            "by_institute": sorted(
                ((institute_names.get(k, unlinked), n) for k, n in institutes.items()),
                key=lambda r: -r[1],
            ),
            "by_office": sorted(
                ((office_names.get(k, unlinked), n) for k, n in offices.items()),
                key=lambda r: -r[1],
            ),
            "by_area": sorted(((area_names[k], n) for k, n in areas.items()), key=lambda r: -r[1]),
            "total": sum(stages.values()),
        },
    )
