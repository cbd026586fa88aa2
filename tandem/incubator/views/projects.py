"""Participatory projects: propose, see and edit them, follow them through the stages, their
timeline, milestones, partners and recorded contributions. The reads across projects (the
portfolio, a person's contributions) are in `portfolio`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.models import Role, User
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.directory.models import DiseaseArea
from tandem.incubator import forms, queries, services
from tandem.incubator.meetings import can_schedule, meetings_of
from tandem.incubator.models import (
    PROJECT_TRANSITIONS,
    Milestone,
    Project,
    ProjectStage,
    SupportKind,
)
from tandem.incubator.stages import STAGES
from tandem.incubator.suggestions import suggested_partners
from tandem.incubator.views.common import file_response, form_errors, require, show


def _project(request: AuthenticatedHttpRequest, pk: int) -> Project:
    # A project the person may not see is "not found": its existence is confidential too.
    return get_object_or_404(queries.projects_of(request.user), pk=pk)


def _manages(request: AuthenticatedHttpRequest) -> bool:
    return bool(request.user.has_perm("incubator.manage_projects"))


def _manager_only(request: AuthenticatedHttpRequest, pk: int) -> Project:
    project = _project(request, pk)
    if not _manages(request):
        raise PermissionDenied
    return project


def projects(request: AuthenticatedHttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    listed = queries.project_list(queries.projects_of(request.user))
    if stage in ProjectStage.values:
        listed = listed.filter(stage=stage)
    page = Paginator(listed, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "incubator/projects.html",
        {"page": page, "stage": stage, "stages": ProjectStage.choices},
    )


def propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request, "incubator.propose_project")
    form = forms.ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = getattr(request.user, "researcher_profile", None)
        is_researcher = request.user.has_role(Role.RESEARCHER)
        project = services.propose_project(
            request.user,
            title=data["title"],
            question=data["question"],
            why_it_matters=data["why_it_matters"],
            help_needed=data["help_needed"],
            disease_areas=DiseaseArea.objects.filter(pk__in=data["disease_areas"]),
            organizations=data.get("organizations") or [],
            researchers=[request.user] if is_researcher else [],
            units=[profile.unit] if is_researcher and profile and profile.unit else [],
        )
        messages.success(request, _("Your project is proposed. An officer will contact you."))
        return redirect(project)
    return show(request, "incubator/propose.html", {"form": form})


def project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(queries.project_detail(queries.projects_of(request.user)), pk=pk)
    manages = _manages(request)
    # The timeline and the contributions are the project's inside: its participants and the
    # officers read them; whoever else opens the page sees its public part only.
    takes_part = queries.takes_part(request.user, obj)
    stage = STAGES[obj.stage]
    context: dict[str, Any] = {
        "project": obj,
        "stage": stage,
        "stage_number": ProjectStage.values.index(obj.stage) + 1,
        "stage_count": len(ProjectStage.values),
        "checklist": [(code, label, code in obj.checklist_done) for code, label in stage.checklist],
        "help_labels": [SupportKind(code).label for code in obj.help_needed],
        "late_count": sum(1 for m in obj.milestones.all() if m.is_late),
        "manages": manages,
        "takes_part": takes_part,
        "following": obj.followers.filter(pk=request.user.pk).exists(),
        "may_follow": queries.may_follow(request.user, obj),
        "agreements": obj.agreements.select_related("template"),
        "meetings": meetings_of(obj, request.user),
        "schedule_url": reverse("incubator:project_meeting_new", args=[obj.pk])
        if can_schedule(request.user, obj)
        else "",
    }
    if takes_part:
        context["timeline"] = obj.timeline.select_related("author")[:50]
        context["contributions"] = obj.contributions.select_related("volunteer")
        context["timeline_form"] = forms.TimelineForm()
        if obj.stage != ProjectStage.CLOSED:
            context["suggestions"] = suggested_partners(obj, viewer=request.user)
    if manages:
        targets = PROJECT_TRANSITIONS[obj.stage]
        move = forms.MoveForm(targets=frozenset(targets))
        context.update(
            move_form=move if targets else None,
            checklist_form=forms.ChecklistForm(
                initial={"done": obj.checklist_done}, items=stage.checklist
            ),
            followup_form=forms.FollowUpForm(
                initial={
                    "officer": obj.officer_id,
                    "institute": obj.institute_id,
                    "regional_office": obj.regional_office_id,
                }
            ),
            milestone_form=forms.MilestoneForm(),
            researcher_form=forms.ResearcherForm(),
            contribution_form=forms.ContributionForm(),
        )
    return render(request, "incubator/project.html", context)


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _project(request, pk)
    if not (_manages(request) or obj.proposed_by_id == request.user.pk):
        raise PermissionDenied
    initial = {name: getattr(obj, name) for name in services.EDITABLE}
    form = forms.ProjectDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        try:
            services.update_project(obj, by=request.user, changes=changes)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The project is saved."))
            return redirect(obj)
    return show(request, "incubator/project_edit.html", {"form": form, "project": obj})


def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    form = forms.MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_project(
                obj,
                to=data["to"],
                by=request.user,
                confirm_incomplete=data["confirm"],
                note=data["note"],
            )
        except services.ChecklistIncomplete as exc:
            # Ask: the same form, with the missing items and the confirmation box.
            return render(
                request,
                "incubator/move_confirm.html",
                {
                    "project": obj,
                    "form": form,
                    "missing": exc.missing,
                    "to": ProjectStage(data["to"]).label,
                },
                status=409,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The project has moved to its new stage."))
        return redirect(obj)
    if request.method == "POST":
        messages.error(request, _("Choose a stage."))
    return redirect(obj)


@require_POST
def checklist(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    form = forms.ChecklistForm(request.POST, items=STAGES[obj.stage].checklist)
    if form.is_valid():
        services.tick_checklist(obj, done=form.cleaned_data["done"], by=request.user)
        messages.success(request, _("The checklist is saved."))
    else:
        messages.error(request, _("This item is not on the stage's checklist."))
    return redirect(obj)


@require_POST
def follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    form = forms.FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose from the lists."))
        return redirect(obj)
    data = form.cleaned_data
    try:
        if data["officer"] is not None:
            services.assign_officer(obj, officer=data["officer"], by=request.user)
        services.link_project(
            obj,
            institute=data["institute"],
            regional_office=data["regional_office"],
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The follow-up is saved."))
    return redirect(obj)


@require_POST
def follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _project(request, pk)
    if not queries.may_follow(request.user, obj):
        raise PermissionDenied
    wanted = request.POST.get("follow") != "0"
    services.follow_project(obj, by=request.user, follow=wanted)
    messages.success(
        request,
        _("You follow this project.") if wanted else _("You no longer follow this project."),
    )
    return redirect(obj)


@require_POST
def add_entry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _project(request, pk)
    if not queries.takes_part(request.user, obj):
        raise PermissionDenied
    form = forms.TimelineForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_timeline_entry(
                obj,
                kind=data["kind"],
                text=data["text"],
                by=request.user,
                upload=data["file"],
                file_kind=form.file_kind,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Added to the timeline."))
    else:
        messages.error(request, form_errors(form))
    return redirect(obj)


def entry_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    # A document of a timeline one may not read is "not found", like the timeline itself.
    entry = get_object_or_404(queries.timeline_of(request.user).exclude(file=""), pk=pk)
    return file_response(entry.file, name=entry.original_filename, kind=entry.file_kind)


@require_POST
def add_milestone(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    form = forms.MilestoneForm(request.POST)
    if form.is_valid():
        services.add_milestone(obj, by=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone is added."))
    else:
        messages.error(request, _("Give the milestone a title and a date."))
    return redirect(obj)


@require_POST
def milestone_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(
        Milestone.objects.filter(project__in=queries.projects_of(request.user)), pk=pk
    )
    if not _manages(request):
        raise PermissionDenied
    services.complete_milestone(milestone, on=timezone.localdate(), by=request.user)
    messages.success(request, _("The milestone is reached."))
    return redirect(milestone.project)


@require_POST
def add_partner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _project(request, pk)
    if not (_manages(request) or obj.proposed_by_id == request.user.pk):
        raise PermissionDenied
    form = forms.PartnerForm(request.POST)
    if form.is_valid():
        services.add_partner(obj, organization=form.cleaned_data["organization"], by=request.user)
        messages.success(request, _("The organization is added to the project."))
    else:
        messages.error(request, _("Choose an organization."))
    return redirect(obj)


@require_POST
def add_researcher(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    person = None
    if "researcher-person" in request.POST:  # one of the researchers the page suggests
        suggested = forms.SuggestedResearcherForm(request.POST)
        if suggested.is_valid():
            person = suggested.cleaned_data["person"]
    else:
        form = forms.ResearcherForm(request.POST)
        if form.is_valid():
            person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
    if person is None:
        messages.error(request, _("Nobody in Tandem has this email address."))
        return redirect(obj)
    try:
        services.add_partner(obj, researcher=person, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The researcher is added to the project."))
    return redirect(obj)


@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    try:
        services.publish_project(obj, public=request.POST.get("public") == "1", by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The public page is updated."))
    return redirect(obj)


@require_POST
def add_contribution(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _manager_only(request, pk)
    form = forms.ContributionForm(request.POST)
    volunteer = None
    if form.is_valid():
        volunteer = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
    if volunteer is None:
        messages.error(
            request, _("Give the email address of a person in Tandem, the hours and the date.")
        )
        return redirect(obj)
    data = form.cleaned_data
    try:
        services.record_contribution(
            obj,
            volunteer=volunteer,
            role=data["role"],
            hours=data["hours"],
            on=data["on"],
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The contribution is recorded."))
    return redirect(obj)
