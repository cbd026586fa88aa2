"""The GRAM's public page through the API, for anyone (a token optional): the composition, the
next and the last meetings, the latest public minutes, the public proposals and where each
stands. What `presenters.public_page` gives the page, and nothing more."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import path
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.schema import PUBLIC_OR_TOKEN
from tandem.api.serializers import ErrorSerializer
from tandem.governance import presenters, queries
from tandem.governance.models import MandateRole, MeetingStatus, ProposalStatus

P = "governance/"


def _one_of(values: list[str]) -> str:
    return "One of: " + ", ".join(values) + "."


class SeatSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.get_full_name")
    organization = serializers.CharField(source="organization.name", default=None, allow_null=True)
    role = serializers.CharField(help_text=_one_of(MandateRole.values))


class CollegeSeatsSerializer(serializers.Serializer):
    code = serializers.CharField(source="college.code")
    name = serializers.CharField(source="college.label", help_text="In the caller's language.")
    seats = serializers.IntegerField(source="college.seats")
    members = SeatSerializer(source="mandates", many=True)
    vacant_seats = serializers.IntegerField(source="vacancies")


class ComingMeetingSerializer(serializers.Serializer):
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    place = serializers.CharField()
    status = serializers.CharField(help_text=_one_of(MeetingStatus.values))


class PastMeetingSerializer(serializers.Serializer):
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()


class PublicMinutesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.CharField(source="get_absolute_url")
    meeting = serializers.CharField(source="meeting.title")
    meeting_starts_at = serializers.DateTimeField(source="meeting.starts_at")


class PublicProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="proposal.pk")
    url = serializers.CharField(source="proposal.get_absolute_url")
    title = serializers.CharField(source="proposal.title")
    status = serializers.CharField(
        source="proposal.status", help_text=_one_of(ProposalStatus.values)
    )
    waiting_days = serializers.IntegerField(
        allow_null=True, help_text="Days waiting for the answer, while it waits; else null."
    )
    overdue = serializers.BooleanField(help_text="The answer is late.")
    decision = serializers.CharField(
        source="answer.decision",
        default=None,
        allow_null=True,
        help_text="The Directorate General's answer, once given.",
    )


class PublicPageSerializer(serializers.Serializer):
    name = serializers.CharField(source="body.name")
    composition = CollegeSeatsSerializer(many=True)
    upcoming = ComingMeetingSerializer(many=True, help_text="The next meetings, soonest first.")
    past = PastMeetingSerializer(many=True, help_text="The last meetings, latest first.")
    minutes = PublicMinutesSerializer(many=True, help_text="The latest approved public minutes.")
    proposals = PublicProposalSerializer(many=True)


@method_decorator(login_not_required, name="dispatch")
class PublicPageView(APIView):
    """The GRAM's public page, the same for everyone (404 before the GRAM is set up)."""

    permission_classes = [AllowAny]

    @extend_schema(
        auth=PUBLIC_OR_TOKEN,
        responses={200: PublicPageSerializer, 404: ErrorSerializer},
        operation_id="governance_public_retrieve",
    )
    def get(self, request: Request) -> Response:
        body = queries.the_body()
        if body is None:
            raise Http404
        page = {"body": body, **presenters.public_page(body)}
        return Response(PublicPageSerializer(page).data)


urlpatterns = [
    path(P + "public", PublicPageView.as_view(), name="api-gram-public"),
]
