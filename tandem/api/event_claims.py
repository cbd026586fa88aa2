"""Travel expense claims through the API: the same reads and services as the pages
(`tandem.events.services.claims`). A volunteer sends a claim with receipts for an event they
had a place at; the officers list the claims and approve or reject them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.events import MAX_ID, CodeField
from tandem.api.files import FileView
from tandem.api.serializers import ErrorSerializer
from tandem.core.uploads import validate_upload
from tandem.core.validators import validate_text
from tandem.events import documents, queries, services
from tandem.events.forms import RECEIPT_KINDS
from tandem.events.models import ClaimStatus, ExpenseClaim, Receipt


def _user(request: Request) -> User:
    return cast(User, request.user)


class ReceiptOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    file_name = serializers.CharField(source="original_filename")
    file_kind = serializers.CharField(source="kind")


class ClaimOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.CharField(source="get_absolute_url")
    event = serializers.IntegerField(source="event_id")
    event_title = serializers.CharField(source="event.title")
    person = serializers.CharField(source="user.get_full_name")
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)
    description = serializers.CharField()
    status = CodeField(ClaimStatus.choices, read_only=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    created = serializers.DateTimeField()
    receipts = ReceiptOutSerializer(many=True)


class ClaimInSerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    amount = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("10000"),
    )
    description = serializers.CharField(max_length=2000, validators=[validate_text])
    receipts = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        max_length=10,
        help_text="PDF, PNG or JPEG files (at most 10).",
    )

    def validate_receipts(self, files: list[Any]) -> list[tuple[Any, str]]:
        checked = []
        for upload in files:
            try:
                checked.append((upload, validate_upload(upload, allowed=RECEIPT_KINDS)))
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return checked


class ClaimDecisionInSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True, validators=[validate_text]
    )


def _claims(user: User) -> QuerySet[ExpenseClaim]:
    return queries.claims_visible_to(user).prefetch_related("receipts")


def _claim_out(user: User, pk: int) -> dict[str, Any]:
    return ClaimOutSerializer(_claims(user).get(pk=pk)).data  # type: ignore[no-any-return]


class ClaimListView(generics.ListAPIView):
    """Your travel expense claims (the officers: every claim, `status` to filter). POST sends
    a claim with its receipts (multipart), for an event you had a place at and were not
    recorded as absent from."""

    serializer_class = ClaimOutSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[ExpenseClaim]:
        claims = _claims(_user(self.request))
        wanted = self.request.query_params.get("status", "")
        return claims.filter(status=wanted) if wanted in ClaimStatus.values else claims

    @extend_schema(
        parameters=[OpenApiParameter("status", str, description="submitted, approved, rejected")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ClaimInSerializer},
        responses={201: ClaimOutSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        return act(
            request,
            payload=ClaimInSerializer,
            call=lambda data: services.submit_claim(
                by=user,
                # Only an event the person may see is named (a members-only one stays unknown).
                event=get_object_or_404(queries.events_visible_to(user), pk=data.pop("event")),
                **data,
            ),
            out=lambda claim: _claim_out(user, claim.pk),
            status=201,
        )


class ClaimView(APIView):
    """A claim: its person and the officers."""

    @extend_schema(responses={200: ClaimOutSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(_claims(_user(request)), pk=pk)
        return Response(ClaimOutSerializer(claim).data)


class ClaimDecisionView(APIView):
    """The officers approve or reject a claim (a rejection says why); the person is told."""

    @extend_schema(
        request=ClaimDecisionInSerializer,
        responses={200: ClaimOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        # Officers only, before the claim is looked up: every claim is theirs to see.
        if not user.has_perm("events.manage_events"):
            raise PermissionDenied
        claim = get_object_or_404(_claims(user), pk=pk)
        return act(
            request,
            payload=ClaimDecisionInSerializer,
            call=lambda data: services.decide_claim(claim, by=user, **data),
            out=lambda _decided: _claim_out(user, pk),
        )


class ReceiptFileView(FileView):
    """A claim's receipt (its person and the officers), served as the type it was checked
    to be."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            401: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int, receipt_pk: int) -> FileResponse:
        claim = get_object_or_404(_claims(_user(request)), pk=pk)
        receipt = get_object_or_404(Receipt, claim=claim, pk=receipt_pk)
        return documents.receipt_response(receipt)


urlpatterns = [
    path("expense-claims", ClaimListView.as_view(), name="api-expense-claims"),
    path("expense-claims/<int:pk>", ClaimView.as_view(), name="api-expense-claim"),
    path(
        "expense-claims/<int:pk>/decision",
        ClaimDecisionView.as_view(),
        name="api-expense-claim-decision",
    ),
    path(
        "expense-claims/<int:pk>/receipts/<int:receipt_pk>/file",
        ReceiptFileView.as_view(),
        name="api-expense-claim-receipt",
    ),
]
