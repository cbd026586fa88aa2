"""The partnership's indicators through the API: each indicator's value and series for a
period and filters, the same figures (and the same shared cache) as the dashboard. For the
officers, the GRAM's members, the director and the administrators; with the dashboard's
downloads (the charts as SVG, the tables as CSV and XLSX, the yearly activity report as DOCX
and PDF)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.errors import error_body
from tandem.api.files import FileView
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError
from tandem.directory.models import DiseaseArea, Institute, OrganizationKind, RegionalOffice
from tandem.documents.responses import CONTENT_TYPES
from tandem.reporting import downloads
from tandem.reporting.dashboard import figures
from tandem.reporting.forms import FIRST_YEAR, scope_from
from tandem.reporting.models import ReportStatus
from tandem.reporting.scope import PeriodKind, Scope, period_problem
from tandem.reporting.services import (
    LANGUAGES,
    check_report_year,
    report_pdf_of,
    request_report_pdf,
)

DOCX, XLSX = CONTENT_TYPES[".docx"], CONTENT_TYPES[".xlsx"]


class ReadIndicators(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(
            request.user.is_authenticated and request.user.has_perm("reporting.view_indicators")
        )


class IndicatorFiltersSerializer(serializers.Serializer):
    period = serializers.ChoiceField(
        choices=list(PeriodKind.ALL),
        default=PeriodKind.YEAR,
        help_text="year (the default), quarter (with `year` and `quarter`) or custom "
        "(with `start` and `end`, five years at most).",
    )
    year = serializers.IntegerField(
        min_value=FIRST_YEAR, max_value=2100, required=False, help_text="Default: this year."
    )
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    institute = serializers.PrimaryKeyRelatedField(queryset=Institute.objects.all(), required=False)
    regional_office = serializers.PrimaryKeyRelatedField(
        queryset=RegionalOffice.objects.all(), required=False
    )
    disease_area = serializers.PrimaryKeyRelatedField(
        queryset=DiseaseArea.objects.all(), required=False
    )
    kind = serializers.ChoiceField(choices=OrganizationKind.choices, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("period") == PeriodKind.QUARTER and "quarter" not in data:
            raise serializers.ValidationError({"quarter": ["Give the quarter (1 to 4)."]})
        if data.get("period") == PeriodKind.CUSTOM:
            problem = period_problem(data.get("start"), data.get("end"))
            if problem:
                raise serializers.ValidationError({"end": [problem]})
        data.setdefault("year", timezone.localdate().year)
        return data


def _scope(request: Request) -> Scope:
    given = IndicatorFiltersSerializer(data=request.query_params)
    given.is_valid(raise_exception=True)
    return scope_from(given.validated_data)


class SeriesSerializer(serializers.Serializer):
    name = serializers.CharField()
    values = serializers.ListField(child=serializers.FloatField(allow_null=True))


class IndicatorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    section = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.ChoiceField(choices=["count", "percent", "days", "score", "rating"])
    filters = serializers.ListField(
        child=serializers.CharField(), help_text="The filters that apply to this indicator."
    )
    value = serializers.FloatField(allow_null=True)
    labels = serializers.ListField(child=serializers.CharField())
    series = SeriesSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    title = serializers.CharField()


class IndicatorsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    indicators = IndicatorSerializer(many=True)


class IndicatorsView(APIView):
    """Every indicator of the partnership for a period (a year by default) and filters: its
    value and its series (months or categories), in the language asked (Accept-Language)."""

    permission_classes = [ReadIndicators]

    @extend_schema(
        operation_id="indicators_list",
        parameters=[IndicatorFiltersSerializer],
        responses={200: IndicatorsSerializer, 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        scope = _scope(request)
        period = scope.period
        answer = IndicatorsSerializer(
            {
                "period": {
                    "kind": period.kind,
                    "start": period.start,
                    "end": period.end,
                    "title": period.label,
                },
                "indicators": [
                    {
                        "slug": f.indicator.slug,
                        "section": f.indicator.section,
                        "title": str(f.indicator.title),
                        "definition": str(f.indicator.definition),
                        "unit": f.indicator.unit,
                        "filters": sorted(f.indicator.filters),
                        **f.result.as_data(),
                    }
                    for f in figures(scope)
                ],
            }
        )
        return Response(answer.data)


class ReportPdfSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    language = serializers.ChoiceField(choices=list(LANGUAGES))
    status = serializers.ChoiceField(
        choices=["absent", *ReportStatus.values],
        help_text="absent (never asked for), pending, running, ready or failed.",
    )
    finished_at = serializers.DateTimeField(allow_null=True)
    download = serializers.CharField(
        allow_null=True, help_text="The PDF's URL in this API, once it is ready."
    )


def _pdf_state(year: int, language: str, request: Request) -> dict[str, Any]:
    found = report_pdf_of(year, language)
    ready = found is not None and found.status == ReportStatus.READY and bool(found.file)
    return {
        "year": year,
        "language": language,
        "status": found.status if found is not None else "absent",
        "finished_at": found.finished_at if found is not None else None,
        "download": request.build_absolute_uri(
            reverse("api-activity-report-pdf-file", args=[year, language])
        )
        if ready
        else None,
    }


def _checked(year: int, language: str) -> Response | None:
    try:
        check_report_year(year, language)
    except DomainError as exc:
        return Response(error_body(str(exc), exc.code), status=status.HTTP_404_NOT_FOUND)
    return None


class ReportPdfView(APIView):
    """The yearly activity report as a PDF, made by a background task: POST asks for it (made
    again from today's figures), GET says where it stands and, once ready, where to download it."""

    permission_classes = [ReadIndicators]

    @extend_schema(
        operation_id="activity_report_pdf_status",
        responses={200: ReportPdfSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, year: int, language: str) -> Response:
        if (refused := _checked(year, language)) is not None:
            return refused
        return Response(ReportPdfSerializer(_pdf_state(year, language, request)).data)

    @extend_schema(
        operation_id="activity_report_pdf_request",
        request=None,
        responses={202: ReportPdfSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, year: int, language: str) -> Response:
        if (refused := _checked(year, language)) is not None:
            return refused
        request_report_pdf(year, language, by=cast(User, request.user))
        return Response(
            ReportPdfSerializer(_pdf_state(year, language, request)).data,
            status=status.HTTP_202_ACCEPTED,
        )


class ReportPdfFileView(FileView):
    """The PDF last made (404 until it is ready). Logs `reporting.report.downloaded`."""

    permission_classes = [ReadIndicators]

    @extend_schema(
        operation_id="activity_report_pdf_file",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ErrorSerializer},
    )
    def get(self, request: Request, year: int, language: str) -> HttpResponse:
        return downloads.activity_report_response(
            year, "pdf", language, by=cast(User, request.user)
        )


class ReportDocxView(FileView):
    """The yearly activity report as DOCX, made now from today's figures (the dashboard's
    download). Logs `reporting.report.downloaded`."""

    permission_classes = [ReadIndicators]

    @extend_schema(
        operation_id="activity_report_docx",
        responses={(200, DOCX): OpenApiTypes.BINARY, 404: ErrorSerializer},
    )
    def get(self, request: Request, year: int, language: str) -> HttpResponse:
        if (refused := _checked(year, language)) is not None:
            return refused
        return downloads.activity_report_response(
            year, "docx", language, by=cast(User, request.user)
        )


class _TableView(FileView):
    """One indicator's table for a period and filters (the dashboard's download), under its
    name, the period and the headline value; 404 for an unknown indicator."""

    permission_classes = [ReadIndicators]
    extension = ""

    def get(self, request: Request, slug: str) -> HttpResponse:
        return downloads.table_response(_scope(request), slug, self.extension)


_TABLE_ERRORS = {400: ErrorSerializer, 404: ErrorSerializer}


def _file_schema(media_type: str, operation_id: str) -> Any:
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            parameters=[IndicatorFiltersSerializer],
            responses={(200, media_type): OpenApiTypes.BINARY, **_TABLE_ERRORS},
        )
    )


