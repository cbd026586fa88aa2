"""The College of Reviewers' API: review requests (create with documents, list, detail, report),
assignments (coordinator: suggestion and assignment; reviewer: accept, decline, submit the grid
with anchored comments). Views reuse the reviews app's queries and services, as the pages do."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.errors import error_body
from tandem.api.serializers import ErrorSerializer
from tandem.checks.models import StudyCategory
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization
from tandem.documents import document_response
from tandem.reviews import annotated, documents, presenters, queries, services
from tandem.reviews.models import (
    CRITERIA,
    SEAT_STATES,
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


def _user(request: Request) -> User:
    """Every view here requires authentication (the API's default permission)."""
    return cast(User, request.user)


def _codes(values: list[str]) -> str:
    return "One of: " + ", ".join(values) + "."


def _one_of(value: str, values: list[str]) -> str:
    if value not in values:
        raise serializers.ValidationError(_codes(values))
    return value


# --- Output ---------------------------------------------------------------------------------


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
    answer = serializers.CharField(help_text=_codes(AnswerState.values))
    answer_reason = serializers.CharField()
    kind = serializers.CharField(help_text=_codes(CommentKind.values))
    severity = serializers.CharField(help_text=_codes(Severity.values))


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
    current_round = serializers.IntegerField(
        source="current_round_id",
        allow_null=True,
        read_only=True,
        help_text="The id to send as `seen_round` when assigning.",
    )
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
            "outcome_note",
            "current_round",
            "created",
            "submitted_at",
        ]


class SeatOutSerializer(serializers.ModelSerializer):
    reviewer = serializers.IntegerField(source="reviewer_id")
    name = serializers.CharField(source="reviewer.__str__")
    state = serializers.CharField(help_text=_codes(AssignmentState.values))

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
        if request.current_round is None or not _user(self.context["request"]).has_perm(
            "reviews.coordinate"
        ):
            return []
        found = queries.round_assignments(request.current_round)
        return SeatOutSerializer(found, many=True).data  # type: ignore[return-value]

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

    def validate_protocol_summary(self, upload: Any) -> Any:
        return _checked_upload(upload)

    def validate_leaflet(self, upload: Any) -> Any:
        return _checked_upload(upload)

    def validate_consent(self, upload: Any) -> Any:
        return _checked_upload(upload)


def _checked_upload(upload: Any) -> Any:
    """A document checked by its content, as the page's form checks it."""
    try:
        validate_upload(upload, allowed=DOCUMENTS)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return upload


class AssignInSerializer(serializers.Serializer):
    reviewers = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    alternates = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    seen_round = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The current round's id as you read it (`current_round` of the request, "
        "null when there was none): when another coordinator opened or changed the round "
        "meanwhile, the call is refused (409 `stale`) and writes nothing. Without it, the round "
        "read by this call counts.",
    )


class DeclineInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CommentInSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    quote = serializers.CharField()
    start = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    end = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    comment = serializers.CharField()
    suggestion = serializers.CharField(required=False, allow_blank=True, default="")
    # Plain strings (listed in the description): the enums would collide with other "kind"s.
    kind = serializers.CharField(default=CommentKind.OTHER, help_text=_codes(CommentKind.values))
    severity = serializers.CharField(default=Severity.MINOR, help_text=_codes(Severity.values))

    def validate_kind(self, value: str) -> str:
        return _one_of(value, CommentKind.values)

    def validate_severity(self, value: str) -> str:
        return _one_of(value, Severity.values)


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


