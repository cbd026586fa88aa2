"""Running events through the API, as on the officers' and researchers' pages: a researcher
proposes a meeting in their laboratory; the officers approve or reject it, record attendance
on the day and cancel an event (everyone registered is told). The same services as the pages
(`tandem.events.services`); their refusals are 409s with the services' own words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.events import (
    MAX_ID,
    EventDetailSerializer,
    ManageEvents,
    OfficerRegistrationSerializer,
)
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_text
from tandem.directory.models import ResearchUnit
from tandem.events import queries, services
from tandem.events.models import Event, Topic


def _user(request: Request) -> User:
    return cast(User, request.user)


def _officers_only(request: Request, view: APIView) -> None:
    # Before the event is looked up: every event is the officers' to see.
    if not ManageEvents().has_permission(request, view):
        raise PermissionDenied


def _event_out(request: Request, event: Event) -> dict[str, Any]:
    fresh = Event.objects.select_related("course", "unit").prefetch_related("sessions")
    return EventDetailSerializer(fresh.get(pk=event.pk), context={"request": request}).data  # type: ignore[no-any-return]


class LabMeetingInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_text])
    topic = serializers.ChoiceField(choices=Topic.choices)
    description = serializers.CharField(max_length=20_000, validators=[validate_text])
    unit = serializers.PrimaryKeyRelatedField(queryset=ResearchUnit.objects.all())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField(min_value=1, max_value=200)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["ends_at"] <= data["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": [_("A session must end after it starts.")]}
            )
        return data


def _reason(help_text: str) -> serializers.CharField:
    # Optional here: the service says when a reason is required (a 409 `reason_required`).
    return serializers.CharField(
        max_length=2000,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_text],
        help_text=help_text,
    )


class EventDecisionInSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = _reason("Required to reject: the researcher is told why.")


class CancellationInSerializer(serializers.Serializer):
    reason = _reason("Required: everyone registered is told why.")


def _ids() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), default=list, max_length=5000
    )


class AttendanceInSerializer(serializers.Serializer):
    attended = _ids()
    absent = _ids()


class AttendanceOutSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="How many marks changed.")


class LabMeetingsView(APIView):
    """POST (researchers): propose a meeting in a laboratory; it waits, `proposed`, for an
    officer's decision, and the officers are told."""

    @extend_schema(
        request=LabMeetingInSerializer,
        responses={201: EventDetailSerializer, **errors(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="events.propose_meeting",
            refusal=_("Only researchers propose laboratory meetings."),
            payload=LabMeetingInSerializer,
            call=lambda data: _propose(data, by=_user(request)),
            out=lambda event: _event_out(request, event),
            status=201,
        )


def _propose(data: dict[str, Any], *, by: User) -> Event:
    session = services.SessionData(data.pop("starts_at"), data.pop("ends_at"))
    return services.propose_lab_meeting(by=by, sessions=[session], **data)


def _officers_act(
    request: Request,
    view: APIView,
    pk: int,
    payload: type[serializers.Serializer],
    service: Callable[..., Event],
) -> Response:
    """An officer's decision on an event with its reason: the same service as the page."""
    _officers_only(request, view)
    event = get_object_or_404(Event, pk=pk)
    return act(
        request,
        payload=payload,
        call=lambda data: service(event, by=_user(request), **data),
        out=lambda changed: _event_out(request, changed),
    )


class EventDecisionView(APIView):
    """The officers approve (publish) or reject a proposed laboratory meeting (a rejection
    says why); the researcher is told."""

    @extend_schema(
        request=EventDecisionInSerializer,
        responses={200: EventDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        return _officers_act(request, self, pk, EventDecisionInSerializer, services.decide_proposal)


class EventCancellationView(APIView):
    """The officers cancel a published event, saying why: every registration is cancelled
    and its person told."""

    @extend_schema(
        request=CancellationInSerializer,
        responses={200: EventDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        return _officers_act(request, self, pk, CancellationInSerializer, services.cancel_event)


class EventAttendanceView(APIView):
    """GET (officers): the people holding a place, by name, with their mark. POST, on the day:
    the registrations present (`attended`) and absent (`absent`); a mark may be corrected."""

    @extend_schema(
        responses={
            200: OfficerRegistrationSerializer(many=True),
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        _officers_only(request, self)
        event = get_object_or_404(Event, pk=pk)
        rows = queries.attendance_list(event)
        return Response(OfficerRegistrationSerializer(rows, many=True).data)

    @extend_schema(
        request=AttendanceInSerializer,
        responses={200: AttendanceOutSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        _officers_only(request, self)
        event = get_object_or_404(Event, pk=pk)
        return act(
            request,
            payload=AttendanceInSerializer,
            call=lambda data: services.record_attendance(event, by=_user(request), **data),
            out=lambda changed: {"changed": changed},
        )


urlpatterns = [
    path("events/lab-meetings", LabMeetingsView.as_view(), name="api-lab-meetings"),
    path("events/<int:pk>/decision", EventDecisionView.as_view(), name="api-event-decision"),
    path(
        "events/<int:pk>/cancellation",
        EventCancellationView.as_view(),
        name="api-event-cancellation",
    ),
    path("events/<int:pk>/attendance", EventAttendanceView.as_view(), name="api-event-attendance"),
]
