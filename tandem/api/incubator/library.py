"""The resource library through the API: search it (its public part without a token), read a
resource's versions, download one, add a resource, edit it, publish a new version (the
department's officers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors
from tandem.api.files import FileView
from tandem.api.incubator._common import _code_out, _codes, _user
from tandem.api.public import PublicListView, PublicView
from tandem.api.serializers import ErrorSerializer
from tandem.core.audit import log_action
from tandem.core.uploads import validate_upload
from tandem.core.validators import validate_single_line, validate_text
from tandem.incubator import queries, services
from tandem.incubator.forms import LIBRARY_FILES
from tandem.incubator.models import (
    Resource,
    ResourceKind,
    ResourceLanguage,
    ResourceVersion,
    ResourceVisibility,
)
from tandem.incubator.views.common import file_response


class ResourceVersionOutSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ResourceVersion
        fields = ["number", "change_note", "original_filename", "file_kind", "created", "download"]

    def get_download(self, version: ResourceVersion) -> str:
        return f"/api/v1/resources/{version.resource_id}/download?version={version.number}"


class ResourceOutSerializer(serializers.ModelSerializer):
    kind = _code_out(ResourceKind)
    language = _code_out(ResourceLanguage)
    visibility = _code_out(ResourceVisibility)
    latest = ResourceVersionOutSerializer()

    class Meta:
        model = Resource
        fields = ["id", "title", "summary", "kind", "language", "visibility", "latest"]


class ResourceDetailSerializer(ResourceOutSerializer):
    versions = ResourceVersionOutSerializer(many=True)

    class Meta(ResourceOutSerializer.Meta):
        fields = [*ResourceOutSerializer.Meta.fields, "versions"]


class ResourceInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    summary = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True, validators=[validate_text]
    )
    kind = _codes(ResourceKind)
    language = _codes(ResourceLanguage)
    visibility = _codes(ResourceVisibility)
    file = serializers.FileField(
        help_text="PDF, Word, OpenDocument, Excel or plain text; an agreement template is a "
        "Word (DOCX) file whose variables are checked."
    )
    change_note = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True, validators=[validate_text]
    )

    def validate_file(self, upload: Any) -> Any:
        try:
            self.file_kind = validate_upload(upload, allowed=LIBRARY_FILES)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["kind"] == ResourceKind.AGREEMENT_TEMPLATE and self.file_kind != "docx":
            raise serializers.ValidationError(
                {"file": [_("An agreement template must be a Word (DOCX) file.")]}
            )
        return {**data, "file_kind": self.file_kind}


class ResourceEditInSerializer(serializers.Serializer):
    """The fields of the resource's edit page (all of them: PUT)."""

    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    summary = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True, validators=[validate_text]
    )
    language = _codes(ResourceLanguage)
    visibility = _codes(ResourceVisibility)


class VersionInSerializer(serializers.Serializer):
    file = serializers.FileField()
    change_note = serializers.CharField(max_length=2000, validators=[validate_text])

    def validate_file(self, upload: Any) -> Any:
        try:
            self.file_kind = validate_upload(upload, allowed=LIBRARY_FILES)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "file_kind": self.file_kind}


MANAGES_LIBRARY = "incubator.manage_library"


def _resource_out(resource: Resource) -> dict[str, Any]:
    fresh = Resource.objects.prefetch_related("versions").get(pk=resource.pk)
    return ResourceDetailSerializer(fresh).data  # type: ignore[no-any-return]


class ResourceListView(PublicListView):
    """The library as you may see it (the public part without a token): the latest version
    of each resource. Filters: `q` (words), `kind`, `language` (fr, en)."""

    serializer_class = ResourceOutSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    # Reading is public; adding to the library needs a signed-in officer.
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Resource]:
        params = self.request.query_params
        kind = params.get("kind", "")
        language = params.get("language", "")
        return queries.filter_resources(
            queries.resources_for(_user(self.request)),
            q=params.get("q", "")[:200],
            kind=kind if kind in ResourceKind.values else "",
            language=language if language in ("fr", "en") else "",
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words in the title or summary."),
            OpenApiParameter("kind", str, enum=ResourceKind.values),
            OpenApiParameter("language", str, enum=["fr", "en"]),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ResourceInSerializer},
        responses={201: ResourceDetailSerializer, **errors(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        """Add a resource with its first version (the department's officers). An agreement
        template whose variables or syntax are broken is refused (409, naming them)."""
        user = _user(request)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=ResourceInSerializer,
            call=lambda values: services.add_resource(user, upload=values.pop("file"), **values),
            out=_resource_out,
            status=201,
        )


class ResourceDetailView(PublicView, generics.RetrieveAPIView):
    """A resource with all its versions. PUT changes its description, language and who sees
    it (the department's officers)."""

    serializer_class = ResourceDetailSerializer

    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Resource]:
        return queries.resources_for(_user(self.request)).prefetch_related("versions")

    @extend_schema(
        request=ResourceEditInSerializer,
        responses={200: ResourceDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, pk: int) -> Response:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=ResourceEditInSerializer,
            call=lambda data: services.update_resource(resource, by=user, **data),
            out=lambda _updated: _resource_out(resource),
        )


class ResourceDownloadView(FileView, PublicView):
    """The latest version's file, or version `version`'s. Logs
    `incubator.resource.downloaded`."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "version", int, description="A version's number (default: the latest)."
            )
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        wanted = request.query_params.get("version", "")
        number = (
            int(wanted)
            if wanted.isdigit() and len(wanted) < 6
            else (resource.latest.number if resource.latest else 0)
        )
        version = get_object_or_404(resource.versions, number=number)
        log_action(
            resource,
            "incubator.resource.downloaded",
            by=user if user.is_authenticated else None,
            data={"version": number},
        )
        return file_response(version.file, name=version.original_filename, kind=version.file_kind)


class ResourceVersionView(APIView):
    """Publish a new version (the department's officers): it becomes what people find."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": VersionInSerializer},
        responses={201: ResourceVersionOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=VersionInSerializer,
            call=lambda data: services.add_resource_version(
                resource, upload=data.pop("file"), by=user, **data
            ),
            out=lambda version: ResourceVersionOutSerializer(version).data,
            status=201,
        )


urlpatterns = [
    path("resources", ResourceListView.as_view(), name="api-resources"),
    path("resources/<int:pk>", ResourceDetailView.as_view(), name="api-resource"),
    path(
        "resources/<int:pk>/versions", ResourceVersionView.as_view(), name="api-resource-versions"
    ),
    path(
        "resources/<int:pk>/download", ResourceDownloadView.as_view(), name="api-resource-download"
    ),
]
