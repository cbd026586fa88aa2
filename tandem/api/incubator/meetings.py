"""Meetings of working groups and projects through the API: the same service and reads as
the pages (`tandem.incubator.meetings`). A meeting is an event of the events module: register
for it with `POST /api/v1/events/{event}/registrations`."""

from __future__ import annotations

from typing import cast

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.events import CodeField
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_single_line
from tandem.events.models import PlaceKind, Visibility
from tandem.incubator import queries
from tandem.incubator.meetings import MeetingPlan, can_schedule, meetings_of, schedule_meeting
from tandem.incubator.models import Meeting, Project, WorkingGroup


class WorkMeetingOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    event = serializers.IntegerField(source="event_id")
    title = serializers.CharField(source="event.title")
    starts_at = serializers.DateTimeField(source="event.starts_at")
    ends_at = serializers.DateTimeField(source="event.ends_at")
    status = serializers.CharField(source="event.status")
    visibility = serializers.CharField(source="event.visibility")
    places_left = serializers.IntegerField(source="event.places_left")
    url = serializers.CharField(source="get_absolute_url")


# A working meeting is online or at an address (no "to be announced"): its own enum in the
# schema (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
MEETING_PLACE_CHOICES = [(kind.value, kind.label) for kind in (PlaceKind.ONLINE, PlaceKind.ADDRESS)]


class WorkMeetingInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    description = serializers.CharField(max_length=5000)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField(min_value=1, max_value=1000)
    place_kind = serializers.ChoiceField(choices=MEETING_PLACE_CHOICES, default=PlaceKind.ONLINE)
    address = serializers.CharField(
        max_length=300,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_single_line],
    )
    city = serializers.CharField(
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_single_line],
    )
    online_url = serializers.URLField(required=False, default="", allow_blank=True)
    visibility = CodeField(
        Visibility.choices,
        default=Visibility.MEMBERS,
        help_text="members (the default): seen only by the group's or project's members, the "
        "people registered and the officers; public: on the calendar for everyone.",
    )


def _list(request: Request, of: WorkingGroup | Project) -> Response:
    meetings = meetings_of(of, cast(User, request.user))
    return Response(WorkMeetingOutSerializer(meetings, many=True).data)


def _create(request: Request, of: WorkingGroup | Project) -> Response:
    user = cast(User, request.user)
    return act(
        request,
        allowed=can_schedule(user, of),
        refusal=_("Only the group's coordinator and the department's officers schedule meetings."),
        payload=WorkMeetingInSerializer,
        call=lambda data: schedule_meeting(of, by=user, plan=MeetingPlan(**data)),
        out=lambda meeting: (
            WorkMeetingOutSerializer(
                Meeting.objects.select_related("event").get(pk=meeting.pk)
            ).data
        ),
        status=201,
    )


class GroupMeetingsView(APIView):
    """A working group's meetings (those who see the group); POST schedules one (its
    coordinator and the department's officers)."""

    def _group(self, request: Request, pk: int) -> WorkingGroup:
        return get_object_or_404(queries.working_groups_for(cast(User, request.user)), pk=pk)

    @extend_schema(
        operation_id="working_groups_meetings_list",
        responses={200: WorkMeetingOutSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _list(request, self._group(request, pk))

    @extend_schema(
        operation_id="working_groups_meetings_create",
        request=WorkMeetingInSerializer,
        responses={201: WorkMeetingOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        return _create(request, self._group(request, pk))


class ProjectMeetingsView(APIView):
    """A project's meetings (those who see the project); POST schedules one (the
    department's officers)."""

    def _project(self, request: Request, pk: int) -> Project:
        return get_object_or_404(queries.projects_of(cast(User, request.user)), pk=pk)

    @extend_schema(
        operation_id="projects_meetings_list",
        responses={200: WorkMeetingOutSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _list(request, self._project(request, pk))

    @extend_schema(
        operation_id="projects_meetings_create",
        request=WorkMeetingInSerializer,
        responses={201: WorkMeetingOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        return _create(request, self._project(request, pk))


urlpatterns = [
    path(
        "working-groups/<int:pk>/meetings",
        GroupMeetingsView.as_view(),
        name="api-working-group-meetings",
    ),
    path("projects/<int:pk>/meetings", ProjectMeetingsView.as_view(), name="api-project-meetings"),
]
