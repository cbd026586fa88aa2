"""Events and training through the API: the calendar (public), an event with its remaining
places, registering and cancelling, officers' lists, one's own registrations and calendar
feed. The same queries and services as the pages."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import AccessibilityNeed, User
from tandem.api.actions import act, conflict, errors
from tandem.api.errors import error_body
from tandem.api.public import PublicListView, PublicView
from tandem.api.schema import public_read
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError
from tandem.directory.models import Region, ResearchUnit
from tandem.events import queries, services
from tandem.events.models import (
    Accessibility,
    Course,
    Eligibility,
    Event,
    EventKind,
    EventStatus,
    PlaceKind,
    Registration,
    Topic,
    Visibility,
)

MAX_ID = 2**31 - 1


def _user(request: Request) -> User:
    return cast(User, request.user)


def _conflict(exc: DomainError) -> Response:
    """A 409 that names, for a capacity below the places held, who would lose theirs."""
    if isinstance(exc, services.CapacityConflict):
        affected = {"move_to_waiting": [str(r.pk) for r in exc.affected]}
        return Response(error_body(str(exc), exc.code, affected), status=status.HTTP_409_CONFLICT)
    return conflict(exc)


class ManageEvents(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.is_authenticated and request.user.has_perm("events.manage_events"))


# --- Output ---------------------------------------------------------------------------------


class SessionSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    title = serializers.CharField(max_length=200, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["ends_at"] <= data["starts_at"]:
            raise serializers.ValidationError(_("A session must end after it starts."))
        return data


class CodeField(serializers.CharField):
    """A code of a choice set, as a plain string in the schema: the names `kind` and `status`
    are already enums of other apps' components (drf-spectacular would rename them)."""

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        self.codes = [str(code) for code, _label in choices]
        kwargs.setdefault("help_text", "One of: " + ", ".join(self.codes))
        super().__init__(max_length=20, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value not in self.codes:
            raise serializers.ValidationError("One of: " + ", ".join(self.codes))
        return value


class EventSummarySerializer(serializers.ModelSerializer):
    kind = CodeField(EventKind.choices, read_only=True)
    status = CodeField(EventStatus.choices, read_only=True)
    visibility = CodeField(Visibility.choices, read_only=True)
    places_left = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "kind",
            "title",
            "topic",
            "status",
            "visibility",
            "place_kind",
            "city",
            "region",
            "starts_at",
            "ends_at",
            "capacity",
            "places_taken",
            "places_left",
            "waiting_count",
            "registration_closes",
        ]


class EventDetailSerializer(EventSummarySerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    online_url = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    questions = serializers.ListField(source="question_list", child=serializers.CharField())

    class Meta(EventSummarySerializer.Meta):
        fields = [
            *EventSummarySerializer.Meta.fields,
            "description",
            "audience",
            "course",
            "unit",
            "address",
            "online_url",
            "registration_opens",
            "eligibility",
            "questions",
            "accessibility",
            "accessibility_notes",
            "sessions",
        ]

    def get_online_url(self, event: Event) -> str:
        """Only for the people who hold a place (and the officers)."""
        request = self.context["request"]
        user = request.user
        if not user.is_authenticated or event.place_kind != PlaceKind.ONLINE:
            return ""
        if user.has_perm("events.manage_events"):
            return event.online_url
        registration = queries.registration_of(user, event)
        return event.online_url if registration and registration.holds_a_place else ""

    def get_unit(self, event: Event) -> str:
        return event.unit.code if event.unit else ""


class RegistrationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="status")
    event = serializers.IntegerField(source="event_id")
    event_title = serializers.CharField(source="event.title")

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "state",
            "queue_number",
            "offered_until",
            "answers",
            "accessibility_needs",
            "accessibility_notes",
            "created",
        ]


class OfficerRegistrationSerializer(RegistrationSerializer):
    name = serializers.CharField(source="user.get_full_name")
    email = serializers.EmailField(source="user.email")

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "name", "email"]


class FeedSerializer(serializers.Serializer):
    url = serializers.URLField()


# --- Input ----------------------------------------------------------------------------------


class CalendarFiltersSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices, required=False, allow_blank=True)
    topic = serializers.ChoiceField(choices=Topic.choices, required=False, allow_blank=True)
    region = serializers.ChoiceField(choices=Region.choices, required=False, allow_blank=True)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def filters(self) -> queries.CalendarFilters:
        data = self.validated_data
        return queries.CalendarFilters(
            kind=data.get("kind", ""),
            topic=data.get("topic", ""),
            region=data.get("region", ""),
            start=data.get("start"),
            end=data.get("end"),
        )


class EventInSerializer(serializers.Serializer):
    kind = CodeField(EventKind.choices)
    title = serializers.CharField(max_length=200)
    topic = serializers.ChoiceField(choices=Topic.choices)
    description = serializers.CharField(max_length=20_000)
    audience = serializers.CharField(max_length=300, allow_blank=True, default="")
    course = serializers.PrimaryKeyRelatedField(
        queryset=Course.objects.all(), allow_null=True, default=None
    )
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices)
    unit = serializers.PrimaryKeyRelatedField(
        queryset=ResearchUnit.objects.all(), allow_null=True, default=None
    )
    address = serializers.CharField(max_length=300, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, allow_blank=True, default="")
    region = serializers.ChoiceField(choices=Region.choices, allow_blank=True, default="")
    online_url = serializers.URLField(allow_blank=True, default="")
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    registration_opens = serializers.DateTimeField()
    registration_closes = serializers.DateTimeField()
    confirm_hours = serializers.IntegerField(min_value=1, max_value=720, default=48)
    visibility = CodeField(
        Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="public: on the calendar for everyone; members: seen only by the members "
        "of its group or project, the people registered and the officers.",
    )
    eligibility = serializers.ChoiceField(choices=Eligibility.choices, default="everyone")
    questions = serializers.ListField(
        child=serializers.CharField(max_length=300), max_length=20, default=list
    )
    accessibility = serializers.ListField(
        child=serializers.ChoiceField(choices=Accessibility.choices), default=list
    )
    accessibility_notes = serializers.CharField(max_length=4000, allow_blank=True, default="")
    sessions = serializers.ListField(child=SessionSerializer(), allow_empty=False, max_length=20)
    move_to_waiting = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        help_text="When lowering the capacity below the places held: the registrations "
        "chosen to go back to the waiting list (a 409 names the candidates).",
    )


class RegisterInSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(max_length=2000, allow_blank=True), default=dict
    )
    accessibility_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessibilityNeed.choices), required=False
    )
    accessibility_notes = serializers.CharField(max_length=2000, allow_blank=True, required=False)


def _event_values(data: dict[str, Any]) -> tuple[dict[str, Any], list[services.SessionData]]:
    values = dict(data)
    sessions = [services.SessionData(**s) for s in values.pop("sessions")]
    values.pop("capacity", None)
    values.pop("move_to_waiting", None)
    values["questions"] = "\n".join(q.strip() for q in values.get("questions", []) if q.strip())
    return values, sessions


def _create_event(data: dict[str, Any], *, by: User) -> Event:
    values, sessions = _event_values(data)
    return services.create_event(by=by, fields=values, capacity=data["capacity"], sessions=sessions)


def _update_event(event: Event, given: dict[str, Any], *, by: User) -> None:
    """A PATCH: the fields given, then the capacity (which may move people to waiting)."""
    sessions = (
        [services.SessionData(**s) for s in given.pop("sessions")] if "sessions" in given else None
    )
    capacity = given.pop("capacity", None)
    move = given.pop("move_to_waiting", None)
    if "questions" in given:
        given["questions"] = "\n".join(q.strip() for q in given["questions"] if q.strip())
    if given or sessions is not None:
        services.update_event(event, by=by, fields=given, sessions=sessions)
    if capacity is not None:
        services.set_capacity(event, by=by, capacity=capacity, move_to_waiting=move)


def _event_out(request: Request, pk: int) -> dict[str, Any]:
    event = queries.event_detail(request.user, pk)
    return EventDetailSerializer(event, context={"request": request}).data  # type: ignore[no-any-return]


