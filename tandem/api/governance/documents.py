"""A GRAM meeting's documents through the API: the secretariat attaches them and their new
versions, the members comment on them; the file of each version (the page's address, which a
token cannot open, is not enough)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act
from tandem.api.files import FileView
from tandem.api.governance._common import WRITE, _meeting, _user
from tandem.api.serializers import ErrorSerializer
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line
from tandem.governance import documents, services
from tandem.governance.models import DocumentComment, MeetingDocument


class DocumentOutSerializer(serializers.ModelSerializer):
    replaces = serializers.IntegerField(source="previous_id", allow_null=True)
    sent_with_convocation = serializers.SerializerMethodField()
    download_url = serializers.CharField(source="get_download_url")

    class Meta:
        model = MeetingDocument
        fields = [
            "id",
            "title",
            "version",
            "replaces",
            "late",
            "sent_with_convocation",
            "download_url",
        ]

    def get_sent_with_convocation(self, document: MeetingDocument) -> bool:
        return document.frozen_at is not None


class DocumentInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    file = serializers.FileField()

    def validate_file(self, upload: Any) -> Any:
        try:
            validate_upload(upload, allowed=DOCUMENTS)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload


class DocumentVersionInSerializer(DocumentInSerializer):
    title = serializers.CharField(
        max_length=200,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_single_line],
    )


class DocumentCommentOutSerializer(serializers.ModelSerializer):
    author = serializers.IntegerField(source="author_id")
    document = serializers.IntegerField(source="document_id")

    class Meta:
        model = DocumentComment
        fields = ["id", "document", "author", "text", "created"]


class DocumentCommentInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


def _document(request: Request, pk: int) -> MeetingDocument:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)


class DocumentsView(APIView):
    """POST (multipart: title, file) attaches a document to the meeting (the secretariat);
    after the convocation it is marked late and the members are told."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentInSerializer},
        responses={201: DocumentOutSerializer, **WRITE},
        operation_id="governance_document_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.add_document(
                meeting, title=data["title"], upload=data["file"], by=_user(request)
            ),
            out=lambda d: DocumentOutSerializer(d).data,
            payload=DocumentInSerializer,
            status=201,
        )


class DocumentVersionView(APIView):
    """POST (multipart: file, optional title) replaces the document with a new version (the
    secretariat): the old one is kept; after the convocation the members are told. A document
    that already has a newer version is refused (409 `document_superseded`)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentVersionInSerializer},
        responses={201: DocumentOutSerializer, **WRITE},
        operation_id="governance_document_version_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.add_document(
                document.meeting,
                title=data["title"],
                upload=data["file"],
                replaces=document,
                by=_user(request),
            ),
            out=lambda d: DocumentOutSerializer(d).data,
            payload=DocumentVersionInSerializer,
            status=201,
        )


class DocumentCommentsView(APIView):
    """GET the comments on a document; POST one (a member of the meeting or the secretariat,
    before the meeting begins)."""

    @extend_schema(
        responses={200: DocumentCommentOutSerializer(many=True), 404: ErrorSerializer},
        operation_id="governance_document_comments_list",
    )
    def get(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return Response(DocumentCommentOutSerializer(document.comments.all(), many=True).data)

    @extend_schema(
        request=DocumentCommentInSerializer,
        responses={201: DocumentCommentOutSerializer, **WRITE},
        operation_id="governance_document_comment_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        document = _document(request, pk)
        return act(
            request,
            payload=DocumentCommentInSerializer,
            call=lambda data: services.comment_on_document(
                document, person=_user(request), text=data["text"]
            ),
            out=lambda c: DocumentCommentOutSerializer(c).data,
            status=201,
        )


class DocumentFileView(FileView):
    """The file of one version of a meeting document, as uploaded (PDF, DOCX or ODT)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            401: ErrorSerializer,
            404: ErrorSerializer,
        },
        operation_id="governance_document_file",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        if not request.user.has_perm("governance.view_members_area"):
            raise Http404
        return documents.meeting_document_response(get_object_or_404(MeetingDocument, pk=pk))
