"""The GRAM's proposals through the API: drafted and co-signed by members, put on an agenda and
transmitted by the secretariat, answered by the Directorate General, followed by actions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act
from tandem.api.governance._common import WRITE, _body, _user
from tandem.api.schema import code_list
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_single_line
from tandem.governance import queries, services
from tandem.governance.models import Action, ActionStatus, Decision, Meeting, Proposal


class ActionOutSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id")
    status = serializers.CharField(help_text=code_list(ActionStatus.values))

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
    """A proposal: where it stands, its co-signers, the answer, the actions, waiting days.
    PATCH: its author rewrites it while it is a draft."""

    @extend_schema(
        responses={200: ProposalOutSerializer, 404: ErrorSerializer},
        operation_id="governance_proposal_retrieve",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_proposal_out(_proposal(request, pk)))

    @extend_schema(
        request=ProposalInSerializer,
        responses={200: ProposalOutSerializer, **WRITE},
        operation_id="governance_proposal_update",
    )
    def patch(self, request: Request, pk: int) -> Response:
        """The author rewrites their draft: only the fields given change; the plain-language
        check runs again on a new text, and a new text withdraws the co-signatures (the
        co-signers are told)."""
        proposal = _proposal(request, pk)
        return act(
            request,
            allowed=queries.can_edit_proposal(proposal, _user(request)),
            refusal=_("Only its author edits a proposal, while it is a draft."),
            call=lambda data: services.update_proposal(proposal, by=_user(request), **data),
            out=lambda edit: _proposal_out(edit.proposal),
            payload=ProposalInSerializer,
            partial=True,
        )


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
