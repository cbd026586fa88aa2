"""The GRAM's minutes through the API: drafted from the meeting's record, amended by those who
attended, the amendments decided and the minutes approved at a later meeting."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act
from tandem.api.governance._common import WRITE, _meeting, _user
from tandem.api.serializers import ErrorSerializer
from tandem.governance import queries, services
from tandem.governance.models import Amendment, Meeting, Minutes, MinutesItem, MinutesVersion


class MinutesOutSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting_id")
    status = serializers.CharField()
    approved_at = serializers.IntegerField(source="approved_at_id", allow_null=True)
    versions = serializers.SerializerMethodField(
        help_text="Oldest first: each version's text and its record of each agenda item."
    )
    amendments = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField(
        help_text="The latest version's record of each agenda item: the discussion, the "
        "decision or outcome, the proposal."
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
            {
                "number": v.number,
                "text": v.text,
                "note": v.note,
                "created": v.created.isoformat(),
                "items": _records(v),
            }
            for v in minutes.versions.all()
        ]

    def get_amendments(self, minutes: Minutes) -> list[dict[str, Any]]:
        return [
            {"id": a.pk, "line": a.line, "replacement": a.replacement, "status": a.status}
            for a in minutes.amendments.all()
        ]

    def get_items(self, minutes: Minutes) -> list[dict[str, Any]]:
        versions = list(minutes.versions.all())
        return _records(versions[-1]) if versions else []


def _records(version: MinutesVersion) -> list[dict[str, Any]]:
    """A version's record of each agenda item (prefetched, in the agenda's order)."""
    return [
        {
            "item": r.item_id,
            "title": r.item.title,
            "position": r.item.position,
            "discussion": r.discussion,
            "outcome": r.outcome,
            "proposal": r.proposal_id,
        }
        for r in version.items.all()
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
    fresh = Minutes.objects.prefetch_related(
        "versions",
        "amendments",
        Prefetch("versions__items", MinutesItem.objects.select_related("item")),
    ).get(pk=minutes.pk)
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
