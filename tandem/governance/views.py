"""Pages of the GRAM: thin views (fetch and authorise, validate, call one service, respond)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
from tandem.governance import calendar, forms, presenters, queries, services
from tandem.governance.models import (
    Action,
    AgendaItem,
    Amendment,
    Body,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Minutes,
    Proposal,
    Proxy,
    QuotaChange,
    Vote,
)

MEETING_VERBS: dict[str, Callable[..., Any]] = {
    "open": services.open_meeting,
    "close": services.close_meeting,
    "cancel": services.cancel_meeting,
}


def _body() -> Body:
    body = queries.the_body()
    if body is None:
        raise Http404
    return body


def _require(request: AuthenticatedHttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _done(
    request: AuthenticatedHttpRequest, target: Any, run: Callable[[], Any], ok: str
) -> HttpResponse:
    """Run one service; its refusal becomes an error message on the page it came from."""
    try:
        run()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ok)
    return redirect(target)


def _invalid(request: AuthenticatedHttpRequest, form: Any, target: Any) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label} — {error}" if label else error)
    return redirect(target)


# --- Public ---------------------------------------------------------------------------------


@login_not_required
def public(request: AuthenticatedHttpRequest) -> HttpResponse:
    body = queries.the_body()
    context: dict[str, Any] = {"body": body}
    if body is not None:
        today = timezone.localdate()
        proposals = list(
            queries.proposals_for(None)
            .filter(body=body)
            .prefetch_related("actions")
            .order_by("-transmitted_at", "-pk")
        )
        context.update(
            composition=queries.composition(body),
            upcoming=list(
                queries.public_meetings(body)
                .filter(starts_at__gte=timezone.now())
                .order_by("starts_at")[:8]
            ),
            past=list(queries.public_meetings(body).filter(starts_at__lt=timezone.now())[:8]),
            proposals=[presenters.proposal_row(p, today) for p in proposals],
            minutes=list(
                queries.minutes_for(None)
                .filter(meeting__body=body)
                .order_by("-meeting__starts_at")[:8]
            ),
        )
    return render(request, "governance/public.html", context)


@login_not_required
def calendar_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    body = _body()
    content = calendar.feed(body, list(queries.public_meetings(body)), request=request)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


# --- The body (secretariat) -----------------------------------------------------------------


def body_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    body = _body()
    colleges = body.colleges.all()
    return render(
        request,
        "governance/body.html",
        {
            "body": body,
            "composition": queries.composition(body),
            "warnings": presenters.warnings(queries.warnings(body)),
            "quota_form": forms.QuotaForm(colleges=colleges),
            "mandate_form": forms.MandateForm(colleges=colleges),
            "quota_history": QuotaChange.objects.filter(college__body=body).select_related(
                "college", "by"
            )[:20],
            "mandates": Mandate.objects.filter(college__body=body)
            .select_related("person", "college", "organization")
            .order_by("-end")[:60],
            "quorum_rule": queries.current_quorum_rule(body),
            "quorum_form": forms.QuorumRuleForm(
                initial={"overall_percent": 50, "college_percent": 34, "count_proxies": True}
            ),
            "today": timezone.localdate(),
        },
    )


@require_POST
def change_quota(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    body = _body()
    form = forms.QuotaForm(request.POST, colleges=body.colleges.all())
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    data = form.cleaned_data
    return _done(
        request,
        "governance:body",
        lambda: services.change_quota(
            data["college"], seats=data["seats"], reason=data["reason"], by=request.user
        ),
        _("The quota was changed."),
    )


@require_POST
def appoint(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    body = _body()
    form = forms.MandateForm(request.POST, colleges=body.colleges.all())
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    data = form.cleaned_data
    return _done(
        request,
        "governance:body",
        lambda: services.appoint(
            data["college"],
            person=data["person"],
            organization=data["organization"],
            role=data["role"],
            start=data["start"],
            end=data["end"],
            by=request.user,
        ),
        _("The mandate was recorded."),
    )


@require_POST
def renew(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    mandate = get_object_or_404(Mandate.objects.select_related("college", "person"), pk=pk)
    form = forms.RenewForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.renew_mandate(mandate, end=form.cleaned_data["end"], by=request.user),
        _("The mandate was renewed."),
    )


@require_POST
def end_mandate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    mandate = get_object_or_404(Mandate, pk=pk)
    form = forms.EndMandateForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.end_mandate(mandate, on=form.cleaned_data["on"], by=request.user),
        _("The mandate was ended."),
    )


@require_POST
def adopt_quorum_rule(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    form = forms.QuorumRuleForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.adopt_quorum_rule(_body(), by=request.user, **form.cleaned_data),
        _("The new quorum rules apply to meetings convened from now on."),
    )


# --- Meetings -------------------------------------------------------------------------------


def meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.view_members_area")
    body = _body()
    year = timezone.localdate().year
    return render(
        request,
        "governance/meetings.html",
        {
            "body": body,
            "year": year,
            "plan": presenters.year_plan(queries.year_plan(body, year)),
            "meetings": list(queries.meetings_of(body)),
            "plan_form": forms.PlanYearForm(initial={"year": year}),
        },
    )


@require_POST
def plan_year(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    form = forms.PlanYearForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:meetings")
    data = form.cleaned_data
    return _done(
        request,
        "governance:meetings",
        lambda: services.plan_year(
            _body(), year=data["year"], place=data["place"], by=request.user
        ),
        _("A meeting was proposed for each quarter without one."),
    )


def new_meeting(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.schedule_meeting(_body(), by=request.user, **data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(meeting)
    return render(
        request,
        "governance/meeting_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def _meeting(request: AuthenticatedHttpRequest, pk: int) -> Meeting:
    _require(request, "governance.view_members_area")
    try:
        return queries.meeting_detail(pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    mandate = queries.meeting_mandate(request.user, meeting)
    secretariat = request.user.has_perm("governance.run_secretariat")
    context = presenters.meeting_page(
        meeting, user=request.user, mandate=mandate, secretariat=secretariat
    )
    if mandate is not None:
        holders = (
            queries.current_mandates(meeting.body, timezone.localdate(meeting.starts_at))
            .filter(college=mandate.college_id)
            .exclude(pk=mandate.pk)
            .select_related("person")
        )
        context["proxy_form"] = forms.ProxyForm(holders=holders)
        context["answer_form"] = forms.AnswerConvocationForm()
    if secretariat:
        context.update(
            item_form=forms.AgendaItemForm(),
            document_form=forms.DocumentForm(),
            vote_form=forms.OpenVoteForm(),
        )
    elif mandate is not None and meeting.status == MeetingStatus.PLANNED:
        context["item_form"] = forms.AgendaItemForm()
    return render(request, "governance/meeting.html", context)


def meeting_calendar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    content = calendar.feed(meeting.body, [meeting], request=request)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gram-{meeting.pk}.ics"'
    return response


@require_POST
def meeting_transition(request: AuthenticatedHttpRequest, pk: int, verb: str) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    meeting = get_object_or_404(Meeting, pk=pk)
    if verb == "convene":
        try:
            _meeting_after, on_time = services.convene(meeting, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The convocation was sent to the members."))
            if not on_time:
                messages.warning(
                    request,
                    _(
                        "The convocation was sent later than the notice period of the rules (%(days)s days)."
                    )
                    % {"days": meeting.body.notice_days},
                )
        return redirect(meeting)
    if verb not in MEETING_VERBS:
        raise Http404
    return _done(
        request, meeting, lambda: MEETING_VERBS[verb](meeting, by=request.user), _("Done.")
    )


@require_POST
def add_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if not (
        request.user.has_perm("governance.run_secretariat")
        or queries.meeting_mandate(request.user, meeting) is not None
    ):
        raise PermissionDenied
    form = forms.AgendaItemForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, meeting)
    return _done(
        request,
        meeting,
        lambda: services.add_agenda_item(meeting, by=request.user, **form.cleaned_data),
        _("The item was added to the agenda."),
    )


@require_POST
def add_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, form, meeting)
    return _done(
        request,
        meeting,
        lambda: services.add_document(
            meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            by=request.user,
        ),
        _("The document was added."),
    )


def document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.view_members_area")
    doc = get_object_or_404(MeetingDocument, pk=pk)
    from tandem.documents import document_response

    with doc.file.open("rb") as handle:
        return document_response(handle.read(), doc.original_filename)


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
    )


@require_POST
def declare_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.ConflictForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item.meeting)
    return _done(
        request,
        item.meeting,
        lambda: services.declare_conflict(
            item, person=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Your conflict of interest was recorded: you will not vote on this item."),
    )


@require_POST
def open_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = forms.OpenVoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item.meeting)
    try:
        vote = services.open_vote(item, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
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
    context["ballot_form"] = forms.BallotForm()
    if secretariat:
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
        lambda: services.cast_ballot(
            vote,
            mandate=mandate,
            cast_by=mandate,
            choice=form.cleaned_data["choice"],
            by=request.user,
        ),
        _("The vote was recorded."),
    )


@require_POST
def close_vote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    vote = _vote(request, pk)
    return _done(
        request, vote, lambda: services.close_vote(vote, by=request.user), _("The vote is closed.")
    )


# --- Proposals ------------------------------------------------------------------------------


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
        context["answer_form"] = forms.AnswerForm()
    if context["can_add_action"]:
        context["action_form"] = forms.ActionForm()
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
    return _done(
        request,
        item,
        lambda: services.answer_proposal(item, by=request.user, **form.cleaned_data),
        _("Your answer was recorded and sent to the GRAM."),
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
    )


# --- Minutes --------------------------------------------------------------------------------


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


@login_not_required
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _minutes(request, pk)
    context = presenters.minutes_page(item, user=request.user)
    if context["can_amend"]:
        context["amend_form"] = forms.AmendmentForm()
    if context["can_approve"]:
        context["approve_form"] = forms.ApproveMinutesForm(
            meetings=item.meeting.body.meetings.filter(
                status=MeetingStatus.IN_PROGRESS, starts_at__gt=item.meeting.starts_at
            )
        )
    return render(request, "governance/minutes.html", context)


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
        {"minutes": item, "old": old, "new": new, "rows": queries.compare(old, new)},
    )


@login_not_required
def minutes_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from tandem.documents import document_response, render_pdf

    item = _minutes(request, pk)
    context = presenters.minutes_page(item, user=request.user)
    content = render_pdf(
        "governance/minutes_print.html", context, language=request.LANGUAGE_CODE, request=request
    )
    return document_response(content, f"gram-minutes-{item.meeting.starts_at:%Y-%m-%d}.pdf")


@require_POST
def amend_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.act_as_member")
    item = get_object_or_404(Minutes, pk=pk)
    form = forms.AmendmentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, item)
    return _done(
        request,
        item,
        lambda: services.amend_minutes(item, by=request.user, **form.cleaned_data),
        _("Your amendment was sent to the secretariat."),
    )


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
    )
