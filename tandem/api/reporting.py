"""The partnership's indicators through the API: each indicator's value and series for a
period and filters, the same figures (and the same shared cache) as the dashboard. For the
officers, the GRAM's members, the director and the administrators."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.serializers import ErrorSerializer
from tandem.directory.models import DiseaseArea, Institute, OrganizationKind, RegionalOffice
from tandem.reporting.dashboard import figures
from tandem.reporting.forms import FIRST_YEAR, scope_from
from tandem.reporting.scope import PeriodKind, period_problem


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
        given = IndicatorFiltersSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        scope = scope_from(given.validated_data)
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


urlpatterns = [path("indicators", IndicatorsView.as_view(), name="api-indicators")]
