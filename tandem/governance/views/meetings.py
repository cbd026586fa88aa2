"""Meeting pages: the list, the year's plan, a meeting, its workflow, agenda and documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import documents, forms, presenters, queries, services
from tandem.governance.models import (
    AttendanceAnswer,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Presence,
)
from tandem.governance.views._common import _body, _done, _invalid, _require, kept_form

# The agenda-item and document forms share the meeting's page (both have a title): each its own
# prefix, so that ids and labels stay unique.
ITEM, DOCUMENT = "item", "document"

MEETING_VERBS: dict[str, Callable[..., Any]] = {
    "open": services.open_meeting,
    "close": services.close_meeting,
    "cancel": services.cancel_meeting,
}
# What happened, said in words (not "Done.").
DONE = {
    "open": gettext_lazy("The session is open."),
    "close": gettext_lazy("The session is closed."),
    "cancel": gettext_lazy("The meeting is cancelled."),
}


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
            "plan_form": kept_form(request, forms.PlanYearForm, initial={"year": year}),
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
        form=form,
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
    mine = context["mine"]
    # Once checked in, the member votes in person: asking whether they will come, or offering
    # a proxy the service would refuse ("You are checked in"), only confused them.
    checked_in = mine is not None and mine.presence != Presence.ABSENT
    if mandate is not None and not checked_in:
        holders = (
            queries.current_mandates(meeting.body, timezone.localdate(meeting.starts_at))
            .filter(college=mandate.college_id)
            .exclude(pk=mandate.pk)
            .select_related("person")
        )
        context["proxy_form"] = kept_form(request, forms.ProxyForm, holders=holders)
        # The answer already given is the one chosen, so that the form says what was sent.
        given = mine.answer if mine and mine.answer != AttendanceAnswer.UNKNOWN else None
        context["answer_form"] = kept_form(
            request, forms.AnswerConvocationForm, initial={"answer": given}
        )
    for row in context["documents"]:
        pk = row["document"].pk
        if secretariat and context["editable"]:
            row["version_form"] = kept_form(request, forms.NewVersionForm, prefix=f"version-{pk}")
        if context["can_comment"]:
            row["comment_form"] = kept_form(
                request, forms.DocumentCommentForm, prefix=f"comment-{pk}"
            )
    # One form per agenda item (its own prefix), so that a refused one comes back unfolded
    # under its own item only, with what was typed.
    for row in context["items"]:
        pk = row["item"].pk
        if mandate is not None and context["convened"]:
            row["conflict_form"] = kept_form(request, forms.ConflictForm, prefix=f"conflict-{pk}")
        if secretariat and context["in_progress"]:
            row["vote_form"] = kept_form(request, forms.OpenVoteForm, prefix=f"vote-{pk}")
    if secretariat:
        context.update(
            item_form=kept_form(request, forms.AgendaItemForm, prefix=ITEM),
            document_form=kept_form(request, forms.DocumentForm, prefix=DOCUMENT),
        )
    elif mandate is not None and meeting.status == MeetingStatus.PLANNED:
        context["item_form"] = kept_form(request, forms.AgendaItemForm, prefix=ITEM)
    return render(request, "governance/meeting.html", context)


def meeting_calendar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return documents.meeting_calendar_response(meeting, site=request.build_absolute_uri("/"))


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
        request, meeting, lambda: MEETING_VERBS[verb](meeting, by=request.user), str(DONE[verb])
    )


@require_POST
def add_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if not (
        request.user.has_perm("governance.run_secretariat")
        or queries.meeting_mandate(request.user, meeting) is not None
    ):
        raise PermissionDenied
    form = forms.AgendaItemForm(request.POST, prefix=ITEM)
    if not form.is_valid():
        return _invalid(request, form, meeting)
    return _done(
        request,
        meeting,
        lambda: services.add_agenda_item(meeting, by=request.user, **form.cleaned_data),
        _("The item was added to the agenda."),
        form=form,
    )


@require_POST
def add_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES, prefix=DOCUMENT)
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
        form=form,
    )


@require_POST
def replace_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    old = get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)
    form = forms.NewVersionForm(request.POST, request.FILES, prefix=f"version-{pk}")
    if not form.is_valid():
        return _invalid(request, form, old.meeting)
    return _done(
        request,
        old.meeting,
        lambda: services.add_document(
            old.meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            replaces=old,
            by=request.user,
        ),
        _("The new version was added; the previous one is kept."),
        form=form,
    )


@require_POST
def comment_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.view_members_area")
    document = get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)
    form = forms.DocumentCommentForm(request.POST, prefix=f"comment-{pk}")
    if not form.is_valid():
        return _invalid(request, form, document.meeting)
    return _done(
        request,
        document.meeting,
        lambda: services.comment_on_document(
            document, person=request.user, text=form.cleaned_data["text"]
        ),
        _("Your comment was added."),
        form=form,
    )


def document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.view_members_area")
    return documents.meeting_document_response(get_object_or_404(MeetingDocument, pk=pk))
