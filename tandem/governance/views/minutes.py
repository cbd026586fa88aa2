"""Minutes pages: drafting, reading, comparing versions, PDF, amendments, approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import documents, forms, presenters, queries, services
from tandem.governance.models import (
    Amendment,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from tandem.governance.views._common import _done, _invalid, _require, kept_form


@require_POST
def draft_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        minutes = services.draft_minutes(meeting, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(meeting)
    messages.success(request, _("The minutes were drafted from the meeting's record."))
    return redirect(minutes)


def _minutes(request: AuthenticatedHttpRequest, pk: int) -> Minutes:
    try:
        return queries.minutes_for(request.user).get(pk=pk)
    except Minutes.DoesNotExist as exc:
        raise Http404 from exc


def _version_asked(request: AuthenticatedHttpRequest) -> int | None:
    """`?version=n` for an earlier version, None for the latest; 404 for garbage."""
    asked = request.GET.get("version")
    try:
        return int(asked) if asked is not None else None
    except ValueError as exc:
        raise Http404 from exc


def _page(request: AuthenticatedHttpRequest, item: Minutes) -> dict[str, Any]:
    """The minutes as the page shows them: the version asked (404 for one that does not
    exist), the latest otherwise."""
    try:
        return presenters.minutes_page(item, user=request.user, number=_version_asked(request))
    except MinutesVersion.DoesNotExist as exc:
        raise Http404 from exc


def _document(request: AuthenticatedHttpRequest, pk: int, extension: str) -> HttpResponse:
    """The minutes' PDF or Word file, of the version asked as the page."""
    item = _minutes(request, pk)
    try:
        return documents.minutes_response(
            item, extension, user=request.user, number=_version_asked(request)
        )
    except MinutesVersion.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render_minutes(request, _minutes(request, pk))


def _render_minutes(
    request: AuthenticatedHttpRequest,
    item: Minutes,
    amend_form: forms.AmendmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _page(request, item)
    if context["can_amend"]:
        context["amend_form"] = amend_form or kept_form(request, forms.AmendmentForm)
    if context["can_approve"]:
        context["approve_form"] = forms.ApproveMinutesForm(
            meetings=item.meeting.body.meetings.filter(
                status=MeetingStatus.IN_PROGRESS, starts_at__gt=item.meeting.starts_at
            )
        )
    return render(request, "governance/minutes.html", context, status=status)


@login_not_required
def minutes_compare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _minutes(request, pk)
    versions = {v.number: v for v in item.versions.all()}
    try:
        old = versions[int(request.GET.get("a", "1"))]
        new = versions[int(request.GET.get("b", str(max(versions))))]
    except (KeyError, ValueError) as exc:
        raise Http404 from exc
    return render(
        request,
        "governance/minutes_compare.html",
        {
            "minutes": item,
            "old": old,
            "new": new,
            "rows": queries.compare(old, new),
            "item_rows": queries.compare_items(old, new),
        },
    )


@login_not_required
def minutes_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "pdf")


@login_not_required
def minutes_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "docx")


@require_POST
def amend_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    item = get_object_or_404(Minutes, pk=pk)
    form = forms.AmendmentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item)
    try:
        services.amend_minutes(item, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        # The page comes back with the wording as typed (when amendments are still open).
        messages.error(request, str(exc))
        return _render_minutes(request, item, amend_form=form, status=409)
    messages.success(request, _("Your amendment was sent to the secretariat."))
    return redirect(item)


@require_POST
def decide_amendment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    amendment = get_object_or_404(Amendment.objects.select_related("minutes"), pk=pk)
    accept = request.POST.get("decision") == "accept"
    return _done(
        request,
        amendment.minutes,
        lambda: services.decide_amendment(amendment, accept=accept, by=request.user),
        _("The amendment was accepted: a new version of the minutes was made.")
        if accept
        else _("The amendment was not accepted."),
    )


@require_POST
def approve_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = get_object_or_404(Minutes.objects.select_related("meeting"), pk=pk)
    form = forms.ApproveMinutesForm(request.POST, meetings=item.meeting.body.meetings.all())
    if not form.is_valid():
        return _invalid(request, form, item)
    return _done(
        request,
        item,
        lambda: services.approve_minutes(
            item,
            at=form.cleaned_data["meeting"],
            is_public=form.cleaned_data["is_public"],
            by=request.user,
        ),
        _("The minutes are approved and locked."),
        form=form,
    )
