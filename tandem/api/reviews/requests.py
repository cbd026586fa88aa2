"""Review requests through the API: list, create, detail, send, triage, documents, rounds, close,
withdraw, versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, conflict, errors
from tandem.api.files import FileView
from tandem.api.reviews.common import caller, code_list, coordinated_request
from tandem.api.reviews.inputs import (
    CloseInSerializer,
    ReasonInSerializer,
    RequestEditSerializer,
    RequestInSerializer,
    RoundInSerializer,
    TriageInSerializer,
    UploadInSerializer,
)
from tandem.api.reviews.outputs import (
    RequestDetailSerializer,
    RequestOutSerializer,
    VersionDetailSerializer,
    VersionOutSerializer,
)
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError
from tandem.reviews import documents, presenters, queries, services
from tandem.reviews.models import (
    SEAT_STATES,
    DocumentVersion,
    RequestStatus,
    ReviewRequest,
)

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
        user = caller(self.request)
        scope = self.request.query_params.get("scope", "")
        found = queries.requests_visible_to(user)
        if scope and scope not in SCOPES:
            raise serializers.ValidationError({"scope": [code_list(list(SCOPES))]})
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
                raise serializers.ValidationError({"status": [code_list(RequestStatus.values)]})
            found = found.filter(status=status_given)
        if scope == "queue":
            return found
        return found.order_by("-created", "-pk")

    @extend_schema(
        request={
            "multipart/form-data": RequestInSerializer,
            "application/json": RequestInSerializer,
        },
        responses={201: RequestDetailSerializer, **errors(400, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="reviews.submit_request",
            refusal=_("Only researchers may submit review requests."),
            payload=RequestInSerializer,
            call=lambda values: _create(values, by=caller(request)),
            out=lambda made: RequestDetailSerializer(made, context={"request": request}).data,
            status=201,
        )


def _create(values: dict[str, Any], *, by: User) -> ReviewRequest:
    submit = values.pop("submit")
    documents: dict[str, Any] = {
        k: values.pop(k) for k in ("protocol_summary", "leaflet", "consent") if k in values
    }
    made = services.create_request(by=by, documents=documents, submit=submit, **values)
    made.refresh_from_db()
    return made


class ReviewRequestDetailView(generics.RetrieveAPIView):
    """A request you may see (yours, or one you review; coordinators see all): status,
    documents, rounds, the current round's progress (and, for coordinators, its seats) and the
    latest report sent. Its team may PATCH a draft (or a request whose documents were asked for:
    title, category, disease areas, organizations, reviewers wanted…) and DELETE a draft."""

    serializer_class = RequestDetailSerializer

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        return queries.requests_visible_to(caller(self.request)).prefetch_related("rounds")

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
            services.update_draft(review_request, by=caller(request), **data.validated_data)
        except DomainError as exc:
            return conflict(exc)
        return Response(_detail(request, review_request.pk))

    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer, 409: ErrorSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        return act(
            request,
            call=lambda _data: services.delete_draft(review_request, by=caller(request)),
            out=lambda _deleted: None,
            status=status.HTTP_204_NO_CONTENT,
        )


def _plain(data: Any) -> dict[str, Any]:
    """A request body as a dict, lists kept (a form body's repeated keys)."""
    if hasattr(data, "getlist"):
        return {
            k: data.getlist(k) if k in ("disease_areas", "organizations") else data[k] for k in data
        }
    return dict(data)


def _own(request: Request, pk: int) -> ReviewRequest:
    """A request of the caller's research team (others: not found)."""
    return get_object_or_404(queries.requests_of(caller(request)), pk=pk)


def _detail(request: Request, pk: int) -> dict[str, Any]:
    fresh = queries.requests_visible_to(caller(request)).prefetch_related("rounds").get(pk=pk)
    return RequestDetailSerializer(fresh, context={"request": request}).data  # type: ignore[return-value]


_CONFLICT = {200: RequestDetailSerializer, **errors(400, 404, 409)}


class _RequestAction(APIView):
    """One service on one request, answering the request as it is after it."""

    def write(
        self,
        request: Request,
        pk: int,
        call: Callable[[dict[str, Any]], object],
        payload: type[serializers.Serializer] | None = None,
    ) -> Response:
        return act(request, payload=payload, call=call, out=lambda _done: _detail(request, pk))


class SendView(_RequestAction):
    """The team sends its draft (or sends it again after documents were asked for)."""

    @extend_schema(request=None, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        return self.write(
            request, pk, lambda _data: services.submit_request(review_request, by=caller(request))
        )


class TriageView(_RequestAction):
    """Coordinator: accept the request, ask for documents, or decline it (as the page's triage)."""

    @extend_schema(request=TriageInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = coordinated_request(request, pk)

        def triage(data: dict[str, Any]) -> object:
            decision, note, by = data["decision"], data["note"], caller(request)
            if decision == "accept":
                return services.accept_request(review_request, by=by)
            if decision == "missing_documents":
                return services.ask_for_documents(review_request, by=by, note=note)
            return services.decline_request(review_request, by=by, reason=note)

        return self.write(request, pk, triage, TriageInSerializer)


class DocumentUploadView(_RequestAction):
    """The team uploads a (new version of a) document. Once the report is sent, a new version
    starts the revision: say so with `start_revision=true`."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]  # JSON: only to say what is missing

    @extend_schema(
        request={"multipart/form-data": UploadInSerializer},
        responses={201: VersionOutSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        return act(
            request,
            payload=UploadInSerializer,
            call=lambda data: services.add_document_version(
                review_request, upload=data.pop("file"), by=caller(request), **data
            ),
            out=lambda version: VersionOutSerializer(version).data,
            status=201,
        )


class NewRoundView(_RequestAction):
    """Coordinator: after a revision, open a new round with the reviewers of the previous one."""

    @extend_schema(request=RoundInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = coordinated_request(request, pk)
        return self.write(
            request,
            pk,
            lambda data: services.open_new_round(
                review_request, by=caller(request), deadline=data["deadline"]
            ),
            RoundInSerializer,
        )


class CloseView(_RequestAction):
    """Coordinator: close the request with its outcome, at any stage after it was sent (a
    reason in `note` when it ends before its report). Everyone involved is told."""

    @extend_schema(request=CloseInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = coordinated_request(request, pk)
        return self.write(
            request,
            pk,
            lambda data: services.close_request(review_request, by=caller(request), **data),
            CloseInSerializer,
        )


class WithdrawView(_RequestAction):
    """The team withdraws its sent request at any stage, with a reason. Everyone involved is
    told."""

    @extend_schema(request=ReasonInSerializer, responses=_CONFLICT)
    def post(self, request: Request, pk: int) -> Response:
        review_request = _own(request, pk)
        return self.write(
            request,
            pk,
            lambda data: services.withdraw_request(
                review_request, by=caller(request), reason=data["reason"]
            ),
            ReasonInSerializer,
        )


class VersionView(generics.RetrieveAPIView):
    """A document version you may see: its extracted text (comments quote it and count their
    offsets in it) and the clarity analyzer's report."""

    serializer_class = VersionDetailSerializer

    def get_queryset(self) -> QuerySet[DocumentVersion]:
        return queries.versions_visible_to(caller(self.request))


class VersionDownloadView(FileView):
    """A document version's file (the same rule as the page; the Bearer token is accepted)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        version = get_object_or_404(queries.versions_visible_to(caller(request)), pk=pk)
        return documents.version_response(version, by=caller(request))
