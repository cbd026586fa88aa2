"""Working groups: members, coordinator, updates, documents and a simple discussion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.models import User
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import forms, queries, services
from tandem.incubator.meetings import can_schedule, meetings_of
from tandem.incubator.models import GroupPost, WorkingGroup
from tandem.incubator.views.common import file_response, form_errors, require, show


def _group(request: AuthenticatedHttpRequest, pk: int) -> WorkingGroup:
    return get_object_or_404(queries.working_groups_for(request.user), pk=pk)


def _runs(request: AuthenticatedHttpRequest, group: WorkingGroup) -> bool:
    return queries.runs_group(request.user, group)


def groups(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "incubator/groups.html", {"groups": queries.working_groups_for(request.user)}
    )


def new_group(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request, "incubator.manage_groups")
    form = forms.WorkingGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        coordinator = User.objects.filter(email__iexact=data["coordinator_email"]).first()
        if coordinator is None:
            form.add_error("coordinator_email", _("Nobody in Tandem has this email address."))
        else:
            group = services.create_working_group(
                request.user,
                name=data["name"],
                purpose=data["purpose"],
                coordinator=coordinator,
                is_public=data["is_public"],
            )
            messages.success(request, _("The working group is created."))
            return redirect(group)
    return show(request, "incubator/group_new.html", {"form": form})


def group(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _group(request, pk)
    member = queries.is_group_member(request.user, obj)
    runs = _runs(request, obj)
    inside = member or runs
    return render(
        request,
        "incubator/group.html",
        {
            "group": obj,
            "inside": inside,
            "runs": runs,
            "members": obj.members.all() if inside else [],
            "posts": queries.group_posts(obj)[:100] if inside else [],
            "post_form": forms.PostForm() if inside else None,
            "member_form": forms.MemberForm() if runs else None,
            "meetings": meetings_of(obj, request.user) if inside else [],
            "schedule_url": reverse("incubator:group_meeting_new", args=[obj.pk])
            if can_schedule(request.user, obj)
            else "",
        },
    )


@require_POST
def post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _group(request, pk)
    if not (queries.is_group_member(request.user, obj) or _runs(request, obj)):
        raise PermissionDenied
    form = forms.PostForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.post_to_group(
                obj,
                kind=data["kind"],
                text=data["text"],
                upload=data["file"],
                file_kind=form.file_kind,
                by=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Posted to the group."))
    else:
        messages.error(request, form_errors(form))
    return redirect(obj)


@require_POST
def add_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _group(request, pk)
    if not _runs(request, obj):
        raise PermissionDenied
    form = forms.MemberForm(request.POST)
    person = (
        User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if form.is_valid()
        else None
    )
    if person is None:
        messages.error(request, _("Nobody in Tandem has this email address."))
    else:
        services.add_group_member(obj, person=person, by=request.user)
        messages.success(request, _("%(name)s joins the group.") % {"name": person.get_full_name()})
    return redirect(obj)


@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _group(request, pk)
    if not _runs(request, obj):
        raise PermissionDenied
    services.publish_group(obj, public=request.POST.get("public") == "1", by=request.user)
    messages.success(request, _("The public page is updated."))
    return redirect(obj)


def post_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(
        GroupPost.objects.exclude(file="").filter(
            group__in=queries.working_groups_for(request.user)
        ),
        pk=pk,
    )
    if not queries.reads_group_files(request.user, item.group):
        raise PermissionDenied
    return file_response(item.file, name=item.original_filename, kind=item.file_kind)