@_file_schema("text/csv", "indicators_table_csv")
class TableCsvView(_TableView):
    __doc__ = _TableView.__doc__
    extension = "csv"


@_file_schema(XLSX, "indicators_table_xlsx")
class TableXlsxView(_TableView):
    __doc__ = _TableView.__doc__
    extension = "xlsx"


@_file_schema("image/svg+xml", "indicators_chart_svg")
class ChartView(FileView):
    """One indicator's chart for a period and filters, the dashboard's SVG (drawn by the same
    builder, kept in the same shared cache), as an attachment named after the indicator (never
    shown by a browser under the API's address); 404 for an unknown indicator."""

    permission_classes = [ReadIndicators]

    def get(self, request: Request, slug: str) -> HttpResponse:
        return downloads.chart_response(_scope(request), slug, attachment=True)


class TablesXlsxView(FileView):
    """Every indicator's table for a period and filters, one sheet each (the dashboard's
    workbook)."""

    permission_classes = [ReadIndicators]

    @extend_schema(
        operation_id="indicators_tables_xlsx",
        parameters=[IndicatorFiltersSerializer],
        responses={(200, XLSX): OpenApiTypes.BINARY, 400: ErrorSerializer},
    )
    def get(self, request: Request) -> HttpResponse:
        return downloads.tables_response(_scope(request))


urlpatterns = [
    path("indicators", IndicatorsView.as_view(), name="api-indicators"),
    path("indicators.xlsx", TablesXlsxView.as_view(), name="api-indicator-tables-xlsx"),
    path("indicators/<slug:slug>.svg", ChartView.as_view(), name="api-indicator-chart"),
    path("indicators/<slug:slug>.csv", TableCsvView.as_view(), name="api-indicator-table-csv"),
    path("indicators/<slug:slug>.xlsx", TableXlsxView.as_view(), name="api-indicator-table-xlsx"),
    path(
        "indicators/activity-report/<int:year>/<str:language>/docx",
        ReportDocxView.as_view(),
        name="api-activity-report-docx",
    ),
    path(
        "indicators/activity-report/<int:year>/<str:language>/pdf",
        ReportPdfView.as_view(),
        name="api-activity-report-pdf",
    ),
    path(
        "indicators/activity-report/<int:year>/<str:language>/pdf/file",
        ReportPdfFileView.as_view(),
        name="api-activity-report-pdf-file",
    ),
]
