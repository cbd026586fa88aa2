"""Vote pages: opening, the ballot (keyboard and screen reader), recording, closing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, presenters, queries, services
from tandem.governance.models import (
    AgendaItem,
    Mandate,
    Vote,
)
from tandem.governance.views._common import _done, _invalid, _keep, _require, kept_form


@require_POST
def open_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.OpenVoteForm(request.POST, prefix=f"vote-{pk}")
    if not form.is_valid():
        return _invalid(request, form, item.meeting)
    try:
        vote = services.open_vote(item, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
        _keep(request, form, item.meeting)
        return redirect(item.meeting)
    return redirect(vote)


def _vote(request: AuthenticatedHttpRequest, pk: int) -> Vote:
    return get_object_or_404(Vote.objects.select_related("item__meeting__body"), pk=pk)


def vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.view_members_area")
    vote = _vote(request, pk)
    meeting = vote.item.meeting
    mandate = queries.meeting_mandate(request.user, meeting)
    secretariat = request.user.has_perm("governance.run_secretariat")
    context = presenters.vote_page(vote, mandate=mandate, secretariat=secretariat)
    context["ballot_form"] = kept_form(request, forms.BallotForm)
    if context["can_record"]:
        context["record_form"] = forms.RecordBallotForm(
            mandates=queries.current_mandates(meeting.body, timezone.localdate(meeting.starts_at))
            .exclude(ballots__vote=vote)
            .select_related("person")
        )
    return render(request, "governance/vote.html", context)


@require_POST
def cast_ballot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    vote = _vote(request, pk)
    mine = queries.meeting_mandate(request.user, vote.item.meeting)
    form = forms.BallotForm(request.POST)
    if mine is None or not form.is_valid():
        if mine is None:
            messages.error(request, _("Only members of the body can vote."))
        return _invalid(request, form, vote)
    principal = mine
    if request.POST.get("for_proxy", "").isdigit():
        principal = get_object_or_404(Mandate, pk=int(request.POST["for_proxy"]))
    return _done(
        request,
        vote,
        lambda: services.cast_ballot(
            vote,
            mandate=principal,
            cast_by=mine,
            choice=form.cleaned_data["choice"],
            by=request.user,
        ),
        _("Your vote was recorded."),
        form=form,
    )


@require_POST
def record_ballot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    vote = _vote(request, pk)
    form = forms.RecordBallotForm(
        request.POST, mandates=Mandate.objects.filter(college__body=vote.item.meeting.body)
    )
    if not form.is_valid():
        return _invalid(request, form, vote)
    mandate = form.cleaned_data["mandate"]
    return _done(
        request,
        vote,
        lambda: services.record_ballot(
            vote, mandate=mandate, choice=form.cleaned_data["choice"], by=request.user
        ),
        _("The vote was recorded; the member is told."),
    )


@require_POST
def close_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    vote = _vote(request, pk)
    return _done(
        request, vote, lambda: services.close_vote(vote, by=request.user), _("The vote is closed.")
    )
