"""The directory's export through the API: every organization as the page's CSV or XLSX
(`tandem.directory.transfer.export_response`), for those who may import and export (the
officers and the administrators)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from tandem.api.actions import refused
from tandem.api.files import FileView
from tandem.api.serializers import ErrorSerializer
from tandem.directory import transfer
from tandem.documents.responses import CONTENT_TYPES


class OrganizationsExportView(FileView):
    """Every organization, `csv` or `xlsx`, with the columns the import reads back; cells
    escaped against formulas and control characters."""

    @extend_schema(
        operation_id="organizations_export",
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, CONTENT_TYPES[".xlsx"]): OpenApiTypes.BINARY,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if not request.user.has_perm("directory.import_export"):
            return refused()
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return transfer.export_response(fmt)


urlpatterns = [
    path(
        "organizations/export.<str:fmt>",
        OrganizationsExportView.as_view(),
        name="api-organizations-export",
    ),
]
