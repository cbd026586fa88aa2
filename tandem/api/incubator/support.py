"""Support requests through the API: ask for support, read them, take one over, change its
status (the department's officers)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors, refused, valid
from tandem.api.incubator._common import MAX_ID, _code_out, _codes, _user
from tandem.core.validators import validate_single_line, validate_text
from tandem.incubator import queries, services
from tandem.incubator.models import SupportKind, SupportRequest, SupportStatus


class SupportOutSerializer(serializers.ModelSerializer):
    kind = _code_out(SupportKind)
    status = _code_out(SupportStatus)
    owner = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField()

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "project",
            "kind",
            "subject",
            "description",
            "status",
            "owner",
            "due_on",
            "is_overdue",
            "created",
        ]

    def get_owner(self, support: SupportRequest) -> str | None:
        return support.owner.get_full_name() if support.owner else None


class SupportInSerializer(serializers.Serializer):
    kind = _codes(SupportKind)
    subject = serializers.CharField(max_length=200, validators=[validate_single_line])
    description = serializers.CharField(max_length=5000, validators=[validate_text])
    project = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    due_on = serializers.DateField(required=False)


class SupportMoveInSerializer(serializers.Serializer):
    to = _codes(SupportStatus)
    note = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True, validators=[validate_text]
    )


class SupportListView(generics.ListAPIView):
    """Support requests you asked for, own, or that belong to your projects (all for the
    department). POST asks for support."""

    serializer_class = SupportOutSerializer

    def get_queryset(self) -> QuerySet[SupportRequest]:
        return queries.support_requests_of(_user(self.request))

    @extend_schema(
        request=SupportInSerializer,
        responses={201: SupportOutSerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        if not user.has_perm("incubator.request_support"):
            return refused(_("Only people with a role in Tandem ask for support."))
        values = valid(SupportInSerializer, request)
        project = None
        if "project" in values:
            project = get_object_or_404(queries.projects_of(user), pk=values.pop("project"))
            if not queries.takes_part(user, project):
                return refused(_("You do not take part in this project."))
        support = services.request_support(user, project=project, **values)
        return Response(SupportOutSerializer(support).data, status=201)


class SupportDetailView(generics.RetrieveAPIView):
    serializer_class = SupportOutSerializer

    def get_queryset(self) -> QuerySet[SupportRequest]:
        return queries.support_requests_of(_user(self.request))


HANDLES_SUPPORT = "incubator.handle_support"


def _support_out(support: SupportRequest) -> dict[str, Any]:
    return SupportOutSerializer(support).data  # type: ignore[no-any-return]


class SupportTakeView(APIView):
    """Take over a request (an officer): 409 `already_taken` when someone else has it."""

    @extend_schema(request=None, responses={200: SupportOutSerializer, **errors(403, 404, 409)})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        support = get_object_or_404(queries.support_requests_of(user), pk=pk)
        return act(
            request,
            allowed=HANDLES_SUPPORT,
            refusal=_("Only the department's officers handle support requests."),
            call=lambda _data: services.take_support_request(support, by=user),
            out=_support_out,
        )


class SupportStatusView(APIView):
    """Change a request's status along its workflow (an officer)."""

    @extend_schema(
        request=SupportMoveInSerializer,
        responses={200: SupportOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        support = get_object_or_404(queries.support_requests_of(user), pk=pk)
        return act(
            request,
            allowed=HANDLES_SUPPORT,
            refusal=_("Only the department's officers handle support requests."),
            payload=SupportMoveInSerializer,
            call=lambda data: services.move_support_request(support, by=user, **data),
            out=_support_out,
        )


urlpatterns = [
    path("support-requests", SupportListView.as_view(), name="api-support-requests"),
    path("support-requests/<int:pk>", SupportDetailView.as_view(), name="api-support-request"),
    path("support-requests/<int:pk>/take", SupportTakeView.as_view(), name="api-support-take"),
    path(
        "support-requests/<int:pk>/status", SupportStatusView.as_view(), name="api-support-status"
    ),
]
