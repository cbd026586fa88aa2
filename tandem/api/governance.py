"""The GRAM's API under /api/v1/governance/: the body, mandates, meetings (agenda, convocation,
attendance, proxies, conflicts of interest, votes and ballots) and proposals (co-signatures,
agenda, transmission, the Directorate General's answer, actions). Every write calls the same
service as the pages; a refusal is a 409 with the service's code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors, refused, valid
from tandem.api.serializers import ErrorSerializer
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line
from tandem.directory.models import Organization
from tandem.governance import queries, services
from tandem.governance import report as year_report
from tandem.governance.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Amendment,
    AttendanceAnswer,
    Body,
    Choice,
    College,
    Decision,
    DocumentComment,
    Majority,
    Mandate,
    MandateRole,
    Meeting,
    MeetingDocument,
    Minutes,
    Presence,
    Proposal,
    Vote,
    VoteMethod,
)


def _user(request: Request) -> User:
    return cast(User, request.user)


def _codes(values: list[str]) -> str:
    return "One of: " + ", ".join(values) + "."


def _body() -> Body:
    body = queries.the_body()
    if body is None:
        raise Http404
    return body


WRITE = errors(400, 403, 404, 409)


# --- Output ---------------------------------------------------------------------------------


class CollegeOutSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        source="label", read_only=True, help_text="In the caller's language."
    )

    class Meta:
        model = College
        fields = ["id", "code", "name", "seats"]


class BodyOutSerializer(serializers.ModelSerializer):
    colleges = CollegeOutSerializer(many=True, read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "slug",
            "notice_days",
            "amendment_days",
            "answer_days",
            "colleges",
            "quorum",
        ]

    def get_quorum(self, body: Body) -> dict[str, Any] | None:
        rule = queries.current_quorum_rule(body)
        if rule is None:
            return None
        return {
            "version": rule.version,
            "overall_percent": rule.overall_percent,
            "college_percent": rule.college_percent,
            "count_proxies": rule.count_proxies,
        }


class MandateOutSerializer(serializers.ModelSerializer):
    college = serializers.CharField(source="college.code")
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.get_full_name")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    role = serializers.CharField(help_text=_codes(MandateRole.values))

    class Meta:
        model = Mandate
        fields = [
            "id",
            "college",
            "seat",
            "person",
            "name",
            "organization",
            "role",
            "start",
            "end",
            "renews",
        ]


class VoteOutSerializer(serializers.ModelSerializer):
    method = serializers.CharField(help_text=_codes(VoteMethod.values))
    majority = serializers.CharField(help_text=_codes(Majority.values))
    status = serializers.CharField()
    result = serializers.SerializerMethodField(
        help_text="The frozen record (quorum, electorate, who voted through whom, counts), once closed."
    )
    voted = serializers.SerializerMethodField()

    class Meta:
        model = Vote
        fields = [
            "id",
            "item",
            "question",
            "method",
            "majority",
            "status",
            "adopted",
            "closed_at",
            "voted",
            "result",
        ]

    def get_result(self, vote: Vote) -> dict[str, Any] | None:
        return vote.record if queries.can_see_result(vote) else None

    def get_voted(self, vote: Vote) -> list[dict[str, int]]:
        return [{"mandate": b.mandate_id, "cast_by": b.cast_by_id} for b in vote.ballots.all()]


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


class ActionOutSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id")
    status = serializers.CharField(help_text=_codes(ActionStatus.values))

    class Meta:
        model = Action
        fields = ["id", "title", "owner", "due", "status", "progress", "evidence"]


class ProposalOutSerializer(serializers.ModelSerializer):
    author = serializers.IntegerField(source="author_id")
    status = serializers.CharField()
    waiting_days = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    cosigners = serializers.SerializerMethodField()
    actions = ActionOutSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "title",
            "text",
            "rationale",
            "expected_impact",
            "easy_read_summary",
            "author",
            "status",
            "clarity_score",
            "transmitted_at",
            "answer_due",
            "waiting_days",
            "answer",
            "cosigners",
            "actions",
        ]

    def get_waiting_days(self, proposal: Proposal) -> int | None:
        return queries.waiting_days(proposal)

    def get_answer(self, proposal: Proposal) -> dict[str, Any] | None:
        answer = getattr(proposal, "answer", None)
        if answer is None:
            return None
        return {
            "decision": answer.decision,
            "reason": answer.reason,
            "at": answer.created.isoformat(),
        }

    def get_cosigners(self, proposal: Proposal) -> list[int]:
        return [c.person_id for c in proposal.cosignatures.all()]


# --- Input ----------------------------------------------------------------------------------


class MandateInSerializer(serializers.Serializer):
    college = serializers.CharField(help_text="The college's code.")
    person = serializers.IntegerField()
    organization = serializers.IntegerField(required=False, allow_null=True, default=None)
    role = serializers.ChoiceField(choices=MandateRole.values, default=MandateRole.MEMBER)
    start = serializers.DateField()
    end = serializers.DateField()
    seat = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


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


class ProposalAnswerInSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=[AttendanceAnswer.YES.value, AttendanceAnswer.NO.value]
    )


class CheckInSerializer(serializers.Serializer):
    mandate = serializers.IntegerField()
    presence = serializers.ChoiceField(choices=Presence.values)


class ProxyInSerializer(serializers.Serializer):
    holder = serializers.IntegerField(help_text="The mandate of the member who will vote for you.")


class ConflictInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class VoteInSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=300, validators=[validate_single_line])
    method = serializers.ChoiceField(choices=VoteMethod.values, default=VoteMethod.OPEN)
    majority = serializers.ChoiceField(choices=Majority.values, default=Majority.SIMPLE)


class BallotInSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Choice.values)
    for_mandate = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A member: the mandate whose proxy you hold. The secretariat: the member "
        "whose vote you record.",
    )


class ProposalInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    text = serializers.CharField()
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    expected_impact = serializers.CharField(required=False, allow_blank=True, default="")
    easy_read_summary = serializers.CharField(required=False, allow_blank=True, default="")


class ScheduleInSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()


class DecisionInSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.values)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ActionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, validators=[validate_single_line])
    owner = serializers.IntegerField()
    due = serializers.DateField()


class ProgressInSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.values)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


# --- The body and mandates ------------------------------------------------------------------


class BodiesView(APIView):
    """The governance bodies (the GRAM): colleges, seats, quorum rules."""

    @extend_schema(
        responses={200: BodyOutSerializer(many=True)}, operation_id="governance_bodies_list"
    )
    def get(self, request: Request) -> Response:
        bodies = Body.objects.prefetch_related("colleges")
        return Response(BodyOutSerializer(bodies, many=True).data)


class MandatesView(APIView):
    """GET the current mandates (the composition). POST records a mandate (the secretariat)."""

    @extend_schema(
        responses={200: MandateOutSerializer(many=True)}, operation_id="governance_mandates_list"
    )
    def get(self, request: Request) -> Response:
        body = queries.the_body()
        if body is None:
            return Response([])
        mandates = queries.current_mandates(body).select_related("college", "person")
        return Response(MandateOutSerializer(mandates, many=True).data)

    @extend_schema(
        request=MandateInSerializer,
        responses={201: MandateOutSerializer, **WRITE},
        operation_id="governance_mandates_create",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="governance.run_secretariat",
            payload=MandateInSerializer,
            call=lambda data: _appoint(data, by=_user(request)),
            out=lambda m: MandateOutSerializer(m).data,
            status=201,
        )


def _appoint(data: dict[str, Any], *, by: User) -> Mandate:
    college = get_object_or_404(College, body=_body(), code=data.pop("college"))
    person = get_object_or_404(User, pk=data.pop("person"))
    org_id = data.pop("organization")
    organization = get_object_or_404(Organization, pk=org_id) if org_id else None
    return services.appoint(college, person=person, organization=organization, by=by, **data)


# --- Meetings -------------------------------------------------------------------------------


def _meeting(request: Request, pk: int) -> Meeting:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(Meeting, pk=pk)


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


class AttendanceView(APIView):
    """A member answers the convocation (yes or no)."""

    @extend_schema(
        request=ProposalAnswerInSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
        operation_id="governance_attendance_answer",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.answer_convocation(
                meeting, person=_user(request), answer=data["answer"]
            ),
            out=lambda _a: _detail(meeting),
            payload=ProposalAnswerInSerializer,
        )


class CheckInView(APIView):
    """The secretariat records a member's presence (room, remote, absent); a proxy the member
    gave ends."""

    @extend_schema(
        request=CheckInSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
        operation_id="governance_attendance_check_in",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.check_in(
                meeting,
                mandate=get_object_or_404(Mandate, pk=data["mandate"], college__body=meeting.body),
                presence=data["presence"],
                by=_user(request),
            ),
            out=lambda _a: _detail(meeting),
            payload=CheckInSerializer,
        )


class ProxiesView(APIView):
    """A member gives their proxy to a member of the same college for this meeting."""

    @extend_schema(
        request=ProxyInSerializer,
        responses={201: MeetingDetailSerializer, **WRITE},
        operation_id="governance_proxies_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.give_proxy(
                meeting, person=_user(request), holder=get_object_or_404(Mandate, pk=data["holder"])
            ),
            out=lambda _p: _detail(meeting),
            payload=ProxyInSerializer,
            status=201,
        )


def _item(request: Request, pk: int) -> AgendaItem:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)


class ConflictView(APIView):
    """A member declares a conflict of interest on an item (out of its vote and quorum)."""

    @extend_schema(
        request=ConflictInSerializer,
        responses={201: ItemOutSerializer, **WRITE},
        operation_id="governance_conflicts_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = _item(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.declare_conflict(
                item, person=_user(request), reason=data["reason"]
            ),
            out=lambda _c: ItemOutSerializer(item).data,
            payload=ConflictInSerializer,
            status=201,
        )


class OpenVoteView(APIView):
    """The secretariat opens a vote on an item (refused without quorum)."""

    @extend_schema(
        request=VoteInSerializer,
        responses={201: VoteOutSerializer, **WRITE},
        operation_id="governance_votes_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        item = _item(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.open_vote(item, by=_user(request), **data),
            out=lambda v: VoteOutSerializer(v).data,
            payload=VoteInSerializer,
            status=201,
        )


def _vote(request: Request, pk: int) -> Vote:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(Vote.objects.select_related("item__meeting__body"), pk=pk)


class VoteView(APIView):
    """A vote: who voted and through whom; the result only once it is closed."""

    @extend_schema(
        responses={200: VoteOutSerializer, 404: ErrorSerializer},
        operation_id="governance_vote_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(VoteOutSerializer(_vote(request, pk)).data)


class BallotView(APIView):
    """A member votes (for themselves, or with `for_mandate` for the member whose proxy they
    hold); the secretariat records a member's vote with `for_mandate`."""

    @extend_schema(
        request=BallotInSerializer,
        responses={201: VoteOutSerializer, **WRITE},
        operation_id="governance_ballots_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = _vote(request, pk)
        user = _user(request)
        mine = queries.meeting_mandate(user, vote.item.meeting)
        if mine is None and not user.has_perm("governance.run_secretariat"):
            return refused(_("Only members of the body can vote."))
        data = valid(BallotInSerializer, request)
        target = data["for_mandate"]
        if mine is not None:
            principal = get_object_or_404(Mandate, pk=target) if target else mine
            cast_by = mine
        elif user.has_perm("governance.run_secretariat") and target:
            principal = cast_by = get_object_or_404(Mandate, pk=target)
        else:
            return refused(_("Only members of the body can vote."))
        return act(
            request,
            call=lambda _data: services.cast_ballot(
                vote, mandate=principal, cast_by=cast_by, choice=data["choice"], by=user
            ),
            out=lambda _b: VoteOutSerializer(vote).data,
            status=201,
        )


class CloseVoteView(APIView):
    """The secretariat closes the vote: the record is frozen and the result published."""

    @extend_schema(
        request=None,
        responses={200: VoteOutSerializer, **WRITE},
        operation_id="governance_vote_close",
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = _vote(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda _data: services.close_vote(vote, by=_user(request)),
            out=lambda v: VoteOutSerializer(v).data,
        )


# --- Minutes --------------------------------------------------------------------------------


class MinutesOutSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting_id")
    status = serializers.CharField()
    approved_at = serializers.IntegerField(source="approved_at_id", allow_null=True)
    versions = serializers.SerializerMethodField()
    amendments = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField(
        help_text="Per agenda item: the discussion, the decision or outcome, the proposal."
    )

    class Meta:
        model = Minutes
        fields = [
            "id",
            "meeting",
            "status",
            "is_public",
            "amendments_until",
            "approved_at",
            "versions",
            "amendments",
            "items",
        ]

    def get_versions(self, minutes: Minutes) -> list[dict[str, Any]]:
        return [
            {"number": v.number, "text": v.text, "note": v.note, "created": v.created.isoformat()}
            for v in minutes.versions.all()
        ]

    def get_amendments(self, minutes: Minutes) -> list[dict[str, Any]]:
        return [
            {"id": a.pk, "line": a.line, "replacement": a.replacement, "status": a.status}
            for a in minutes.amendments.all()
        ]

    def get_items(self, minutes: Minutes) -> list[dict[str, Any]]:
        return [
            {
                "item": r.item_id,
                "title": r.item.title,
                "position": r.item.position,
                "discussion": r.discussion,
                "outcome": r.outcome,
                "proposal": r.proposal_id,
            }
            for r in minutes.item_records.all()
        ]


class AmendmentInSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1)
    replacement = serializers.CharField(allow_blank=True)


class AmendmentDecisionInSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class ApproveInSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        help_text="The later meeting, in progress, that approves them."
    )
    is_public = serializers.BooleanField(default=True)


