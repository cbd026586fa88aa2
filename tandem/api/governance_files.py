"""A meeting document's file through the API: the API listed the documents with the page's
address, which a token cannot open. The same file as the page, for the members' area (the
members, the director and the secretariat); not found for anyone else."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from tandem.api.serializers import ErrorSerializer
from tandem.documents import document_response
from tandem.governance.models import MeetingDocument


class DocumentFileView(APIView):
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
        document = get_object_or_404(MeetingDocument, pk=pk)
        with document.file.open("rb") as handle:
            return document_response(handle.read(), document.original_filename)


urlpatterns = [
    path(
        "governance/documents/<int:pk>/file",
        DocumentFileView.as_view(),
        name="api-gram-document-file",
    ),
]