class RequestEditSerializer(RequestInSerializer):
    """The fields of a request its team may correct before the College takes it."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for name in ("protocol_summary", "leaflet", "consent", "submit"):
            fields.pop(name)
        return fields


class TriageInSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=["accept", "missing_documents", "decline"],
        help_text="accept; missing_documents (say which in `note`); decline (the reason in "
        "`note`).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReasonInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CloseInSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.values, help_text=_codes(Outcome.values))
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the request ends before its report: the reason.",
    )


class UploadInSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_codes(DocumentKind.values))
    file = serializers.FileField()
    start_revision = serializers.BooleanField(
        default=False,
        help_text="Required (true) once the report is sent: the new version starts the "
        "revision (409 `revision` otherwise).",
    )

    def validate_kind(self, value: str) -> str:
        return _one_of(value, DocumentKind.values)

    def validate_file(self, upload: Any) -> Any:
        return _checked_upload(upload)


class ConsolidateInSerializer(serializers.Serializer):
    force = serializers.BooleanField(
        default=False, help_text="Consolidate without waiting for the reviews still expected."
    )


class RoundInSerializer(serializers.Serializer):
    deadline = serializers.DateField()


class ReportDraftSerializer(ReportOutSerializer):
    """The report being prepared; PATCH changes its texts."""

    class Meta(ReportOutSerializer.Meta):
        fields = [
            *ReportOutSerializer.Meta.fields,
            *[f"{c}_text" for c in CRITERIA],
        ]


class ReportEditSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, allow_blank=True)
    readability_text = serializers.CharField(required=False, allow_blank=True)
    framework_text = serializers.CharField(required=False, allow_blank=True)
    constraints_text = serializers.CharField(required=False, allow_blank=True)
    rights_text = serializers.CharField(required=False, allow_blank=True)
    burden_text = serializers.CharField(required=False, allow_blank=True)


class CommentOutSerializer(serializers.ModelSerializer):
    document = serializers.CharField(
        source="version.document.kind", help_text=_codes(DocumentKind.values)
    )
    version_number = serializers.IntegerField(source="version.number")
    kind = serializers.CharField(help_text=_codes(CommentKind.values))
    severity = serializers.CharField(help_text=_codes(Severity.values))
    answer = serializers.CharField(help_text=_codes(AnswerState.values))

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


class AnswerInSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text="Taken into account (true) or not (false).")
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the comment is not taken into account.",
    )


class GridInSerializer(serializers.Serializer):
    """The grid as a draft: every field optional, scores 1–4."""

    readability_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    readability_comment = serializers.CharField(allow_blank=True, required=False)
    framework_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    framework_comment = serializers.CharField(allow_blank=True, required=False)
    constraints_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    constraints_comment = serializers.CharField(allow_blank=True, required=False)
    rights_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    rights_comment = serializers.CharField(allow_blank=True, required=False)
    burden_suggestions = serializers.CharField(allow_blank=True, required=False)


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


def _domain_error(exc: DomainError) -> Response:
    return Response(error_body(str(exc), exc.code), status=status.HTTP_409_CONFLICT)


# --- Views ----------------------------------------------------------------------------------


SCOPES = {
    "mine": "the requests of your research team (you submitted them or are a delegate)",
    "queue": "coordinators: the open requests, oldest sent first",
    "reviewing": "the requests you hold a seat in as a reviewer",
}


class ReviewRequestListView(generics.ListAPIView):
    """The review requests you may see, by role: coordinators every sent request (`?scope=queue`:
    the open ones, oldest sent first), a research team its own (`?scope=mine`), a reviewer those
    they hold a seat in (`?scope=reviewing`; their assignments are under `/assignments`).
    `?status=` narrows to one status. POST creates one (multipart with the documents)."""

    serializer_class = RequestOutSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "scope",
                enum=list(SCOPES),
                required=False,
                description="; ".join(f"`{k}`: {v}" for k, v in SCOPES.items()),
            ),
            OpenApiParameter(
                "status", enum=RequestStatus.values, required=False, description="One status."
            ),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        user = _user(self.request)
        scope = self.request.query_params.get("scope", "")
        found = queries.requests_visible_to(user)
        if scope and scope not in SCOPES:
            raise serializers.ValidationError({"scope": [_codes(list(SCOPES))]})
        if scope == "mine":
            found = queries.requests_of(user)
        elif scope == "queue":
            if not user.has_perm("reviews.coordinate"):
                raise PermissionDenied(_("Only coordinators have a queue."))
            found = queries.triage_queue()
        elif scope == "reviewing":
            found = found.filter(
                pk__in=queries.assignments_of(user)
                .filter(state__in=SEAT_STATES)
                .values("round__request")
            )
        status_given = self.request.query_params.get("status", "")
        if status_given:
            if status_given not in RequestStatus.values:
                raise serializers.ValidationError({"status": [_codes(RequestStatus.values)]})
            found = found.filter(status=status_given)
        if scope == "queue":
            return found
        return found.order_by("-created", "-pk")

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
    documents, rounds, the current round's progress (and, for coordinators, its seats) and the
    latest report sent. Its team may PATCH a draft (or a request whose documents were asked for:
    title, category, disease areas, organizations, reviewers wanted…) and DELETE a draft."""

    serializer_class = RequestDetailSerializer

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        return queries.requests_visible_to(_user(self.request)).prefetch_related("rounds")

    @extend_schema(
        request=RequestEditSerializer,
        responses={
            200: RequestDetailSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        current = presenters.editable_values(review_request)
        for name in ("disease_areas", "organizations"):
            current[name] = [item.pk for item in current[name]]
        data = RequestEditSerializer(data={**current, **_plain(request.data)})
        data.is_valid(raise_exception=True)
        try:
            services.update_draft(review_request, by=_user(request), **data.validated_data)
        except DomainError as exc:
            return _domain_error(exc)
        return Response(_detail(request, review_request.pk))

    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer, 409: ErrorSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        try:
            services.delete_draft(review_request, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _plain(data: Any) -> dict[str, Any]:
    """A request body as a dict, lists kept (a form body's repeated keys)."""
    if hasattr(data, "getlist"):
        return {
            k: data.getlist(k) if k in ("disease_areas", "organizations") else data[k] for k in data
        }
    return dict(data)


def _own(request: Request, pk: int) -> ReviewRequest:
    """A request of the caller's research team (others: not found)."""
    return get_object_or_404(queries.requests_of(_user(request)), pk=pk)


def _detail(request: Request, pk: int) -> dict[str, Any]:
    fresh = queries.requests_visible_to(_user(request)).prefetch_related("rounds").get(pk=pk)
    return RequestDetailSerializer(fresh, context={"request": request}).data  # type: ignore[return-value]


_CONFLICT = {
    200: RequestDetailSerializer,
    400: ErrorSerializer,
    404: ErrorSerializer,
    409: ErrorSerializer,
}


class _RequestAction(APIView):
    """One service on one request, answering the request as it is after it."""

    def done(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))


class SendView(_RequestAction):
    """The team sends its draft (or sends it again after documents were asked for)."""

    @extend_schema(request=None, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        try:
            services.submit_request(review_request, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return self.done(request, pk)


class TriageView(_RequestAction):
    """Coordinator: accept the request, ask for documents, or decline it (as the page's triage)."""

    @extend_schema(request=TriageInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        data = TriageInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision, note = data.validated_data["decision"], data.validated_data["note"]
        try:
            if decision == "accept":
                services.accept_request(review_request, by=_user(request))
            elif decision == "missing_documents":
                services.ask_for_documents(review_request, by=_user(request), note=note)
            else:
                services.decline_request(review_request, by=_user(request), reason=note)
        except DomainError as exc:
            return _domain_error(exc)
        return self.done(request, pk)


class DocumentUploadView(_RequestAction):
    """The team uploads a (new version of a) document. Once the report is sent, a new version
    starts the revision: say so with `start_revision=true`."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]  # JSON: only to say what is missing

    @extend_schema(
        request={"multipart/form-data": UploadInSerializer},
        responses={
            201: VersionOutSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        data = UploadInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = services.add_document_version(
                review_request,
                kind=data.validated_data["kind"],
                upload=data.validated_data["file"],
                by=_user(request),
                start_revision=data.validated_data["start_revision"],
            )
        except DomainError as exc:
            return _domain_error(exc)
        return Response(VersionOutSerializer(version).data, status=201)


class ConsolidateView(APIView):
    """Coordinator: end the round's reviewing and draft the report from the reviews received
    (`force` to go on without the reviews still expected)."""

    @extend_schema(
        request=ConsolidateInSerializer,
        responses={
            201: ReportDraftSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        data = ConsolidateInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            report = services.start_consolidation(
                review_request, by=_user(request), force=data.validated_data["force"]
            )
        except DomainError as exc:
            return _domain_error(exc)
        return Response(ReportDraftSerializer(report).data, status=201)


def _draft_report(request: Request, pk: int) -> ConsolidatedReport:
    review_request = _coordinated(request, pk)
    if review_request.current_round_id is None:
        raise Http404
    report = (
        ConsolidatedReport.objects.filter(round_id=review_request.current_round_id)
        .select_related("round")
        .first()
    )
    if report is None:
        raise Http404
    return report


class ReportDraftView(APIView):
    """Coordinator: the current round's report (GET), its texts changed (PATCH) while it is a
    draft."""

    @extend_schema(responses={200: ReportDraftSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportDraftSerializer(_draft_report(request, pk)).data)

    @extend_schema(
        request=ReportEditSerializer,
        responses={
            200: ReportDraftSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        report = _draft_report(request, pk)
        data = ReportEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            report = services.save_report(report, by=_user(request), values=data.validated_data)
        except DomainError as exc:
            return _domain_error(exc)
        return Response(ReportDraftSerializer(report).data)


class SendReportView(APIView):
    """Coordinator: send the report to the research team (it also ends the invitations still
    open in the round)."""

    @extend_schema(
        request=None,
        responses={200: ReportOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        report = _draft_report(request, pk)
        try:
            report = services.send_report(report, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return Response(ReportOutSerializer(report).data)


class _ReportFileView(APIView):
    extension = ""

    def get(self, request: Request, pk: int) -> HttpResponse:
        report = _readable_report(request, pk)
        kind = request.query_params.get("document", "")
        if kind and self.extension == "docx":
            version = annotated.commented_version(report, kind)
            if version is None:
                raise Http404
            log_action(
                report.round.request,
                "reviews.report.downloaded",
                by=_user(request),
                data={"format": "docx", "annotated": kind, "version": version.pk},
            )
            return document_response(
                annotated.annotated_docx(report, version), f"{kind}-v{version.number}.docx"
            )
        log_action(
            report.round.request,
            "reviews.report.downloaded",
            by=_user(request),
            data={"format": self.extension, "round": report.round.number},
        )
        return documents.report_response(report, self.extension)


_FILE = {(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ErrorSerializer}


@extend_schema_view(
    get=extend_schema(
        operation_id="review_requests_report_docx",
        responses=_FILE,
        parameters=[
            OpenApiParameter(
                "document",
                enum=DocumentKind.values,
                required=False,
                description="Instead of the report: the team's own DOCX of this document with "
                "the round's comments in the margin at their passages (404 when the team did "
                "not send it as DOCX or no comment was made on it).",
            )
        ],
    )
)
class ReportDocxView(_ReportFileView):
    """The latest report sent, as a Word file (team and coordinators); with `?document=`, the
    team's own file with the comments in the margin."""

    extension = "docx"


@extend_schema_view(get=extend_schema(operation_id="review_requests_report_pdf", responses=_FILE))
class ReportPdfView(_ReportFileView):
    """The latest report sent, as a PDF (team and coordinators)."""

    extension = "pdf"


class CommentsView(APIView):
    """The comments of the sent reviews, to answer (the team; coordinators read them)."""

    @extend_schema(responses={200: CommentOutSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        review_request = get_object_or_404(queries.requests_visible_to(_user(request)), pk=pk)
        if not (
            queries.can_act_for(_user(request), review_request)
            or _user(request).has_perm("reviews.coordinate")
        ):
            raise Http404
        found = queries.comments_for_researcher(review_request)
        return Response(CommentOutSerializer(found, many=True).data)


class AnswerView(APIView):
    """The team answers a comment: taken into account, or not with a reason."""

    @extend_schema(
        request=AnswerInSerializer,
        responses={
            200: CommentOutSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = get_object_or_404(
            AnchoredComment.objects.select_related("version__document__request"),
            pk=pk,
            version__document__request__in=queries.requests_of(_user(request)).values("pk"),
            review__state="submitted",
        )
        data = AnswerInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            comment = services.answer_comment(comment, by=_user(request), **data.validated_data)
        except DomainError as exc:
            return _domain_error(exc)
        return Response(CommentOutSerializer(comment).data)


class NewRoundView(_RequestAction):
    """Coordinator: after a revision, open a new round with the reviewers of the previous one."""

    @extend_schema(request=RoundInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        data = RoundInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.open_new_round(
                review_request, by=_user(request), deadline=data.validated_data["deadline"]
            )
        except DomainError as exc:
            return _domain_error(exc)
        return self.done(request, pk)


class CloseView(_RequestAction):
    """Coordinator: close the request with its outcome, at any stage after it was sent (a
    reason in `note` when it ends before its report). Everyone involved is told."""

    @extend_schema(request=CloseInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _coordinated(request, pk)
        data = CloseInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.close_request(review_request, by=_user(request), **data.validated_data)
        except DomainError as exc:
            return _domain_error(exc)
        return self.done(request, pk)


class WithdrawView(_RequestAction):
    """The team withdraws its sent request at any stage, with a reason. Everyone involved is
    told."""

    @extend_schema(request=ReasonInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        data = ReasonInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.withdraw_request(
                review_request, by=_user(request), reason=data.validated_data["reason"]
            )
        except DomainError as exc:
            return _domain_error(exc)
        return self.done(request, pk)


class VersionView(generics.RetrieveAPIView):
    """A document version you may see: its extracted text (comments quote it and count their
    offsets in it) and the clarity analyzer's report."""

    serializer_class = VersionDetailSerializer

    def get_queryset(self) -> QuerySet[DocumentVersion]:
        return queries.versions_visible_to(_user(self.request))


class VersionDownloadView(APIView):
    """A document version's file (the same rule as the page; the Bearer token is accepted)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        version = get_object_or_404(queries.versions_visible_to(_user(request)), pk=pk)
        return documents.version_response(version, by=_user(request))


def _readable_report(request: Request, pk: int) -> ConsolidatedReport:
    """The latest report sent, for the team and the coordinators (others: not found)."""
    review_request = get_object_or_404(queries.requests_visible_to(_user(request)), pk=pk)
    if not (
        queries.can_act_for(_user(request), review_request)
        or _user(request).has_perm("reviews.coordinate")
    ):
        raise Http404
    report = _latest_report(review_request)
    if report is None:
        raise Http404
    return report


class ReportView(APIView):
    """The latest consolidated report sent (the submitter, delegates and coordinators)."""

    @extend_schema(responses={200: ReportOutSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportOutSerializer(_readable_report(request, pk)).data)


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
                seen_round=data.validated_data.get("seen_round", review_request.current_round_id),
            )
        except DomainError as exc:
            return _domain_error(exc)
        return Response(AssignmentOutSerializer(made, many=True).data, status=201)


class AssignmentListView(generics.ListAPIView):
    """Your own assignments as a reviewer."""

    serializer_class = AssignmentOutSerializer

    def get_queryset(self) -> QuerySet[Assignment]:
        return queries.assignments_of(_user(self.request))


class AssignmentDetailView(generics.RetrieveAPIView):
    """One of your assignments: the documents to read (the protocol summary too, before you
    accept), your grid and your comments."""

    serializer_class = AssignmentDetailSerializer

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


class GridView(_AssignmentAction):
    """Save the grid as a draft (any fields; the review is sent by `/review`)."""

    @extend_schema(
        request=GridInSerializer,
        responses={
            200: GridOutSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        data = GridInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            review = services.save_review(assignment, by=_user(request), values=data.validated_data)
        except DomainError as exc:
            return _domain_error(exc)
        return Response(GridOutSerializer(review).data)


class CommentCreateView(_AssignmentAction):
    """Comment on a passage: `quote` as the version's `text` holds it, with `start`/`end` (its
    offsets) when known; without them the quote is looked up in the text (typographic quotes
    and apostrophes folded)."""

    @extend_schema(
        request=CommentInSerializer,
        responses={
            201: CommentOutSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        data = CommentInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = get_object_or_404(
            DocumentVersion.objects.select_related("document"),
            pk=values.pop("version"),
            document__request_id=assignment.round.request_id,
        )
        try:
            made = services.add_comment(assignment, by=_user(request), version=version, **values)
        except DomainError as exc:
            return _domain_error(exc)
        return Response(CommentOutSerializer(made).data, status=201)


class CommentDeleteView(APIView):
    """Remove one of your comments while your review is a draft."""

    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer, 409: ErrorSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        found = get_object_or_404(
            AnchoredComment,
            pk=pk,
            review__assignment__in=queries.assignments_of(_user(request)).values("pk"),
            carried_from__isnull=True,
        )
        try:
            services.delete_comment(found, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DismissView(APIView):
    """Coordinator: withdraw a reviewer or an alternate (the next alternate is invited)."""

    @extend_schema(
        request=None,
        responses={200: SeatOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        if not _user(request).has_perm("reviews.coordinate"):
            raise Http404
        assignment = get_object_or_404(Assignment, pk=pk)
        try:
            assignment = services.dismiss_assignment(assignment, by=_user(request))
        except DomainError as exc:
            return _domain_error(exc)
        return Response(SeatOutSerializer(assignment).data)


urlpatterns = [
    path("review-requests", ReviewRequestListView.as_view(), name="api-review-requests"),
    path("review-requests/<int:pk>", ReviewRequestDetailView.as_view(), name="api-review-request"),
    path("review-requests/<int:pk>/report", ReportView.as_view(), name="api-review-report"),
    path(
        "review-requests/<int:pk>/assignments",
        RequestAssignmentsView.as_view(),
        name="api-review-assignments",
    ),
    path("review-requests/<int:pk>/send", SendView.as_view(), name="api-review-send"),
    path("review-requests/<int:pk>/triage", TriageView.as_view(), name="api-review-triage"),
    path(
        "review-requests/<int:pk>/documents",
        DocumentUploadView.as_view(),
        name="api-review-documents",
    ),
    path(
        "review-requests/<int:pk>/consolidate",
        ConsolidateView.as_view(),
        name="api-review-consolidate",
    ),
    path(
        "review-requests/<int:pk>/report/draft",
        ReportDraftView.as_view(),
        name="api-review-report-draft",
    ),
    path(
        "review-requests/<int:pk>/report/send",
        SendReportView.as_view(),
        name="api-review-report-send",
    ),
    path(
        "review-requests/<int:pk>/report.docx",
        ReportDocxView.as_view(),
        name="api-review-report-docx",
    ),
    path(
        "review-requests/<int:pk>/report.pdf",
        ReportPdfView.as_view(),
        name="api-review-report-pdf",
    ),
    path("review-requests/<int:pk>/comments", CommentsView.as_view(), name="api-review-comments"),
    path("review-requests/<int:pk>/rounds", NewRoundView.as_view(), name="api-review-rounds"),
    path("review-requests/<int:pk>/close", CloseView.as_view(), name="api-review-close"),
    path("review-requests/<int:pk>/withdraw", WithdrawView.as_view(), name="api-review-withdraw"),
    path("review-comments/<int:pk>", CommentDeleteView.as_view(), name="api-comment"),
    path("review-comments/<int:pk>/answer", AnswerView.as_view(), name="api-comment-answer"),
    path("document-versions/<int:pk>", VersionView.as_view(), name="api-version"),
    path(
        "document-versions/<int:pk>/download",
        VersionDownloadView.as_view(),
        name="api-version-download",
    ),
    path("assignments", AssignmentListView.as_view(), name="api-assignments"),
    path("assignments/<int:pk>", AssignmentDetailView.as_view(), name="api-assignment"),
    path("assignments/<int:pk>/grid", GridView.as_view(), name="api-assignment-grid"),
    path(
        "assignments/<int:pk>/comments",
        CommentCreateView.as_view(),
        name="api-assignment-comments",
    ),
    path("assignments/<int:pk>/dismiss", DismissView.as_view(), name="api-assignment-dismiss"),
    path("assignments/<int:pk>/accept", AcceptView.as_view(), name="api-assignment-accept"),
    path("assignments/<int:pk>/decline", DeclineView.as_view(), name="api-assignment-decline"),
    path("assignments/<int:pk>/review", SubmitReviewView.as_view(), name="api-assignment-review"),
]
