"""Agreements through the API: the same reads and services as the pages
(`tandem.incubator.services.agreements`). The department's officers generate a project's
agreement from a template of the library, record the signatures and store the signed copy;
the project's participants read the agreement and download its versions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, conflict, errors
from tandem.api.errors import error_body
from tandem.api.files import FileView
from tandem.api.incubator._common import MANAGES, _user
from tandem.api.serializers import ErrorSerializer
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.uploads import PDF, validate_upload
from tandem.core.validators import validate_single_line
from tandem.incubator import queries, services
from tandem.incubator.models import Agreement, Project, Resource, ResourceKind
from tandem.incubator.views.common import file_response


def _officers_only() -> str:
    return _("Only the department's officers handle agreements.")


def _manages(user: User) -> bool:
    return user.has_perm(MANAGES)


# --- Output ---------------------------------------------------------------------------------


class AgreementVersionOutSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    language = serializers.CharField()
    created = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.get_full_name", default="")
    download = serializers.SerializerMethodField()

    def get_download(self, version: Any) -> str:
        return reverse("api-agreement-download", args=[version.agreement_id, version.number])


class SignatureOutSerializer(serializers.Serializer):
    party = serializers.CharField()
    signatory = serializers.CharField()
    signed_on = serializers.DateField()


class AgreementOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.CharField(source="get_absolute_url")
    project = serializers.IntegerField(source="project_id")
    template = serializers.IntegerField(source="template_id")
    template_title = serializers.CharField(source="template.title")
    versions = AgreementVersionOutSerializer(many=True)
    signatures = SignatureOutSerializer(many=True)
    has_signed_copy = serializers.SerializerMethodField()

    def get_has_signed_copy(self, agreement: Agreement) -> bool:
        return bool(agreement.signed_copy)


# --- Input ----------------------------------------------------------------------------------


class GenerateInSerializer(serializers.Serializer):
    template = serializers.PrimaryKeyRelatedField(
        queryset=Resource.objects.filter(
            kind=ResourceKind.AGREEMENT_TEMPLATE, latest__isnull=False
        ),
        help_text="An agreement template of the library (GET /api/v1/resources).",
    )
    language = serializers.CharField(
        max_length=2, default="fr", help_text="One of: fr, en (the agreement's language)."
    )

    def validate_language(self, value: str) -> str:
        if value not in ("fr", "en"):
            raise serializers.ValidationError(_("Not a valid choice."))
        return value


class SignatureInSerializer(serializers.Serializer):
    party = serializers.CharField(max_length=200, validators=[validate_single_line])
    signatory = serializers.CharField(max_length=200, validators=[validate_single_line])
    signed_on = serializers.DateField()


class SignedCopyInSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The signed copy, a PDF.")

    def validate_file(self, upload: Any) -> Any:
        try:
            validate_upload(upload, allowed=(PDF,))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload


# --- Reads ----------------------------------------------------------------------------------


def _agreements(user: User) -> QuerySet[Agreement]:
    """The agreements of the projects a person opens, with everything the answer shows."""
    return (
        Agreement.objects.filter(project__in=queries.projects_of(user).values("pk"))
        .select_related("project", "template")
        .prefetch_related("versions__created_by", "signatures")
        .order_by("pk")
    )


def _agreement(request: Request, pk: int) -> Agreement:
    """An agreement for the officers and the project's participants; 404 for the others
    (a public project's reader does not learn that it has one)."""
    user = _user(request)
    agreement = get_object_or_404(_agreements(user), pk=pk)
    if not queries.takes_part(user, agreement.project):
        raise Http404
    return agreement


def _conflict(exc: DomainError) -> Response:
    """A 409 that lists what the project lacks (`errors.missing`) when that is the reason."""
    if isinstance(exc, services.MissingData):
        body = error_body(str(exc), exc.code, {"missing": exc.missing})
        return Response(body, status=status.HTTP_409_CONFLICT)
    return conflict(exc)


def _agreement_out(user: User, pk: int) -> dict[str, Any]:
    return AgreementOutSerializer(_agreements(user).get(pk=pk)).data  # type: ignore[no-any-return]


# --- Views ----------------------------------------------------------------------------------


class ProjectAgreementsView(APIView):
    """A project's agreements (its officers and participants). POST (the department's
    officers) generates the agreement from a template, filled with the project's data: a
    new agreement, or a new version of the one made from the same template; a 409 lists
    what the project lacks (`errors.missing`)."""

    def _project(self, request: Request, pk: int) -> Project:
        user = _user(request)
        project = get_object_or_404(queries.projects_of(user), pk=pk)
        if not queries.takes_part(user, project):
            raise Http404
        return project

    @extend_schema(
        operation_id="projects_agreements_list",
        responses={200: AgreementOutSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        project = self._project(request, pk)
        rows = _agreements(_user(request)).filter(project=project)
        return Response(AgreementOutSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="projects_agreements_create",
        request=GenerateInSerializer,
        responses={201: AgreementOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        project = self._project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=GenerateInSerializer,
            call=lambda data: services.generate_agreement(project, by=user, **data),
            out=lambda version: _agreement_out(user, version.agreement_id),
            status=201,
            on_conflict=_conflict,
        )


class AgreementView(APIView):
    """An agreement: its versions, signatures and whether the signed copy is stored."""

    @extend_schema(responses={200: AgreementOutSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(AgreementOutSerializer(_agreement(request, pk)).data)


class AgreementDownloadView(FileView):
    """A version of the agreement, as the Word file generated."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int, number: int) -> FileResponse:
        agreement = _agreement(request, pk)
        version = get_object_or_404(agreement.versions, number=number)
        log_action(
            agreement, "incubator.agreement.downloaded", by=_user(request), data={"version": number}
        )
        return file_response(
            version.file, name=_("agreement-%(n)s.docx") % {"n": number}, kind="docx"
        )


class AgreementSignaturesView(APIView):
    """The department's officers record who signed for a party, and when."""

    @extend_schema(
        request=SignatureInSerializer,
        responses={201: AgreementOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        agreement = _agreement(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=SignatureInSerializer,
            call=lambda data: services.record_signature(agreement, by=user, **data),
            out=lambda _signed: _agreement_out(user, pk),
            status=201,
        )


class AgreementSignedCopyView(FileView):
    """The signed copy: GET downloads it (404 while none is stored); PUT (the department's
    officers, multipart, a PDF) stores it, once the signatures are recorded."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> FileResponse:
        agreement = _agreement(request, pk)
        if not agreement.signed_copy:
            raise Http404
        return file_response(agreement.signed_copy, name=agreement.signed_copy_name, kind="pdf")

    @extend_schema(
        request={"multipart/form-data": SignedCopyInSerializer},
        responses={200: AgreementOutSerializer, **errors(400, 403, 404, 409)},
    )
    def put(self, request: Request, pk: int) -> Response:
        user = _user(request)
        agreement = _agreement(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=SignedCopyInSerializer,
            call=lambda data: services.store_signed_copy(agreement, upload=data["file"], by=user),
            out=lambda _stored: _agreement_out(user, pk),
        )


urlpatterns = [
    path(
        "projects/<int:pk>/agreements",
        ProjectAgreementsView.as_view(),
        name="api-project-agreements",
    ),
    path("agreements/<int:pk>", AgreementView.as_view(), name="api-agreement"),
    path(
        "agreements/<int:pk>/versions/<int:number>/download",
        AgreementDownloadView.as_view(),
        name="api-agreement-download",
    ),
    path(
        "agreements/<int:pk>/signatures",
        AgreementSignaturesView.as_view(),
        name="api-agreement-signatures",
    ),
    path(
        "agreements/<int:pk>/signed-copy",
        AgreementSignedCopyView.as_view(),
        name="api-agreement-signed-copy",
    ),
]