def _minutes_out(minutes: Minutes) -> dict[str, Any]:
    fresh = Minutes.objects.prefetch_related("versions", "amendments", "item_records__item").get(
        pk=minutes.pk
    )
    return MinutesOutSerializer(fresh).data  # type: ignore[return-value]


class MeetingMinutesView(APIView):
    """GET a meeting's minutes with every version and amendment (members, the director, the
    secretariat; others once approved and public). POST drafts them from the meeting's record
    (the secretariat)."""

    @extend_schema(
        responses={200: MinutesOutSerializer, 404: ErrorSerializer},
        operation_id="governance_minutes_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(Meeting, pk=pk)
        minutes = get_object_or_404(queries.minutes_for(_user(request)), meeting=meeting)
        return Response(_minutes_out(minutes))

    @extend_schema(
        request=None,
        responses={201: MinutesOutSerializer, **WRITE},
        operation_id="governance_minutes_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda _data: services.draft_minutes(meeting, by=_user(request)),
            out=_minutes_out,
            status=201,
        )


def _minutes(request: Request, pk: int) -> Minutes:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(Minutes, pk=pk)


class AmendmentsView(APIView):
    """Someone who attended proposes a new wording for a line, within the amendment period."""

    @extend_schema(
        request=AmendmentInSerializer,
        responses={201: MinutesOutSerializer, **WRITE},
        operation_id="governance_amendments_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        minutes = _minutes(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.amend_minutes(minutes, by=_user(request), **data),
            out=lambda _a: _minutes_out(minutes),
            payload=AmendmentInSerializer,
            status=201,
        )


class AmendmentDecisionView(APIView):
    """The secretariat accepts an amendment (a new version) or not."""

    @extend_schema(
        request=AmendmentDecisionInSerializer,
        responses={200: MinutesOutSerializer, **WRITE},
        operation_id="governance_amendment_decide",
    )
    def post(self, request: Request, pk: int) -> Response:
        if not _user(request).has_perm("governance.view_members_area"):
            raise Http404
        amendment = get_object_or_404(Amendment.objects.select_related("minutes"), pk=pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.decide_amendment(
                amendment, accept=data["accept"], by=_user(request)
            ),
            out=lambda _a: _minutes_out(amendment.minutes),
            payload=AmendmentDecisionInSerializer,
        )


class ApproveMinutesView(APIView):
    """The secretariat records the approval at a later meeting in progress; the minutes lock."""

    @extend_schema(
        request=ApproveInSerializer,
        responses={200: MinutesOutSerializer, **WRITE},
        operation_id="governance_minutes_approve",
    )
    def post(self, request: Request, pk: int) -> Response:
        minutes = _minutes(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.approve_minutes(
                minutes,
                at=get_object_or_404(Meeting, pk=data["meeting"]),
                is_public=data["is_public"],
                by=_user(request),
            ),
            out=_minutes_out,
            payload=ApproveInSerializer,
        )


# --- Proposals ------------------------------------------------------------------------------


def _proposals(request: Request) -> QuerySet[Proposal]:
    return queries.proposals_for(_user(request)).prefetch_related("cosignatures", "actions")


def _proposal(request: Request, pk: int) -> Proposal:
    return get_object_or_404(_proposals(request), pk=pk)


def _proposal_out(proposal: Proposal) -> dict[str, Any]:
    fresh = (
        Proposal.objects.prefetch_related("cosignatures", "actions")
        .select_related("answer")
        .get(pk=proposal.pk)
    )
    return ProposalOutSerializer(fresh).data  # type: ignore[return-value]


class ProposalsView(APIView):
    """GET the proposals you may see (members, the director and the secretariat: all; others:
    the adopted ones). POST drafts one (members)."""

    @extend_schema(
        responses={200: ProposalOutSerializer(many=True)}, operation_id="governance_proposals_list"
    )
    def get(self, request: Request) -> Response:
        return Response(
            ProposalOutSerializer(_proposals(request).order_by("-pk")[:200], many=True).data
        )

    @extend_schema(
        request=ProposalInSerializer,
        responses={201: ProposalOutSerializer, **WRITE},
        operation_id="governance_proposals_create",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.draft_proposal(_body(), author=_user(request), **data),
            out=_proposal_out,
            payload=ProposalInSerializer,
            status=201,
        )


class ProposalView(APIView):
    """A proposal: where it stands, its co-signers, the answer, the actions, waiting days."""

    @extend_schema(
        responses={200: ProposalOutSerializer, 404: ErrorSerializer},
        operation_id="governance_proposal_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_proposal_out(_proposal(request, pk)))


class CosignView(APIView):
    """A member co-signs."""

    @extend_schema(
        request=None,
        responses={201: ProposalOutSerializer, **WRITE},
        operation_id="governance_cosignatures_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda _data: services.cosign(proposal, person=_user(request)),
            out=lambda _c: _proposal_out(proposal),
            status=201,
        )


class ScheduleView(APIView):
    """The secretariat puts the proposal on a meeting's agenda."""

    @extend_schema(
        request=ScheduleInSerializer,
        responses={200: ProposalOutSerializer, **WRITE},
        operation_id="governance_proposal_schedule",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.put_on_agenda(
                proposal, meeting=get_object_or_404(Meeting, pk=data["meeting"]), by=_user(request)
            ),
            out=lambda _i: _proposal_out(proposal),
            payload=ScheduleInSerializer,
        )


class TransmitView(APIView):
    """The secretariat sends an adopted proposal to the Directorate General."""

    @extend_schema(
        request=None,
        responses={200: ProposalOutSerializer, **WRITE},
        operation_id="governance_proposal_transmit",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda _data: services.transmit(proposal, by=_user(request)),
            out=_proposal_out,
        )


class DecisionView(APIView):
    """The director answers: accepted, partly or declined (a reason unless accepted)."""

    @extend_schema(
        request=DecisionInSerializer,
        responses={200: ProposalOutSerializer, **WRITE},
        operation_id="governance_proposal_answer",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed="governance.answer_proposals",
            call=lambda data: services.answer_proposal(proposal, by=_user(request), **data),
            out=lambda _a: _proposal_out(proposal),
            payload=DecisionInSerializer,
        )


class ActionsView(APIView):
    """The secretariat or the director adds an action following the answer."""

    @extend_schema(
        request=ActionInSerializer,
        responses={201: ActionOutSerializer, **WRITE},
        operation_id="governance_actions_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed="governance.follow_actions",
            payload=ActionInSerializer,
            call=lambda data: services.add_action(
                proposal,
                owner=get_object_or_404(User, pk=data["owner"]),
                title=data["title"],
                due=data["due"],
                by=_user(request),
            ),
            out=lambda a: ActionOutSerializer(a).data,
            status=201,
        )


class ActionProgressView(APIView):
    """The action's owner, the secretariat or the director reports progress."""

    @extend_schema(
        request=ProgressInSerializer,
        responses={200: ActionOutSerializer, **WRITE},
        operation_id="governance_action_progress",
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        action = get_object_or_404(Action, pk=pk)
        return act(
            request,
            allowed=user.has_perm("governance.follow_actions") or action.owner_id == user.pk,
            refusal=_("Only the action's owner and those who follow the actions can do this."),
            payload=ProgressInSerializer,
            call=lambda data: services.update_action(action, by=user, **data),
            out=lambda a: ActionOutSerializer(a).data,
        )


# --- Documents: new versions and comments ---------------------------------------------------


class DocumentOutSerializer(serializers.ModelSerializer):
    replaces = serializers.IntegerField(source="previous_id", allow_null=True)
    sent_with_convocation = serializers.SerializerMethodField()
    download_url = serializers.CharField(source="get_download_url")

    class Meta:
        model = MeetingDocument
        fields = [
            "id",
            "title",
            "version",
            "replaces",
            "late",
            "sent_with_convocation",
            "download_url",
        ]

    def get_sent_with_convocation(self, document: MeetingDocument) -> bool:
        return document.frozen_at is not None


class DocumentInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    file = serializers.FileField()

    def validate_file(self, upload: Any) -> Any:
        try:
            validate_upload(upload, allowed=DOCUMENTS)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload


class DocumentVersionInSerializer(DocumentInSerializer):
    title = serializers.CharField(
        max_length=200,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_single_line],
    )


class DocumentCommentOutSerializer(serializers.ModelSerializer):
    author = serializers.IntegerField(source="author_id")
    document = serializers.IntegerField(source="document_id")

    class Meta:
        model = DocumentComment
        fields = ["id", "document", "author", "text", "created"]


class DocumentCommentInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


def _document(request: Request, pk: int) -> MeetingDocument:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)


class DocumentsView(APIView):
    """POST (multipart: title, file) attaches a document to the meeting (the secretariat);
    after the convocation it is marked late and the members are told."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentInSerializer},
        responses={201: DocumentOutSerializer, **WRITE},
        operation_id="governance_document_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.add_document(
                meeting, title=data["title"], upload=data["file"], by=_user(request)
            ),
            out=lambda d: DocumentOutSerializer(d).data,
            payload=DocumentInSerializer,
            status=201,
        )


class DocumentVersionView(APIView):
    """POST (multipart: file, optional title) replaces the document with a new version (the
    secretariat): the old one is kept; after the convocation the members are told. A document
    that already has a newer version is refused (409 `document_superseded`)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentVersionInSerializer},
        responses={201: DocumentOutSerializer, **WRITE},
        operation_id="governance_document_version_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.add_document(
                document.meeting,
                title=data["title"],
                upload=data["file"],
                replaces=document,
                by=_user(request),
            ),
            out=lambda d: DocumentOutSerializer(d).data,
            payload=DocumentVersionInSerializer,
            status=201,
        )


