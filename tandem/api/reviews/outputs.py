"""What the College's API answers: requests, rounds, versions, reports, assignments, comments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tandem.api.reviews.common import caller, code_list
from tandem.api.reviews.inputs import GridInSerializer
from tandem.checks.models import StudyCategory
from tandem.reviews import presenters, queries
from tandem.reviews.models import (
    CRITERIA,
    AnchoredComment,
    AnswerState,
    Assignment,
    AssignmentState,
    CommentKind,
    ConsolidatedReport,
    DocumentKind,
    DocumentVersion,
    Outcome,
    ReportStatus,
    RequestStatus,
    Review,
    ReviewRequest,
    Round,
    Severity,
)


class VersionOutSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="document.kind")
    analysis_status = serializers.CharField()
    download_url = serializers.SerializerMethodField(
        help_text="The file, for the same Bearer token (or session)."
    )
    url = serializers.SerializerMethodField(help_text="The text and the analysis (JSON).")

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "kind",
            "number",
            "original_filename",
            "analysis_status",
            "score",
            "url",
            "download_url",
        ]

    def get_download_url(self, version: DocumentVersion) -> str:
        return reverse("api-version-download", args=[version.pk])

    def get_url(self, version: DocumentVersion) -> str:
        return reverse("api-version", args=[version.pk])


class VersionDetailSerializer(VersionOutSerializer):
    text = serializers.CharField(
        help_text="The extracted text: comments quote it, offsets count in it."
    )
    analysis = serializers.JSONField(
        source="report", help_text="The clarity analyzer's report (null until analysed)."
    )

    class Meta(VersionOutSerializer.Meta):
        fields = [*VersionOutSerializer.Meta.fields, "text", "analysis"]


class RoundOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["number", "deadline"]


class PassageReviewerSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField(help_text="Empty unless the reviewer agreed to be named.")


class PassageCommentSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    start = serializers.IntegerField()
    quote = serializers.CharField()
    comment = serializers.CharField()
    suggestion = serializers.CharField()
    count = serializers.IntegerField(help_text="How many reviewers made this comment.")
    reviewers = PassageReviewerSerializer(many=True)
    answer = serializers.CharField(help_text=code_list(AnswerState.values))
    answer_reason = serializers.CharField()
    kind = serializers.CharField(help_text=code_list(CommentKind.values))
    severity = serializers.CharField(help_text=code_list(Severity.values))


class PassageGroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    document = serializers.CharField()
    comments = PassageCommentSerializer(many=True)


class ReportOutSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.number")
    status = serializers.CharField(help_text=code_list(ReportStatus.values))
    criteria = serializers.SerializerMethodField()
    passages = serializers.SerializerMethodField()

    class Meta:
        model = ConsolidatedReport
        fields = [
            "round",
            "status",
            "sent_at",
            "summary",
            "criteria",
            "burden_text",
            "reviewer_names",
            "passages",
        ]

    @extend_schema_field(PassageGroupSerializer(many=True))
    def get_passages(self, report: ConsolidatedReport) -> list[dict[str, Any]]:
        return [
            {
                "kind": group["kind"],
                "document": group["document"],
                "comments": [c.as_dict() for c in group["comments"]],
            }
            for group in queries.report_comments(report.round)
        ]

    def get_criteria(self, report: ConsolidatedReport) -> list[dict[str, Any]]:
        return [
            {"criterion": str(c), "text": report.text(c), "scores": report.scores.get(str(c), {})}
            for c in CRITERIA
        ]


class RequestOutSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    current_round = serializers.IntegerField(
        source="current_round_id",
        allow_null=True,
        read_only=True,
        help_text="The id to send as `seen_round` when assigning.",
    )
    # Plain strings (listed in the description): the enums would collide with other apps'.
    category = serializers.CharField(help_text=code_list(StudyCategory.values))
    language = serializers.CharField(help_text=code_list(["fr", "en"]))
    status = serializers.CharField(help_text=code_list(RequestStatus.values))
    outcome = serializers.CharField(help_text=code_list(["", *Outcome.values]))

    class Meta:
        model = ReviewRequest
        fields = [
            "id",
            "url",
            "title",
            "acronym",
            "category",
            "language",
            "sponsor_reference",
            "planned_submission_on",
            "reviewers_wanted",
            "status",
            "status_note",
            "outcome",
            "outcome_note",
            "current_round",
            "created",
            "submitted_at",
        ]


class SeatOutSerializer(serializers.ModelSerializer):
    reviewer = serializers.IntegerField(source="reviewer_id")
    name = serializers.CharField(source="reviewer.__str__")
    state = serializers.CharField(help_text=code_list(AssignmentState.values))

    class Meta:
        model = Assignment
        fields = ["id", "reviewer", "name", "state", "alternate_rank", "respond_by", "due"]


class ProgressSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    deadline = serializers.DateField()
    seats = serializers.IntegerField(help_text="Reviewers who hold a seat.")
    reviews_in = serializers.IntegerField(help_text="Reviews sent.")


class RequestDetailSerializer(RequestOutSerializer):
    documents = serializers.SerializerMethodField()
    rounds = RoundOutSerializer(many=True, read_only=True)
    report = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    seats = serializers.SerializerMethodField()

    class Meta(RequestOutSerializer.Meta):
        fields = [
            *RequestOutSerializer.Meta.fields,
            "documents",
            "rounds",
            "progress",
            "seats",
            "report",
        ]

    @extend_schema_field(ProgressSerializer(allow_null=True))
    def get_progress(self, request: ReviewRequest) -> dict[str, Any] | None:
        """The current round: its deadline, the seats taken and the reviews in."""
        return presenters.round_progress(request)

    @extend_schema_field(SeatOutSerializer(many=True))
    def get_seats(self, request: ReviewRequest) -> list[dict[str, Any]]:
        """Coordinators: the current round's reviewers and alternates (others: empty)."""
        if request.current_round is None or not caller(self.context["request"]).has_perm(
            "reviews.coordinate"
        ):
            return []
        found = queries.round_assignments(request.current_round)
        return SeatOutSerializer(found, many=True).data  # type: ignore[return-value]

    def get_documents(self, request: ReviewRequest) -> list[dict[str, Any]]:
        return VersionOutSerializer(queries.versions_of(request), many=True).data  # type: ignore[return-value]

    def get_report(self, request: ReviewRequest) -> dict[str, Any] | None:
        user = caller(self.context["request"])
        if not (queries.can_act_for(user, request) or user.has_perm("reviews.coordinate")):
            return None
        report = _latest_report(request)
        return ReportOutSerializer(report).data if report else None  # type: ignore[return-value]


