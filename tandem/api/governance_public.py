"""The GRAM's public pages through the API, for anyone (a token optional): the public page (the
composition, the next and the last meetings, the latest public minutes, the public proposals
and where each stands), a public proposal's page and a public minutes' page. What the
presenters give those pages for an anonymous visitor, and nothing more: the same for everyone,
404 for what is not public (`queries.public_proposals`, `queries.public_minutes`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.api.public import PublicView
from tandem.api.schema import code_list, public_read
from tandem.governance import presenters, queries
from tandem.governance.models import (
    ActionStatus,
    Decision,
    MandateRole,
    MeetingStatus,
    MinutesStatus,
    Proposal,
    ProposalStatus,
)

P = "governance/"


class SeatSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.get_full_name")
    organization = serializers.CharField(source="organization.name", default=None, allow_null=True)
    role = serializers.CharField(help_text=code_list(MandateRole.values))


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
    status = serializers.CharField(help_text=code_list(MeetingStatus.values))


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
        source="proposal.status", help_text=code_list(ProposalStatus.values)
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


class PublicPageView(PublicView):
    """The GRAM's public page, the same for everyone (404 before the GRAM is set up)."""

    @public_read(PublicPageSerializer, operation_id="governance_public_retrieve")
    def get(self, request: Request) -> Response:
        body = queries.the_body()
        if body is None:
            raise Http404
        page = {"body": body, **presenters.public_page(body)}
        return Response(PublicPageSerializer(page).data)


class StepSerializer(serializers.Serializer):
    name = serializers.CharField(source="label", help_text="The step's status, in words.")
    state = serializers.CharField(help_text=code_list(["done", "current", "todo"]))


class FindingSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The passage, in the proposal's language.")
    message = serializers.CharField(help_text="The analyzer's message, in the same language.")
    language = serializers.CharField(
        default=None, allow_null=True, help_text="Null for findings stored before Dec 2026."
    )


class AnswerSerializer(serializers.Serializer):
    decision = serializers.CharField(help_text=code_list(Decision.values))
    decision_label = serializers.CharField(source="get_decision_display")
    reason = serializers.CharField()
    answered_on = serializers.SerializerMethodField()

    def get_answered_on(self, answer: Any) -> str:
        return timezone.localdate(answer.created).isoformat()


class PublicActionSerializer(serializers.Serializer):
    title = serializers.CharField(source="action.title")
    evidence = serializers.CharField(source="action.evidence")
    owner = serializers.CharField(source="action.owner.get_full_name", help_text="Their name.")
    due = serializers.DateField(source="action.due")
    overdue = serializers.BooleanField()
    status = serializers.CharField(source="action.status", help_text=code_list(ActionStatus.values))
    status_label = serializers.CharField(source="action.get_status_display")
    progress = serializers.IntegerField(source="action.progress", help_text="Per cent.")


class PublicProposalPageSerializer(PublicProposalSerializer):
    """A public proposal's page: its row on the public page, and the rest of the page."""

    status_label = serializers.CharField(source="proposal.get_status_display")
    steps = StepSerializer(many=True, help_text="Where it stands, from draft to implemented.")
    author = serializers.CharField(source="proposal.author.get_full_name", help_text="Their name.")
    cosigners = serializers.SerializerMethodField(help_text="Their names.")
    easy_read_summary = serializers.CharField(source="proposal.easy_read_summary")
    text = serializers.CharField(source="proposal.text")
    rationale = serializers.CharField(source="proposal.rationale")
    expected_impact = serializers.CharField(source="proposal.expected_impact")
    clarity_score = serializers.IntegerField(source="proposal.clarity_score", allow_null=True)
    clarity_findings = FindingSerializer(source="proposal.clarity_findings", many=True)
    answer = AnswerSerializer(
        allow_null=True, help_text="The Directorate General's answer, once given; else null."
    )
    answer_due = serializers.SerializerMethodField(
        help_text="While there is no answer: the day it is due by, once sent; else null."
    )
    actions = PublicActionSerializer(many=True, help_text="What follows the answer.")

    def get_cosigners(self, page: dict[str, Any]) -> list[str]:
        return [person.get_full_name() for person in page["signers"]]

    def get_answer_due(self, page: dict[str, Any]) -> str | None:
        due = page["proposal"].answer_due
        return None if page["answer"] is not None or due is None else due.isoformat()


