"""The GRAM's meetings through the API: the list and one meeting with its agenda, documents,
attendance, proxies and quorum; the secretariat plans them (one by one or a year's), convenes,
opens, closes or cancels them; agenda items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, refused
from tandem.api.governance._common import SECRETARIAT, WRITE, _body, _meeting, _user
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_single_line
from tandem.governance import queries, services
from tandem.governance.models import AgendaItem, Meeting


class ItemOutSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    proposal = serializers.IntegerField(source="proposal_id", allow_null=True)
    conflicts = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "title",
            "description",
            "owner",
            "duration_minutes",
            "proposal",
            "conflicts",
            "votes",
        ]

    def get_conflicts(self, item: AgendaItem) -> list[int]:
        return [c.mandate_id for c in item.conflicts.all()]

    def get_votes(self, item: AgendaItem) -> list[int]:
        return [v.pk for v in item.votes.all()]


class MeetingOutSerializer(serializers.ModelSerializer):
    status = serializers.CharField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_url",
            "status",
            "convened_at",
        ]


class MeetingDetailSerializer(MeetingOutSerializer):
    agenda = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()
    proxies = serializers.SerializerMethodField()
    quorum = serializers.SerializerMethodField()

    class Meta(MeetingOutSerializer.Meta):
        fields = [
            *MeetingOutSerializer.Meta.fields,
            "agenda",
            "documents",
            "attendance",
            "proxies",
            "quorum",
        ]

    def get_agenda(self, meeting: Meeting) -> list[dict[str, Any]]:
        return ItemOutSerializer(meeting.items.all(), many=True).data  # type: ignore[return-value]

    def get_documents(self, meeting: Meeting) -> list[dict[str, Any]]:
        return [
            {
                "id": d.pk,
                "title": d.title,
                "version": d.version,
                "sent_with_convocation": d.frozen_at is not None,
                "late": d.late,
                "replaces": d.previous_id,
                "download_url": d.get_download_url(),
            }
            for d in meeting.documents.all()
        ]

    def get_attendance(self, meeting: Meeting) -> list[dict[str, Any]]:
        return [
            {
                "mandate": a.mandate_id,
                "college": a.mandate.college.code,
                "answer": a.answer,
                "presence": a.presence,
            }
            for a in queries.attendance_of(meeting)
        ]

    def get_proxies(self, meeting: Meeting) -> list[dict[str, Any]]:
        return [
            {"id": p.pk, "principal": p.principal_id, "holder": p.holder_id}
            for p in queries.active_proxies(meeting)
        ]

    def get_quorum(self, meeting: Meeting) -> dict[str, Any]:
        return queries.quorum(meeting).as_dict()


class MeetingInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    video_url = serializers.URLField(required=False, allow_blank=True, default="")


class MeetingStatusInSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["convene", "open", "close", "cancel"])


class ItemInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, validators=[validate_single_line])
    duration_minutes = serializers.IntegerField(min_value=1, max_value=480, default=15)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class PlanYearInSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    place = serializers.CharField(max_length=300, validators=[validate_single_line])


def _detail(meeting: Meeting) -> dict[str, Any]:
    return MeetingDetailSerializer(queries.meeting_detail(meeting.pk)).data  # type: ignore[return-value]


class MeetingsView(APIView):
    """GET the meetings (members, the director and the secretariat). POST plans one (the
    secretariat)."""

    @extend_schema(
        responses={200: MeetingOutSerializer(many=True), 403: ErrorSerializer},
        operation_id="governance_meetings_list",
    )
    def get(self, request: Request) -> Response:
        if not _user(request).has_perm("governance.view_members_area"):
            return refused()
        body = queries.the_body()
        if body is None:
            return Response([])
        return Response(MeetingOutSerializer(queries.meetings_of(body), many=True).data)

    @extend_schema(
        request=MeetingInSerializer,
        responses={201: MeetingDetailSerializer, **WRITE},
        operation_id="governance_meetings_create",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.schedule_meeting(_body(), by=_user(request), **data),
            out=_detail,
            payload=MeetingInSerializer,
            status=201,
        )


class MeetingView(APIView):
    """A meeting with its agenda, documents, attendance, proxies and the quorum now."""

    @extend_schema(
        responses={200: MeetingDetailSerializer, 404: ErrorSerializer},
        operation_id="governance_meeting_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_meeting(request, pk)))


MEETING_ACTIONS: dict[str, Callable[..., Any]] = {
    "convene": lambda m, by: services.convene(m, by=by)[0],
    "open": services.open_meeting,
    "close": services.close_meeting,
    "cancel": services.cancel_meeting,
}


class MeetingStatusView(APIView):
    """The secretariat convenes (convocation, documents frozen, members notified), opens,
    closes or cancels the meeting."""

    @extend_schema(
        request=MeetingStatusInSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
        operation_id="governance_meeting_status",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: MEETING_ACTIONS[data["action"]](meeting, by=_user(request)),
            out=_detail,
            payload=MeetingStatusInSerializer,
        )


class AgendaView(APIView):
    """Add an item to the agenda (the secretariat, or a member proposing one)."""

    @extend_schema(
        request=ItemInSerializer,
        responses={201: ItemOutSerializer, **WRITE},
        operation_id="governance_agenda_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        user = _user(request)
        return act(
            request,
            allowed=user.has_perm("governance.run_secretariat")
            or queries.meeting_mandate(user, meeting) is not None,
            refusal=_("Only members and the secretariat can add agenda items."),
            payload=ItemInSerializer,
            call=lambda data: services.add_agenda_item(meeting, by=user, **data),
            out=lambda item: ItemOutSerializer(item).data,
            status=201,
        )


class PlanYearView(APIView):
    """The secretariat proposes one meeting per quarter of `year` that has none. Answers the
    meetings planned (none when every quarter has one)."""

    @extend_schema(
        request=PlanYearInSerializer,
        responses={201: MeetingOutSerializer(many=True), **WRITE},
        operation_id="governance_meetings_plan",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed=SECRETARIAT,
            payload=PlanYearInSerializer,
            call=lambda data: services.plan_year(_body(), by=_user(request), **data),
            out=lambda planned: MeetingOutSerializer(planned, many=True).data,
            status=201,
        )
