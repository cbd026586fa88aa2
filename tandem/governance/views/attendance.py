"""Members before and at a meeting: answers, proxies, check-in, conflicts of interest."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, services
from tandem.governance.models import (
    AgendaItem,
    Mandate,
    Meeting,
    Proxy,
)
from tandem.governance.views._common import _done, _invalid, _require


@require_POST
def answer_convocation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.AnswerConvocationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, meeting)
    return _done(
        request,
        meeting,
        lambda: services.answer_convocation(
            meeting, person=request.user, answer=form.cleaned_data["answer"]
        ),
        _("Your answer was recorded."),
        form=form,
    )


@require_POST
def give_proxy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.ProxyForm(request.POST, holders=Mandate.objects.filter(college__body=meeting.body))
    if not form.is_valid():
        return _invalid(request, form, meeting)
    return _done(
        request,
        meeting,
        lambda: services.give_proxy(
            meeting, person=request.user, holder=form.cleaned_data["holder"]
        ),
        _("Your proxy was given."),
        form=form,
    )


@require_POST
def withdraw_proxy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    proxy = get_object_or_404(Proxy.objects.filter(principal__person=request.user), pk=pk)
    return _done(
        request,
        proxy.meeting,
        lambda: services.withdraw_proxy(proxy, person=request.user),
        _("Your proxy was withdrawn."),
    )


@require_POST
def check_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.CheckInForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, meeting)
    mandate = get_object_or_404(
        Mandate, pk=form.cleaned_data["mandate"], college__body=meeting.body
    )
    return _done(
        request,
        meeting,
        lambda: services.check_in(
            meeting, mandate=mandate, presence=form.cleaned_data["presence"], by=request.user
        ),
        _("The attendance was recorded."),
        form=form,
    )


@require_POST
def declare_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.ConflictForm(request.POST, prefix=f"conflict-{pk}")
    if not form.is_valid():
        return _invalid(request, form, item.meeting)
    return _done(
        request,
        item.meeting,
        lambda: services.declare_conflict(
            item, person=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Your conflict of interest was recorded: you will not vote on this item."),
        form=form,
    )