class RecordedProposalSerializer(serializers.Serializer):
    title = serializers.CharField()
    status = serializers.CharField(help_text=code_list(ProposalStatus.values))
    status_label = serializers.CharField(source="get_status_display")
    url = serializers.CharField(source="get_absolute_url", help_text="Its page (public or not).")


class MinutesItemSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="item.position")
    title = serializers.CharField(source="item.title")
    discussion = serializers.CharField(source="record.discussion", default="")
    outcome = serializers.CharField(source="record.outcome", default="")
    proposal = RecordedProposalSerializer(
        source="record.proposal",
        default=None,
        allow_null=True,
        help_text="The proposal to the Directorate General this item led to, if any.",
    )


class MinutesVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created = serializers.DateTimeField()
    note = serializers.CharField(help_text="What changed.")


class PublicMinutesPageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="minutes.pk")
    url = serializers.CharField(source="minutes.get_absolute_url")
    meeting = serializers.CharField(source="meeting.title")
    status = serializers.CharField(
        source="minutes.status", help_text=code_list(MinutesStatus.values)
    )
    status_label = serializers.CharField(source="minutes.get_status_display")
    approved_at = serializers.CharField(
        source="minutes.approved_at.title",
        default=None,
        allow_null=True,
        help_text="The meeting that approved them.",
    )
    pdf = serializers.SerializerMethodField()
    docx = serializers.SerializerMethodField()
    items = MinutesItemSerializer(source="item_rows", many=True, help_text="The agenda's order.")
    version = serializers.IntegerField(source="latest.number", help_text="The text's version.")
    lines = serializers.ListField(child=serializers.CharField(allow_blank=True))
    versions = MinutesVersionSerializer(many=True, help_text="Oldest first.")

    def get_pdf(self, page: dict[str, Any]) -> str:
        return reverse("governance:minutes_pdf", args=[page["minutes"].pk])

    def get_docx(self, page: dict[str, Any]) -> str:
        return reverse("governance:minutes_docx", args=[page["minutes"].pk])


class PublicProposalView(PublicView):
    """A public proposal's page, as an anonymous visitor reads it, the same for everyone (404
    for a proposal that is not public: `GET governance/proposals/{id}` reads those)."""

    @public_read(PublicProposalPageSerializer, operation_id="governance_public_proposals_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        try:
            proposal = queries.proposal_detail(queries.public_proposals(), pk)
        except Proposal.DoesNotExist as exc:
            raise Http404 from exc
        page = presenters.proposal_page(proposal, user=AnonymousUser())
        return Response(PublicProposalPageSerializer(page).data)


class PublicMinutesView(PublicView):
    """Approved public minutes' page, as an anonymous visitor reads it, the same for everyone
    (404 for minutes that are not public)."""

    @public_read(PublicMinutesPageSerializer, operation_id="governance_public_minutes_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        minutes = get_object_or_404(queries.public_minutes(), pk=pk)
        page = presenters.minutes_page(minutes, user=AnonymousUser())
        return Response(PublicMinutesPageSerializer(page).data)


urlpatterns = [
    path(P + "public", PublicPageView.as_view(), name="api-gram-public"),
    path(
        P + "public/proposals/<int:pk>",
        PublicProposalView.as_view(),
        name="api-gram-public-proposal",
    ),
    path(
        P + "public/minutes/<int:pk>", PublicMinutesView.as_view(), name="api-gram-public-minutes"
    ),
]
