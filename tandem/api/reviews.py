"""The College of Reviewers' API: review requests (create with documents, list, detail, report),
assignments (coordinator: suggestion and assignment; reviewer: accept, decline, submit the grid
with anchored comments). Views reuse the reviews app's queries and services, as the pages do."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.errors import error_body
from tandem.api.serializers import ErrorSerializer
from tandem.checks.models import StudyCategory
from tandem.core.errors import DomainError
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization
from tandem.reviews import presenters, queries, services
from tandem.reviews.models import (
    CRITERIA,
    AnswerState,
    Assignment,
    AssignmentState,
    ConsolidatedReport,
    DocumentVersion,
    Outcome,
    ReportStatus,
    RequestStatus,
    ReviewRequest,
    Round,
)


def _user(request: Request) -> User:
    """Every view here requires authentication (the API's default permission)."""
    return cast(User, request.user)


def _codes(values: list[str]) -> str:
    return "One of: " + ", ".join(values) + "."


# --- Output ---------------------------------------------------------------------------------


class VersionOutSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="document.kind")
    analysis_status = serializers.CharField()
    download_url = serializers.CharField(source="get_download_url")

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "kind",
            "number",
            "original_filename",
            "analysis_status",
            "score",
            "download_url",
        ]


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
    answer = serializers.CharField(help_text=_codes(AnswerState.values))
    answer_reason = serializers.CharField()


class PassageGroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    document = serializers.CharField()
    comments = PassageCommentSerializer(many=True)


class ReportOutSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round.number")
    status = serializers.CharField(help_text=_codes(ReportStatus.values))
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
    # Plain strings (listed in the description): the enums would collide with other apps'.
    category = serializers.CharField(help_text=_codes(StudyCategory.values))
    language = serializers.CharField(help_text=_codes(["fr", "en"]))
    status = serializers.CharField(help_text=_codes(RequestStatus.values))
    outcome = serializers.CharField(help_text=_codes(["", *Outcome.values]))

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
            "created",
            "submitted_at",
        ]


class RequestDetailSerializer(RequestOutSerializer):
    documents = serializers.SerializerMethodField()
    rounds = RoundOutSerializer(many=True, read_only=True)
    report = serializers.SerializerMethodField()

    class Meta(RequestOutSerializer.Meta):
        fields = [*RequestOutSerializer.Meta.fields, "documents", "rounds", "report"]

    def get_documents(self, request: ReviewRequest) -> list[dict[str, Any]]:
        return VersionOutSerializer(queries.versions_of(request), many=True).data  # type: ignore[return-value]

    def get_report(self, request: ReviewRequest) -> dict[str, Any] | None:
        user = _user(self.context["request"])
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
    state = serializers.CharField(help_text=_codes(AssignmentState.values))

    class Meta:
        model = Assignment
        fields = ["id", "request", "request_title", "round", "state", "respond_by", "due", "reason"]


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


# --- Input ----------------------------------------------------------------------------------


class RequestInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, validators=[validate_single_line])
    acronym = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_single_line],
    )
    category = serializers.CharField(help_text=_codes(StudyCategory.values))
    language = serializers.CharField(default="fr", help_text=_codes(["fr", "en"]))
    sponsor_reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_single_line],
    )
    planned_submission_on = serializers.DateField(required=False, allow_null=True, default=None)
    reviewers_wanted = serializers.IntegerField(min_value=1, max_value=10, default=3)
    disease_areas = serializers.PrimaryKeyRelatedField(
        queryset=DiseaseArea.objects.all(), many=True, required=False
    )
    organizations = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )
    protocol_summary = serializers.FileField(required=False)
    leaflet = serializers.FileField(required=False)
    consent = serializers.FileField(required=False)
    submit = serializers.BooleanField(default=False, help_text="Send to the College at once.")

    def validate_category(self, value: str) -> str:
        if value not in StudyCategory.values:
            raise serializers.ValidationError(_codes(StudyCategory.values))
        return value

    def validate_language(self, value: str) -> str:
        if value not in ("fr", "en"):
            raise serializers.ValidationError(_codes(["fr", "en"]))
        return value

    def _file(self, upload: Any) -> Any:
        try:
            validate_upload(upload, allowed=DOCUMENTS)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate_protocol_summary(self, upload: Any) -> Any:
        return self._file(upload)

    def validate_leaflet(self, upload: Any) -> Any:
        return self._file(upload)

    def validate_consent(self, upload: Any) -> Any:
        return self._file(upload)


