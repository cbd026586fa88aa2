"""An organization's involvement through the API: the same read as the page
(`tandem.reporting.involvement`) and the same DOCX and PDF, for its admins and the
department's staff; another organization's is a 404."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.files import FileView
from tandem.api.serializers import ErrorSerializer
from tandem.directory.models import Organization
from tandem.documents.responses import CONTENT_TYPES
from tandem.reporting import involvement_documents
from tandem.reporting.involvement import (
    Involvement,
    involvement_of,
    involvement_organization,
    years_with_involvement,
)

# --- Output ---------------------------------------------------------------------------------


class ProjectLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    is_public = serializers.BooleanField()
    member_hours = serializers.DecimalField(max_digits=9, decimal_places=1)


class ReviewLineSerializer(serializers.Serializer):
    reviewer = serializers.CharField()
    sent_on = serializers.DateField(allow_null=True)
    category = serializers.CharField()


class EventLineSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    attendees = serializers.ListField(child=serializers.CharField())


class SeatLineSerializer(serializers.Serializer):
    person = serializers.CharField()
    college = serializers.CharField()
    role = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    is_current = serializers.BooleanField()


class TotalsSerializer(serializers.Serializer):
    projects = serializers.IntegerField()
    member_hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    reviews = serializers.IntegerField()
    reviewers = serializers.IntegerField()
    people_trained = serializers.IntegerField()
    attendances = serializers.IntegerField()
    current_seats = serializers.IntegerField()


class InvolvementSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.name")
    year = serializers.IntegerField(allow_null=True)
    totals = TotalsSerializer()
    projects = ProjectLineSerializer(many=True)
    reviews = ReviewLineSerializer(many=True)
    trainings = EventLineSerializer(many=True)
    events = EventLineSerializer(many=True)
    seats = SeatLineSerializer(many=True)


# --- Input ----------------------------------------------------------------------------------


class YearSerializer(serializers.Serializer):
    year = serializers.ChoiceField(
        choices=[],
        required=False,
        help_text="One of the last ten years; without it, every year.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["year"]
        assert isinstance(field, serializers.ChoiceField)
        field.choices = [str(y) for y in years_with_involvement()]


# --- Views ----------------------------------------------------------------------------------


def _involvement(request: Request, pk: int) -> Involvement:
    """The organization's involvement for the year asked, if the caller may read it."""
    assert isinstance(request.user, User)  # authenticated by the default permission
    try:
        organization = involvement_organization(request.user, pk)
    except Organization.DoesNotExist:
        raise Http404 from None
    given = YearSerializer(data=request.query_params)
    given.is_valid(raise_exception=True)
    year = given.validated_data.get("year")
    return involvement_of(organization, year=int(year) if year else None)


class InvolvementView(APIView):
    """What an organization and its members have done: participatory projects, reviews for
    the College, trainings and events attended, seats in the GRAM (its admins and the
    department's staff)."""

    @extend_schema(
        operation_id="organization_involvement",
        parameters=[YearSerializer],
        responses={200: InvolvementSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        inv = _involvement(request, pk)
        inv_data = {
            "organization": inv.organization,
            "year": inv.year,
            "totals": {
                "projects": len(inv.projects),
                "member_hours": inv.member_hours,
                "reviews": len(inv.reviews),
                "reviewers": inv.reviewers,
                "people_trained": inv.people_trained,
                "attendances": inv.attendances,
                "current_seats": inv.current_seats,
            },
            "projects": inv.projects,
            "reviews": inv.reviews,
            "trainings": inv.trainings,
            "events": inv.events,
            "seats": inv.seats,
        }
        return Response(InvolvementSerializer(inv_data).data)


class InvolvementFileView(FileView):
    """The involvement as the page's download, `docx` or `pdf` (its admins and the
    department's staff; another organization's is a 404). Logs
    `reporting.involvement.downloaded` on the organization."""

    @extend_schema(
        operation_id="organization_involvement_file",
        parameters=[YearSerializer],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, CONTENT_TYPES[".docx"]): OpenApiTypes.BINARY,
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, pk: int, ext: str) -> HttpResponse:
        if ext not in ("docx", "pdf"):
            raise Http404
        inv = _involvement(request, pk)
        return involvement_documents.involvement_response(inv, ext, by=cast(User, request.user))


urlpatterns = [
    path(
        "organizations/<int:pk>/involvement",
        InvolvementView.as_view(),
        name="api-organization-involvement",
    ),
    path(
        "organizations/<int:pk>/involvement.<str:ext>",
        InvolvementFileView.as_view(),
        name="api-organization-involvement-file",
    ),
]
