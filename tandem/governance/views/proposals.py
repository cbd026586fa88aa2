"""Proposal pages: list, drafting, co-signing, agenda, transmission, answer, actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, presenters, queries, services
from tandem.governance.models import (
    Action,
    Decision,
    MeetingStatus,
    Proposal,
)
from tandem.governance.views._common import _body, _done, _invalid, _keep, _require, kept_form


@login_not_required
def proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        presenters.proposal_row(p, today)
        for p in queries.proposals_for(request.user).order_by("-created", "-pk")[:200]
    ]
    return render(
        request,
        "governance/proposals.html",
        {"rows": rows, "can_draft": request.user.has_perm("governance.act_as_member")},
    )


def new_proposal(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.act_as_member")
    form = forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.draft_proposal(_body(), author=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your proposal was saved as a draft."))
            return redirect(proposal)
    return render(
        request,
        "governance/proposal_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def edit_proposal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The author rewrites their draft; a refusal keeps what was typed."""
    _require(request, "governance.act_as_member")
    item = _proposal(pk)
    if not queries.can_edit_proposal(item, request.user):
        raise PermissionDenied
    initial = {name: getattr(item, name) for name in services.EDITABLE_FIELDS}
    form = forms.ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edit = services.update_proposal(item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if edit.cosigners_withdrawn:
                messages.success(
                    request,
                    _(
                        "Your draft was saved. The co-signatures were withdrawn, as the text "
                        "changed: the co-signers are told and may co-sign the new text."
                    ),
                )
            else:
                messages.success(request, _("Your draft was saved."))
            return redirect(item)
    return render(
        request,
        "governance/proposal_form.html",
        {"form": form, "proposal": item, "cosignatures": item.cosignatures.count()},
        status=422 if request.method == "POST" else 200,
    )


@login_not_required
def proposal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        item = queries.proposal_detail(queries.proposals_for(request.user), pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc
    context = presenters.proposal_page(item, user=request.user)
    if context["can_schedule"]:
        context["schedule_form"] = forms.ScheduleForm(
            meetings=item.body.meetings.filter(
                status__in=(MeetingStatus.PLANNED, MeetingStatus.CONVENED),
                starts_at__gte=timezone.now(),
            )
        )
    if context["can_answer"]:
        context["answer_form"] = kept_form(request, forms.AnswerForm)
    if context["can_add_action"]:
        context["action_form"] = kept_form(request, forms.ActionForm)
    return render(request, "governance/proposal.html", context)


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(Proposal, pk=pk)


@require_POST
def cosign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    item = _proposal(pk)
    return _done(
        request, item, lambda: services.cosign(item, person=request.user), _("You co-signed.")
    )


@require_POST
def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = _proposal(pk)
    form = forms.ScheduleForm(request.POST, meetings=item.body.meetings.all())
    if not form.is_valid():
        return _invalid(request, form, item)
    return _done(
        request,
        item,
        lambda: services.put_on_agenda(item, meeting=form.cleaned_data["meeting"], by=request.user),
        _("The proposal is on the meeting's agenda."),
        form=form,
    )


@require_POST
def transmit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = _proposal(pk)
    return _done(
        request,
        item,
        lambda: services.transmit(item, by=request.user),
        _("The proposal was sent to the Directorate General."),
    )


@require_POST
def answer_proposal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.answer_proposals")
    item = _proposal(pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item)
    if "edit" in request.POST:
        # Back from the confirmation step: the proposal's page shows the form as typed.
        _keep(request, form, item)
        return redirect(f"{item.get_absolute_url()}#answer-title")
    if "confirm" not in request.POST:
        # The answer is final: like sending a review, a confirmation step first, nothing
        # saved; what was typed travels in the confirmation's form.
        return render(
            request,
            "governance/answer_confirm.html",
            {
                "proposal": item,
                "form": form,
                "decision": Decision(form.cleaned_data["decision"]).label,
            },
        )
    return _done(
        request,
        item,
        lambda: services.answer_proposal(item, by=request.user, **form.cleaned_data),
        _("Your answer was recorded and sent to the GRAM."),
        form=form,
    )


@require_POST
def add_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.follow_actions")
    item = _proposal(pk)
    form = forms.ActionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item)
    return _done(
        request,
        item,
        lambda: services.add_action(item, by=request.user, **form.cleaned_data),
        _("The action was added."),
        form=form,
    )


@require_POST
def update_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("proposal"), pk=pk)
    if not (
        request.user.has_perm("governance.follow_actions") or action.owner_id == request.user.pk
    ):
        raise PermissionDenied
    form = forms.ActionUpdateForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, action.proposal)
    return _done(
        request,
        action.proposal,
        lambda: services.update_action(action, by=request.user, **form.cleaned_data),
        _("The action was updated."),
        form=form,
    )
