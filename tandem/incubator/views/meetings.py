"""Scheduling a working group's or a project's meeting: an event of the events module."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import queries
from tandem.incubator.meeting_forms import MeetingForm
from tandem.incubator.meetings import can_schedule, schedule_meeting
from tandem.incubator.models import Project, WorkingGroup
from tandem.incubator.views.common import show


def _schedule(request: AuthenticatedHttpRequest, of: WorkingGroup | Project) -> HttpResponse:
    if not can_schedule(request.user, of):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = schedule_meeting(of, by=request.user, plan=form.plan())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is scheduled and on the calendar of events."))
            return redirect(meeting.event)
    return show(request, "incubator/meeting_new.html", {"form": form, "of": of})


def schedule_group_meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _schedule(request, get_object_or_404(queries.working_groups_for(request.user), pk=pk))


def schedule_project_meeting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _schedule(request, get_object_or_404(queries.projects_of(request.user), pk=pk))