class AssignInSerializer(serializers.Serializer):
    reviewers = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    alternates = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class DeclineInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CommentInSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    quote = serializers.CharField()
    start = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    end = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    comment = serializers.CharField()
    suggestion = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewInSerializer(serializers.Serializer):
    readability_score = serializers.IntegerField(min_value=1, max_value=4)
    readability_comment = serializers.CharField(allow_blank=True, default="")
    framework_score = serializers.IntegerField(min_value=1, max_value=4)
    framework_comment = serializers.CharField(allow_blank=True, default="")
    constraints_score = serializers.IntegerField(min_value=1, max_value=4)
    constraints_comment = serializers.CharField(allow_blank=True, default="")
    rights_score = serializers.IntegerField(min_value=1, max_value=4)
    rights_comment = serializers.CharField(allow_blank=True, default="")
    burden_suggestions = serializers.CharField(allow_blank=True, default="")
    comments = CommentInSerializer(many=True, required=False, default=list)


def _domain_error(exc: DomainError) -> Response:
    return Response(error_body(str(exc), exc.code), status=status.HTTP_409_CONFLICT)


# --- Views ----------------------------------------------------------------------------------


class ReviewRequestListView(generics.ListAPIView):
    """Your own review requests (as the submitter or a delegate). POST creates one (multipart
    with the documents)."""

    serializer_class = RequestOutSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        return queries.requests_of(_user(self.request))

    @extend_schema(
        request={
            "multipart/form-data": RequestInSerializer,
            "application/json": RequestInSerializer,
        },
        responses={
            201: RequestDetailSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        if not _user(request).has_perm("reviews.submit_request"):
            return Response(
                error_body(_("Only researchers may submit review requests."), "permission_denied"),
                status=status.HTTP_403_FORBIDDEN,
            )
        data = RequestInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        submit = values.pop("submit")
        documents = {
            k: values.pop(k) for k in ("protocol_summary", "leaflet", "consent") if k in values
        }
        try:
            made = services.create_request(
                by=_user(request), documents=documents, submit=submit, **values
            )
        except DomainError as exc:
            return _domain_error(exc)
        made.refresh_from_db()
        return Response(
            RequestDetailSerializer(made, context={"request": request}).data, status=201
        )


class ReviewRequestDetailView(generics.RetrieveAPIView):
    """A request you may see (yours, or one you review; coordinators see all): status,
    documents, rounds and the latest report sent."""

    serializer_class = RequestDetailSerializer

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        return queries.requests_visible_to(_user(self.request)).prefetch_related("rounds")


class ReportView(APIView):
    """The latest consolidated report sent (the submitter, delegates and coordinators)."""

    @extend_schema(responses={200: ReportOutSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        review_request = get_object_or_404(queries.requests_visible_to(_user(request)), pk=pk)
        if not (
            queries.can_act_for(_user(request), review_request)
            or _user(request).has_perm("reviews.coordinate")
        ):
            raise Http404
        report = _latest_report(review_request)
        if report is None:
            raise Http404
        return Response(ReportOutSerializer(report).data)


def _coordinated(request: Request, pk: int) -> ReviewRequest:
    if not _user(request).has_perm("reviews.coordinate"):
        raise Http404
    return get_object_or_404(queries.requests_visible_to(_user(request)), pk=pk)


def _choices(result: Any, language: str, which: str) -> list[dict[str, Any]]:
    return [
        {
            "reviewer": c.candidate.id,
            "name": c.candidate.name,
            "affinity": c.affinity,
            "why": presenters.explain(c, language),
        }
        for c in getattr(result, which)
    ]


class RequestAssignmentsView(APIView):
    """Coordinator: GET the suggested reviewers (with alternates and what blocks the others);
    POST the chosen reviewers and alternates (user ids)."""

    @extend_schema(responses={200: SuggestionOutSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        result = services.suggest_reviewers(review_request)
        pool_size = queries.reviewer_pool().count()
        return Response(
            {
                "reviewers": _choices(result, review_request.language, "chosen"),
                "alternates": _choices(result, review_request.language, "alternates"),
                "shortfall": presenters.shortfall(result, pool_size),
                "blocked": result.blocked,
            }
        )

    @extend_schema(
        request=AssignInSerializer,
        responses={
            201: AssignmentOutSerializer(many=True),
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        data = AssignInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = [*data.validated_data["reviewers"], *data.validated_data["alternates"]]
        people = {u.pk: u for u in User.objects.filter(pk__in=ids)}
        if set(ids) - set(people):
            unknown = _("Unknown reviewer id.")
            return Response(
                error_body(unknown, "invalid", {"reviewers": [unknown]}),
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            made = services.assign_reviewers(
                review_request,
                by=_user(request),
                reviewers=[people[i] for i in data.validated_data["reviewers"]],
                alternates=[people[i] for i in data.validated_data["alternates"]],
                deadline=data.validated_data["deadline"],
                seen_round=review_request.current_round_id,
            )
        except DomainError as exc:
            return _domain_error(exc)
        return Response(AssignmentOutSerializer(made, many=True).data, status=201)


class AssignmentListView(generics.ListAPIView):
    """Your own assignments as a reviewer."""

    serializer_class = AssignmentOutSerializer

    def get_queryset(self) -> QuerySet[Assignment]:
        return queries.assignments_of(_user(self.request))


class _AssignmentAction(APIView):
    def _assignment(self, request: Request, pk: int) -> Assignment:
        return get_object_or_404(queries.assignments_of(_user(request)), pk=pk)


class AcceptView(_AssignmentAction):
    @extend_schema(
        request=None,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        try:
            assignment = services.accept_assignment(assignment, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return Response(AssignmentOutSerializer(assignment).data)


class DeclineView(_AssignmentAction):
    @extend_schema(
        request=DeclineInSerializer,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        data = DeclineInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assignment = services.decline_assignment(
                assignment, by=_user(request), reason=data.validated_data["reason"]
            )
        except DomainError as exc:
            return _domain_error(exc)
        return Response(AssignmentOutSerializer(assignment).data)


class SubmitReviewView(_AssignmentAction):
    """Send the grid and the anchored comments in one call (all or nothing)."""

    @extend_schema(
        request=ReviewInSerializer,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        data = ReviewInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        comments = values.pop("comments")
        try:
            services.submit_review(assignment, by=_user(request), values=values, comments=comments)
        except DomainError as exc:
            return _domain_error(exc)
        assignment.refresh_from_db()
        return Response(AssignmentOutSerializer(assignment).data)


urlpatterns = [
    path("review-requests", ReviewRequestListView.as_view(), name="api-review-requests"),
    path("review-requests/<int:pk>", ReviewRequestDetailView.as_view(), name="api-review-request"),
    path("review-requests/<int:pk>/report", ReportView.as_view(), name="api-review-report"),
    path(
        "review-requests/<int:pk>/assignments",
        RequestAssignmentsView.as_view(),
        name="api-review-assignments",
    ),
    path("assignments", AssignmentListView.as_view(), name="api-assignments"),
    path("assignments/<int:pk>/accept", AcceptView.as_view(), name="api-assignment-accept"),
    path("assignments/<int:pk>/decline", DeclineView.as_view(), name="api-assignment-decline"),
    path("assignments/<int:pk>/review", SubmitReviewView.as_view(), name="api-assignment-review"),
]