def _latest_report(request: ReviewRequest) -> ConsolidatedReport | None:
    return (
        ConsolidatedReport.objects.filter(round__request=request, status=ReportStatus.SENT)
        .select_related("round")
        .order_by("-round__number")
        .first()
    )


class AssignmentOutSerializer(serializers.ModelSerializer):
    request = serializers.IntegerField(source="round.request_id")
    request_title = serializers.CharField(source="round.request.__str__")
    round = serializers.IntegerField(source="round.number")
    state = serializers.CharField(help_text=code_list(AssignmentState.values))
    reason = serializers.CharField(
        source="why",
        read_only=True,
        help_text="Why this reviewer, in the caller's language (from `reason_code`).",
    )
    reason_code = serializers.CharField(
        read_only=True, help_text="suggested, previous_round, or empty (the coordinator's choice)"
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "request",
            "request_title",
            "round",
            "state",
            "respond_by",
            "due",
            "reason",
            "reason_code",
        ]


class ChoiceOutSerializer(serializers.Serializer):
    reviewer = serializers.IntegerField()
    name = serializers.CharField()
    affinity = serializers.IntegerField()
    why = serializers.CharField()


class SuggestionOutSerializer(serializers.Serializer):
    reviewers = ChoiceOutSerializer(many=True)
    alternates = ChoiceOutSerializer(many=True)
    shortfall = serializers.CharField(allow_blank=True)
    blocked = serializers.DictField(child=serializers.IntegerField())


