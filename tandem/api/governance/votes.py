"""The GRAM's votes through the API: conflicts of interest on an agenda item, opening a vote,
ballots (in person, by proxy, recorded by the secretariat), closing it and its frozen record."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, refused, valid
from tandem.api.governance._common import WRITE, _user
from tandem.api.governance.meetings import ItemOutSerializer
from tandem.api.schema import code_list
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_single_line
from tandem.governance import queries, services
from tandem.governance.models import (
    AgendaItem,
    Choice,
    Majority,
    Mandate,
    ProxyStatus,
    Vote,
    VoteMethod,
)


class VoteOutSerializer(serializers.ModelSerializer):
    method = serializers.CharField(help_text=code_list(VoteMethod.values))
    majority = serializers.CharField(help_text=code_list(Majority.values))
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

    def get_voted(self, vote: Vote) -> list[dict[str, int | None]]:
        """`recorded_by`: the person of the secretariat who recorded it on the member's behalf."""
        return [
            {"mandate": b.mandate_id, "cast_by": b.cast_by_id, "recorded_by": b.recorded_by_id}
            for b in vote.ballots.all()
        ]


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
    hold), or changes the vote the secretariat recorded on their behalf while it is open; the
    secretariat records a member's vote with `for_mandate` (a show of hands: open votes only,
    never a secret ballot; the member is told)."""

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
        meeting = vote.item.meeting
        holds_proxy = bool(
            mine is not None
            and target
            and meeting.proxies.filter(
                holder=mine, principal_id=target, status=ProxyStatus.ACTIVE
            ).exists()
        )
        secretariat = user.has_perm("governance.run_secretariat")
        if secretariat and target and target != getattr(mine, "pk", None) and not holds_proxy:
            # The secretariat records a show of hands: the service refuses a secret ballot.
            member = get_object_or_404(Mandate, pk=target)
            return act(
                request,
                call=lambda _data: services.record_ballot(
                    vote, mandate=member, choice=data["choice"], by=user
                ),
                out=lambda _b: VoteOutSerializer(vote).data,
                status=201,
            )
        if mine is None:
            return refused(_("Only members of the body can vote."))
        principal = get_object_or_404(Mandate, pk=target) if target else mine
        return act(
            request,
            call=lambda _data: services.cast_ballot(
                vote, mandate=principal, cast_by=mine, choice=data["choice"], by=user
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
