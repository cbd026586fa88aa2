"""The incubator's public face: how to propose a project, the public projects and groups,
and the public part of the library."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import queries
from tandem.incubator.models import ResourceVisibility, SupportKind
from tandem.incubator.stages import STAGES


@login_not_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "incubator/home.html",
        {
            "stages": list(STAGES.values()),
            "help_kinds": SupportKind.choices,
            "projects": queries.public_projects()[:12],
            "resources": queries.resources_for(request.user).filter(
                visibility=ResourceVisibility.PUBLIC
            )[:10],
            "groups": queries.public_groups(),
        },
    )


@login_not_required
def public_project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(queries.public_projects(), pk=pk)
    return render(request, "incubator/public_project.html", {"project": project})


@login_not_required
def public_group(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(queries.public_groups(), pk=pk)
    return render(request, "incubator/public_group.html", {"group": group})