class ReportDraftSerializer(ReportOutSerializer):
    """The report being prepared; PATCH changes its texts."""

    class Meta(ReportOutSerializer.Meta):
        fields = [
            *ReportOutSerializer.Meta.fields,
            *[f"{c}_text" for c in CRITERIA],
        ]


class CommentOutSerializer(serializers.ModelSerializer):
    document = serializers.CharField(
        source="version.document.kind", help_text=code_list(DocumentKind.values)
    )
    version_number = serializers.IntegerField(source="version.number")
    kind = serializers.CharField(help_text=code_list(CommentKind.values))
    severity = serializers.CharField(help_text=code_list(Severity.values))
    answer = serializers.CharField(help_text=code_list(AnswerState.values))

    class Meta:
        model = AnchoredComment
        fields = [
            "id",
            "document",
            "version",
            "version_number",
            "start",
            "end",
            "quote",
            "comment",
            "suggestion",
            "kind",
            "severity",
            "answer",
            "answer_reason",
        ]


class GridOutSerializer(serializers.ModelSerializer):
    state = serializers.CharField()

    class Meta:
        model = Review
        fields = ["state", *GridInSerializer().fields, "submitted_at"]


class EarlierCommentSerializer(CommentOutSerializer):
    still_in_current = serializers.SerializerMethodField(
        help_text="The passage is still in the latest version, unchanged (false: rewritten or "
        "removed)."
    )

    class Meta(CommentOutSerializer.Meta):
        fields = [*CommentOutSerializer.Meta.fields, "still_in_current"]

    def get_still_in_current(self, comment: AnchoredComment) -> bool:
        return bool(getattr(comment, "in_current", []))


class AssignmentDetailSerializer(AssignmentOutSerializer):
    """An assignment with what its reviewer needs: the documents (the latest versions, with the
    protocol summary readable before accepting), the grid and their own comments; from round 2,
    their comments of the earlier rounds with the team's answers and where each passage now
    stands."""

    documents = serializers.SerializerMethodField()
    review = GridOutSerializer(allow_null=True, read_only=True)
    comments = serializers.SerializerMethodField()
    earlier_comments = serializers.SerializerMethodField()

    class Meta(AssignmentOutSerializer.Meta):
        fields = [
            *AssignmentOutSerializer.Meta.fields,
            "documents",
            "review",
            "comments",
            "earlier_comments",
        ]

    @extend_schema_field(EarlierCommentSerializer(many=True))
    def get_earlier_comments(self, assignment: Assignment) -> list[dict[str, Any]]:
        if assignment.round.number == 1:
            return []
        found = [
            comment
            for d in queries.documents_of(assignment.round.request)
            if d.latest_version is not None
            for comment in queries.earlier_comments(assignment, d.latest_version)
        ]
        return EarlierCommentSerializer(found, many=True).data  # type: ignore[return-value]

    @extend_schema_field(VersionOutSerializer(many=True))
    def get_documents(self, assignment: Assignment) -> list[dict[str, Any]]:
        latest = [
            d.latest_version
            for d in queries.documents_of(assignment.round.request)
            if d.latest_version is not None
        ]
        return VersionOutSerializer(latest, many=True).data  # type: ignore[return-value]

    @extend_schema_field(CommentOutSerializer(many=True))
    def get_comments(self, assignment: Assignment) -> list[dict[str, Any]]:
        review = getattr(assignment, "review", None)
        if review is None:
            return []
        found = review.comments.select_related("version__document").order_by("version", "start")
        return CommentOutSerializer(found, many=True).data  # type: ignore[return-value]
