"""Support requests: ask for help, the officers' queue, take over, move along the workflow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import forms, queries, services
from tandem.incubator.models import SUPPORT_TRANSITIONS, SupportRequest, SupportStatus
from tandem.incubator.views.common import require, show


def _support(request: AuthenticatedHttpRequest, pk: int) -> SupportRequest:
    return get_object_or_404(queries.support_requests_of(request.user), pk=pk)


def _handled(request: AuthenticatedHttpRequest, pk: int) -> SupportRequest:
    support = _support(request, pk)
    if not request.user.has_perm("incubator.handle_support"):
        raise PermissionDenied
    return support


def support_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.support_requests_of(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "incubator/support_requests.html", {"page": page})


def new_support_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request, "incubator.request_support")
    project = None
    project_id = request.GET.get("project") or request.POST.get("project") or ""
    if project_id.isdigit():
        project = get_object_or_404(queries.projects_of(request.user), pk=int(project_id))
        if not queries.takes_part(request.user, project):
            raise PermissionDenied
    form = forms.SupportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            support = services.request_support(request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(
                request, _("Your request is sent to the Science and Society department.")
            )
            return redirect(support)
    return show(request, "incubator/support_new.html", {"form": form, "project": project})


def support_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = _support(request, pk)
    context: dict[str, object] = {"support": support}
    if request.user.has_perm("incubator.handle_support"):
        targets = SUPPORT_TRANSITIONS[support.status]
        move = forms.SupportMoveForm(targets=frozenset(targets))
        context.update(
            handles=True,
            can_take=support.owner_id != request.user.pk and SupportStatus.IN_PROGRESS in targets,
            move_form=move if targets else None,
            assign_form=forms.SupportAssignForm(
                initial={"owner": support.owner_id, "due_on": support.due_on}
            ),
        )
    return render(request, "incubator/support_request.html", context)


@require_POST
def take(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = _handled(request, pk)
    try:
        services.take_support_request(support, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The request is yours."))
    return redirect(support)


@require_POST
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = _handled(request, pk)
    form = forms.SupportMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(support)
    try:
        services.move_support_request(support, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status is changed."))
    return redirect(support)


@require_POST
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    support = _handled(request, pk)
    form = forms.SupportAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an officer."))
        return redirect(support)
    try:
        services.assign_support_request(support, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The owner and due date are saved."))
    return redirect(support)


def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request, "incubator.handle_support")
    mine = request.GET.get("mine") == "1"
    requests = queries.officer_queue()
    if mine:
        requests = requests.filter(owner=request.user)
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(request, "incubator/queue.html", {"page": page, "mine": mine})