# --- Views ----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        parameters=[CalendarFiltersSerializer],
        responses={200: EventSummarySerializer(many=True), 400: ErrorSerializer},
    )
)
class EventListView(PublicListView):
    """The calendar: published events from today (or `start`) in date order, with the places
    left; members-only events for the people invited. POST (officers) creates an event with its sessions."""

    serializer_class = EventSummarySerializer

    def get_queryset(self) -> QuerySet[Event]:
        given = CalendarFiltersSerializer(data=self.request.query_params)
        given.is_valid(raise_exception=True)
        return queries.calendar(given.filters(), queries.audience_of(self.request.user))

    @extend_schema(
        request=EventInSerializer,
        responses={201: EventDetailSerializer, **errors(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed=ManageEvents().has_permission(request, self),
            refusal=str(PermissionDenied.default_detail),
            payload=EventInSerializer,
            call=lambda data: _create_event(data, by=_user(request)),
            out=lambda event: _event_out(request, event.pk),
            status=201,
            on_conflict=_conflict,
        )


class EventDetailView(PublicView):
    """An event: description, sessions, place, places left. PATCH (officers) changes it and
    its sessions; a capacity below the places held is a 409 naming the candidates."""

    @public_read(EventDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        event = queries.event_detail(request.user, pk)
        return Response(EventDetailSerializer(event, context={"request": request}).data)

    @extend_schema(
        request=EventInSerializer,
        responses={200: EventDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        # Officers only, before the event is looked up: every event is theirs to see.
        if not ManageEvents().has_permission(request, self):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=pk)
        return act(
            request,
            payload=EventInSerializer,
            partial=True,
            call=lambda data: _update_event(event, data, by=_user(request)),
            out=lambda _updated: _event_out(request, pk),
            on_conflict=_conflict,
        )


class EventRegistrationsView(APIView):
    """POST: register for the event (201; `state` is `registered`, or `waiting` when full).
    GET (officers): the event's registrations in arrival order."""

    @extend_schema(
        request=RegisterInSerializer,
        responses={201: RegistrationSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        event = queries.event_detail(request.user, pk)
        return act(
            request,
            payload=RegisterInSerializer,
            call=lambda data: services.register(event, user=_user(request), **data),
            out=lambda registration: RegistrationSerializer(registration).data,
            status=201,
            on_conflict=_conflict,
        )

    @extend_schema(
        responses={
            200: OfficerRegistrationSerializer(many=True),
            403: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        if not ManageEvents().has_permission(request, self):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=pk)
        rows = queries.registrations_for(event)
        return Response(OfficerRegistrationSerializer(rows, many=True).data)


class RegistrationView(APIView):
    """DELETE: cancel one's own registration (or place on the waiting list); a place freed is
    offered to the first person waiting. Answers the registration, now cancelled."""

    @extend_schema(
        responses={200: RegistrationSerializer, 404: ErrorSerializer, 409: ErrorSerializer}
    )
    def delete(self, request: Request, pk: int) -> Response:
        registration = get_object_or_404(
            Registration.objects.filter(user=_user(request)).select_related("event"), pk=pk
        )
        return act(
            request,
            call=lambda _data: services.cancel_registration(registration, by=_user(request)),
            out=lambda cancelled: RegistrationSerializer(cancelled).data,
            on_conflict=_conflict,
        )


class MyRegistrationsView(generics.ListAPIView):
    """Your registrations, newest events first."""

    serializer_class = RegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        return queries.registrations_of(_user(self.request))


class MyFeedView(APIView):
    """Your personal iCalendar feed address (GET makes it on first use; POST renews the secret
    token: the old address stops working)."""

    def _answer(self, request: Request, token: str, code: int) -> Response:
        url = request.build_absolute_uri(reverse("events:feed", args=[token]))
        return Response({"url": url}, status=code)

    @extend_schema(responses={200: FeedSerializer})
    def get(self, request: Request) -> Response:
        return self._answer(request, services.feed_of(_user(request)).token, 200)

    @extend_schema(request=None, responses={201: FeedSerializer})
    def post(self, request: Request) -> Response:
        return self._answer(request, services.renew_feed_token(_user(request)).token, 201)


urlpatterns = [
    path("events", EventListView.as_view(), name="api-events"),
    path("events/<int:pk>", EventDetailView.as_view(), name="api-event"),
    path(
        "events/<int:pk>/registrations",
        EventRegistrationsView.as_view(),
        name="api-event-registrations",
    ),
    path("registrations/<int:pk>", RegistrationView.as_view(), name="api-registration"),
    path("me/registrations", MyRegistrationsView.as_view(), name="api-my-registrations"),
    path("me/calendar-feed", MyFeedView.as_view(), name="api-my-feed"),
]