class DocumentCommentsView(APIView):
    """GET the comments on a document; POST one (a member of the meeting or the secretariat,
    before the meeting begins)."""

    @extend_schema(
        responses={200: DocumentCommentOutSerializer(many=True), 404: ErrorSerializer},
        operation_id="governance_document_comments_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return Response(DocumentCommentOutSerializer(document.comments.all(), many=True).data)

    @extend_schema(
        request=DocumentCommentInSerializer,
        responses={201: DocumentCommentOutSerializer, **WRITE},
        operation_id="governance_document_comment_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return act(
            request,
            payload=DocumentCommentInSerializer,
            call=lambda data: services.comment_on_document(
                document, person=_user(request), text=data["text"]
            ),
            out=lambda c: DocumentCommentOutSerializer(c).data,
            status=201,
        )


# --- The yearly activity report ---------------------------------------------------------------


class ReportView(APIView):
    """The yearly activity report as data (members, the director and the staff): meetings
    held, attendance per college, proposals adopted, answers, actions done, mandates."""

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, 404: ErrorSerializer},
        operation_id="governance_report_retrieve",
    )
    def get(self, request: Request, year: int) -> Response:
        if not _user(request).has_perm("governance.view_report"):
            return refused()
        if not 2000 <= year <= 2100:
            raise Http404
        return Response(year_report.as_data(year_report.year_report(_body(), year)))


