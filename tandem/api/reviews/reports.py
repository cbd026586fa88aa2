"""The consolidated report through the API: consolidate, draft, send, files, comments and answers."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors
from tandem.api.files import FileView
from tandem.api.reviews.common import caller, coordinated_request
from tandem.api.reviews.inputs import (
    AnswerInSerializer,
    ConsolidateInSerializer,
    ReportEditSerializer,
)
from tandem.api.reviews.outputs import (
    CommentOutSerializer,
    ReportDraftSerializer,
    ReportOutSerializer,
    _latest_report,
)
from tandem.api.serializers import ErrorSerializer
from tandem.core.audit import log_action
from tandem.reviews import documents, queries, services
from tandem.reviews.models import (
    AnchoredComment,
    ConsolidatedReport,
    DocumentKind,
)


class ConsolidateView(APIView):
    """Coordinator: end the round's reviewing and draft the report from the reviews received
    (`force` to go on without the reviews still expected)."""

    @extend_schema(
        request=ConsolidateInSerializer,
        responses={201: ReportDraftSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = coordinated_request(request, pk)
        return act(
            request,
            payload=ConsolidateInSerializer,
            call=lambda data: services.start_consolidation(
                review_request, by=caller(request), force=data["force"]
            ),
            out=lambda report: ReportDraftSerializer(report).data,
            status=201,
        )


def _draft_report(request: Request, pk: int) -> ConsolidatedReport:
    review_request = coordinated_request(request, pk)
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
        responses={200: ReportDraftSerializer, **errors(400, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        report = _draft_report(request, pk)
        return act(
            request,
            payload=ReportEditSerializer,
            call=lambda data: services.save_report(report, by=caller(request), values=data),
            out=lambda saved: ReportDraftSerializer(saved).data,
        )


class SendReportView(APIView):
    """Coordinator: send the report to the research team (it also ends the invitations still
    open in the round)."""

    @extend_schema(
        request=None,
        responses={200: ReportOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        report = _draft_report(request, pk)
        return act(
            request,
            call=lambda _data: services.send_report(report, by=caller(request)),
            out=lambda sent: ReportOutSerializer(sent).data,
        )


class _ReportFileView(FileView):
    extension = ""

    def get(self, request: Request, pk: int) -> HttpResponse:
        report = _readable_report(request, pk)
        kind = request.query_params.get("document", "")
        if kind and self.extension == "docx":
            return documents.annotated_response(report, kind, by=caller(request))
        log_action(
            report.round.request,
            "reviews.report.downloaded",
            by=caller(request),
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
        review_request = get_object_or_404(queries.requests_visible_to(caller(request)), pk=pk)
        if not (
            queries.can_act_for(caller(request), review_request)
            or caller(request).has_perm("reviews.coordinate")
        ):
            raise Http404
        found = queries.comments_for_researcher(review_request)
        return Response(CommentOutSerializer(found, many=True).data)


class AnswerView(APIView):
    """The team answers a comment: taken into account, or not with a reason."""

    @extend_schema(
        request=AnswerInSerializer,
        responses={200: CommentOutSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        comment = get_object_or_404(
            AnchoredComment.objects.select_related("version__document__request"),
            pk=pk,
            version__document__request__in=queries.requests_of(caller(request)).values("pk"),
            review__state="submitted",
        )
        return act(
            request,
            payload=AnswerInSerializer,
            call=lambda data: services.answer_comment(comment, by=caller(request), **data),
            out=lambda answered: CommentOutSerializer(answered).data,
        )


def _readable_report(request: Request, pk: int) -> ConsolidatedReport:
    """The latest report sent, for the team and the coordinators (others: not found)."""
    review_request = get_object_or_404(queries.requests_visible_to(caller(request)), pk=pk)
    if not (
        queries.can_act_for(caller(request), review_request)
        or caller(request).has_perm("reviews.coordinate")
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
