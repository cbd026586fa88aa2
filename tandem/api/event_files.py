"""The events' downloads through the API, the same files as the pages' (made by
`tandem.events.documents`) for the same people: an event as iCalendar (anyone who may see the
event), the travel expense claims as CSV for accounting (the officers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from tandem.api.events import ManageEvents
from tandem.api.files import FileView
from tandem.api.schema import PUBLIC_OR_TOKEN
from tandem.api.serializers import ErrorSerializer
from tandem.events import documents, queries
from tandem.events.models import ClaimStatus


@method_decorator(login_not_required, name="dispatch")
class EventCalendarView(FileView):
    """The event as an iCalendar attachment, for whoever may see the event (404 otherwise);
    with its video link when your registration holds a place."""

    permission_classes = [AllowAny]

    @extend_schema(
        auth=PUBLIC_OR_TOKEN,
        responses={(200, "text/calendar"): OpenApiTypes.BINARY, 404: ErrorSerializer},
        operation_id="events_calendar_file",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        event = queries.event_detail(request.user, pk)
        registration = (
            queries.registration_of(request.user, event)  # type: ignore[arg-type]
            if request.user.is_authenticated
            else None
        )
        return documents.event_ics_response(event, registration)


class ClaimsExportFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["", *ClaimStatus.values],
        default=ClaimStatus.APPROVED,
        allow_blank=True,
        help_text="The claims of this status (approved by default; empty: every claim).",
    )


class ClaimsExportView(FileView):
    """The travel expense claims for accounting, as the page's travel-expenses.csv (the
    officers): one row per claim, cells escaped against formula injection."""

    permission_classes = [ManageEvents]

    @extend_schema(
        parameters=[ClaimsExportFilterSerializer],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 400: ErrorSerializer},
        operation_id="expense_claims_export",
    )
    def get(self, request: Request) -> HttpResponse:
        given = ClaimsExportFilterSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        return documents.claims_export_response(
            queries.claims_visible_to(request.user),  # type: ignore[arg-type]
            given.validated_data["status"],
        )


urlpatterns = [
    path("events/<int:pk>/event.ics", EventCalendarView.as_view(), name="api-event-calendar"),
    path("expense-claims/export.csv", ClaimsExportView.as_view(), name="api-expense-claims-export"),
]