P = "governance/"
urlpatterns = [
    path(P + "reports/<int:year>", ReportView.as_view(), name="api-gram-report"),
    path(P + "meetings/<int:pk>/documents", DocumentsView.as_view(), name="api-gram-documents"),
    path(
        P + "documents/<int:pk>/versions",
        DocumentVersionView.as_view(),
        name="api-gram-document-versions",
    ),
    path(
        P + "documents/<int:pk>/comments",
        DocumentCommentsView.as_view(),
        name="api-gram-document-comments",
    ),
    path(P + "bodies", BodiesView.as_view(), name="api-gram-bodies"),
    path(P + "mandates", MandatesView.as_view(), name="api-gram-mandates"),
    path(P + "meetings", MeetingsView.as_view(), name="api-gram-meetings"),
    path(P + "meetings/<int:pk>", MeetingView.as_view(), name="api-gram-meeting"),
    path(
        P + "meetings/<int:pk>/status", MeetingStatusView.as_view(), name="api-gram-meeting-status"
    ),
    path(P + "meetings/<int:pk>/agenda", AgendaView.as_view(), name="api-gram-agenda"),
    path(P + "meetings/<int:pk>/attendance", AttendanceView.as_view(), name="api-gram-attendance"),
    path(P + "meetings/<int:pk>/check-in", CheckInView.as_view(), name="api-gram-check-in"),
    path(P + "meetings/<int:pk>/proxies", ProxiesView.as_view(), name="api-gram-proxies"),
    path(P + "items/<int:pk>/conflicts", ConflictView.as_view(), name="api-gram-conflicts"),
    path(P + "items/<int:pk>/votes", OpenVoteView.as_view(), name="api-gram-open-vote"),
    path(P + "votes/<int:pk>", VoteView.as_view(), name="api-gram-vote"),
    path(P + "votes/<int:pk>/ballots", BallotView.as_view(), name="api-gram-ballots"),
    path(P + "votes/<int:pk>/close", CloseVoteView.as_view(), name="api-gram-close-vote"),
    path(P + "meetings/<int:pk>/minutes", MeetingMinutesView.as_view(), name="api-gram-minutes"),
    path(P + "minutes/<int:pk>/amendments", AmendmentsView.as_view(), name="api-gram-amendments"),
    path(
        P + "amendments/<int:pk>/decision",
        AmendmentDecisionView.as_view(),
        name="api-gram-amendment",
    ),
    path(
        P + "minutes/<int:pk>/approve",
        ApproveMinutesView.as_view(),
        name="api-gram-approve-minutes",
    ),
    path(P + "proposals", ProposalsView.as_view(), name="api-gram-proposals"),
    path(P + "proposals/<int:pk>", ProposalView.as_view(), name="api-gram-proposal"),
    path(P + "proposals/<int:pk>/cosignatures", CosignView.as_view(), name="api-gram-cosign"),
    path(P + "proposals/<int:pk>/agenda", ScheduleView.as_view(), name="api-gram-schedule"),
    path(P + "proposals/<int:pk>/transmit", TransmitView.as_view(), name="api-gram-transmit"),
    path(P + "proposals/<int:pk>/answer", DecisionView.as_view(), name="api-gram-answer"),
    path(P + "proposals/<int:pk>/actions", ActionsView.as_view(), name="api-gram-actions"),
    path(P + "actions/<int:pk>", ActionProgressView.as_view(), name="api-gram-action"),
]
