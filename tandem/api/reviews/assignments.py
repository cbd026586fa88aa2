"""Assignments through the API: the coordinator's suggestion and choice; a reviewer's accept,
decline, grid, comments and review; the reviewer's certificate of their reviews."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import Invalid, act, errors, refused
from tandem.api.files import FileView
from tandem.api.reviews.common import caller, coordinated_request
from tandem.api.reviews.inputs import (
    AssignInSerializer,
    CommentInSerializer,
    DeclineInSerializer,
    GridInSerializer,
    ReviewInSerializer,
)
from tandem.api.reviews.outputs import (
    AssignmentDetailSerializer,
    AssignmentOutSerializer,
    CommentOutSerializer,
    GridOutSerializer,
    SeatOutSerializer,
    SuggestionOutSerializer,
)
from tandem.api.serializers import ErrorSerializer
from tandem.documents.responses import CONTENT_TYPES
from tandem.reviews import documents, presenters, queries, services
from tandem.reviews.models import (
    AnchoredComment,
    Assignment,
    DocumentVersion,
)


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
        review_request = coordinated_request(request, pk)
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
        responses={201: AssignmentOutSerializer(many=True), **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = coordinated_request(request, pk)

        def assign(data: dict[str, Any]) -> list[Assignment]:
            ids = [*data["reviewers"], *data["alternates"]]
            people = {u.pk: u for u in User.objects.filter(pk__in=ids)}
            if set(ids) - set(people):
                raise Invalid("reviewers", _("Unknown reviewer id."))
            return services.assign_reviewers(
                review_request,
                by=caller(request),
                reviewers=[people[i] for i in data["reviewers"]],
                alternates=[people[i] for i in data["alternates"]],
                deadline=data["deadline"],
                seen_round=data.get("seen_round", review_request.current_round_id),
            )

        return act(
            request,
            payload=AssignInSerializer,
            call=assign,
            out=lambda made: AssignmentOutSerializer(made, many=True).data,
            status=201,
        )


class AssignmentListView(generics.ListAPIView):
    """Your own assignments as a reviewer."""

    serializer_class = AssignmentOutSerializer

    def get_queryset(self) -> QuerySet[Assignment]:
        return queries.assignments_of(caller(self.request))


class AssignmentDetailView(generics.RetrieveAPIView):
    """One of your assignments: the documents to read (the protocol summary too, before you
    accept), your grid and your comments."""

    serializer_class = AssignmentDetailSerializer

    def get_queryset(self) -> QuerySet[Assignment]:
        return queries.assignments_of(caller(self.request))


def _assignment_out(assignment: Assignment) -> dict[str, Any]:
    return AssignmentOutSerializer(assignment).data  # type: ignore[no-any-return]


class _AssignmentAction(APIView):
    def _assignment(self, request: Request, pk: int) -> Assignment:
        return get_object_or_404(queries.assignments_of(caller(request)), pk=pk)


class AcceptView(_AssignmentAction):
    @extend_schema(
        request=None,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        return act(
            request,
            call=lambda _data: services.accept_assignment(assignment, by=caller(request)),
            out=_assignment_out,
        )


class DeclineView(_AssignmentAction):
    @extend_schema(
        request=DeclineInSerializer,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        return act(
            request,
            payload=DeclineInSerializer,
            call=lambda data: services.decline_assignment(
                assignment, by=caller(request), reason=data["reason"]
            ),
            out=_assignment_out,
        )


class SubmitReviewView(_AssignmentAction):
    """Send the grid and the anchored comments in one call (all or nothing)."""

    @extend_schema(
        request=ReviewInSerializer,
        responses={200: AssignmentOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)

        def fresh(_review: object) -> dict[str, Any]:
            assignment.refresh_from_db()
            return _assignment_out(assignment)

        return act(
            request,
            payload=ReviewInSerializer,
            call=lambda values: services.submit_review(
                assignment, by=caller(request), comments=values.pop("comments"), values=values
            ),
            out=fresh,
        )


class GridView(_AssignmentAction):
    """Save the grid as a draft (any fields; the review is sent by `/review`)."""

    @extend_schema(
        request=GridInSerializer,
        responses={200: GridOutSerializer, **errors(400, 404, 409)},
    )
    def put(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        return act(
            request,
            payload=GridInSerializer,
            call=lambda data: services.save_review(assignment, by=caller(request), values=data),
            out=lambda review: GridOutSerializer(review).data,
        )


class CommentCreateView(_AssignmentAction):
    """Comment on a passage: `quote` as the version's `text` holds it, with `start`/`end` (its
    offsets) when known; without them the quote is looked up in the text (typographic quotes
    and apostrophes folded)."""

    @extend_schema(
        request=CommentInSerializer,
        responses={201: CommentOutSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = self._assignment(request, pk)
        versions = DocumentVersion.objects.select_related("document").filter(
            document__request_id=assignment.round.request_id
        )
        return act(
            request,
            payload=CommentInSerializer,
            call=lambda values: services.add_comment(
                assignment,
                by=caller(request),
                version=get_object_or_404(versions, pk=values.pop("version")),
                **values,
            ),
            out=lambda made: CommentOutSerializer(made).data,
            status=201,
        )


class CommentDeleteView(APIView):
    """Remove one of your comments while your review is a draft."""

    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer, 409: ErrorSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        found = get_object_or_404(
            AnchoredComment,
            pk=pk,
            review__assignment__in=queries.assignments_of(caller(request)).values("pk"),
            carried_from__isnull=True,
        )
        return act(
            request,
            call=lambda _data: services.delete_comment(found, by=caller(request)),
            out=lambda _deleted: None,
            status=status.HTTP_204_NO_CONTENT,
        )


class DismissView(APIView):
    """Coordinator: withdraw a reviewer or an alternate (the next alternate is invited)."""

    @extend_schema(
        request=None,
        responses={200: SeatOutSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        if not caller(request).has_perm("reviews.coordinate"):
            raise Http404
        assignment = get_object_or_404(Assignment, pk=pk)
        return act(
            request,
            call=lambda _data: services.dismiss_assignment(assignment, by=caller(request)),
            out=lambda dismissed: SeatOutSerializer(dismissed).data,
        )


class CertificateView(FileView):
    """Your certificate of the reviews you submitted for the College (reviewers), the page's
    DOCX. Logs `reviews.certificate.downloaded`."""

    @extend_schema(
        responses={(200, CONTENT_TYPES[".docx"]): OpenApiTypes.BINARY, 403: ErrorSerializer},
        operation_id="reviewer_certificate",
    )
    def get(self, request: Request) -> HttpResponse:
        if not request.user.has_perm("reviews.review"):
            return refused()
        return documents.certificate_response(caller(request))
