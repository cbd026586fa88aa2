"""The GRAM's yearly activity report through the API, as data."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import refused
from tandem.api.governance._common import _body, _user
from tandem.api.serializers import ErrorSerializer
from tandem.governance import report as year_report


class ReportView(APIView):
    """The yearly activity report as data (members, the director and the staff): meetings
    held, attendance per college, proposals adopted, answers, actions done, mandates."""

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 403: ErrorSerializer, 404: ErrorSerializer},
        operation_id="governance_report_retrieve",
    )
    def get(self, request: Request, year: int) -> Response:
        if not _user(request).has_perm("governance.view_report"):
            return refused()
        if not 2000 <= year <= 2100:
            raise Http404
        return Response(year_report.as_data(year_report.year_report(_body(), year)))
