"""What a person does with their own registration through the API, as on its page: confirm
the place offered to them from the waiting list, give feedback after attending, download the
certificate of attendance. The same services and documents as the pages; someone else's
registration is not found (officers included: acting on it is its person's alone)."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.events import RegistrationSerializer
from tandem.api.files import FileView
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_text
from tandem.events import documents, queries, services
from tandem.events.models import Feedback, Registration, RegistrationStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: Request) -> User:
    return cast(User, request.user)


def _own(request: Request) -> QuerySet[Registration]:
    return queries.registrations_of(_user(request))


class FeedbackSerializer(serializers.Serializer):
    rating = serializers.IntegerField(
        min_value=1, max_value=5, help_text="Overall, how was it? 1 (not good) to 5 (very good)."
    )
    clear = serializers.IntegerField(
        min_value=1, max_value=5, help_text="Was it easy to follow? 1 (very hard) to 5 (very easy)."
    )
    comment = serializers.CharField(
        max_length=4000, required=False, default="", allow_blank=True, validators=[validate_text]
    )


class ConfirmationView(APIView):
    """Take the place offered to you from the waiting list, before the offer expires (an
    expired offer is a 409 `expired`: the place went to the next person)."""

    @extend_schema(request=None, responses={200: RegistrationSerializer, **errors(401, 404, 409)})
    def post(self, request: Request, pk: int) -> Response:
        registration = get_object_or_404(_own(request), pk=pk)
        return act(
            request,
            call=lambda _data: services.confirm_offer(registration, by=_user(request)),
            out=lambda confirmed: RegistrationSerializer(confirmed).data,
        )


class FeedbackView(APIView):
    """After attending: your short feedback, once (again is a 409 `already`; before attending,
    a 409 `not_attended`)."""

    @extend_schema(
        request=FeedbackSerializer,
        responses={201: FeedbackSerializer, **errors(400, 401, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = get_object_or_404(_own(request), pk=pk)
        return act(
            request,
            payload=FeedbackSerializer,
            call=lambda data: services.give_feedback(registration, by=_user(request), **data),
            out=lambda feedback: FeedbackSerializer(cast(Feedback, feedback)).data,
            status=201,
        )


class CertificateView(FileView):
    """Your certificate of attendance, `docx` or `pdf` (not found until you are recorded as
    having attended)."""

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, DOCX): OpenApiTypes.BINARY,
            401: ErrorSerializer,
            404: ErrorSerializer,
        }
    )
    def get(self, request: Request, pk: int, ext: str) -> HttpResponse:
        if ext not in ("docx", "pdf"):
            raise Http404
        registration = get_object_or_404(
            _own(request).filter(status=RegistrationStatus.ATTENDED), pk=pk
        )
        return documents.certificate_response(registration, ext)


urlpatterns = [
    path(
        "registrations/<int:pk>/confirmation",
        ConfirmationView.as_view(),
        name="api-registration-confirmation",
    ),
    path(
        "registrations/<int:pk>/feedback", FeedbackView.as_view(), name="api-registration-feedback"
    ),
    path(
        "registrations/<int:pk>/certificate/<str:ext>",
        CertificateView.as_view(),
        name="api-registration-certificate",
    ),
]
