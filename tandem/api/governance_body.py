"""The GRAM's body through the API, as on the secretariat's pages: change a college's quota,
adopt new quorum rules, renew and end mandates, plan the year's meetings; and a member taking
back the proxy they gave. The same services as the pages (`tandem.governance.services`); a
refusal is a 409 with the service's code."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors, refused
from tandem.api.governance import (
    WRITE,
    BodyOutSerializer,
    MandateOutSerializer,
    MeetingDetailSerializer,
    MeetingOutSerializer,
    _body,
    _detail,
)
from tandem.core.validators import validate_single_line
from tandem.governance import services
from tandem.governance.models import College, Mandate, Proxy

SECRETARIAT = "governance.run_secretariat"


def _user(request: Request) -> User:
    return cast(User, request.user)


def _body_out(_changed: Any) -> dict[str, Any]:
    return BodyOutSerializer(_body()).data  # type: ignore[return-value]


class QuotaInSerializer(serializers.Serializer):
    seats = serializers.IntegerField(min_value=1, max_value=100)
    reason = serializers.CharField(
        max_length=300,
        required=False,
        default="",
        allow_blank=True,
        validators=[validate_single_line],
    )


class QuorumRuleInSerializer(serializers.Serializer):
    overall_percent = serializers.IntegerField(
        min_value=1, max_value=100, help_text="Overall quorum, % of all seats."
    )
    college_percent = serializers.IntegerField(
        min_value=0, max_value=100, help_text="Quorum in each college, % of its seats."
    )
    count_proxies = serializers.BooleanField(
        default=True, help_text="Whether proxies count towards the quorum."
    )


class RenewInSerializer(serializers.Serializer):
    end = serializers.DateField(help_text="The new mandate's last day.")


class EndInSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The mandate's last day, within it.")


class PlanYearInSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    place = serializers.CharField(max_length=300, validators=[validate_single_line])


class QuotaView(APIView):
    """The secretariat changes a college's number of seats (kept in its history); refused
    below the mandates current (409 `quota_below_mandates`). Answers the body."""

    @extend_schema(
        request=QuotaInSerializer,
        responses={200: BodyOutSerializer, **WRITE},
        operation_id="governance_quota_change",
    )
    def post(self, request: Request, pk: int) -> Response:
        college = get_object_or_404(College, body=_body(), pk=pk)
        return act(
            request,
            allowed=SECRETARIAT,
            payload=QuotaInSerializer,
            call=lambda data: services.change_quota(college, by=_user(request), **data),
            out=_body_out,
        )


class QuorumRulesView(APIView):
    """The secretariat adopts new quorum rules: a new version, for the meetings convened from
    now on. Answers the body with its quorum."""

    @extend_schema(
        request=QuorumRuleInSerializer,
        responses={201: BodyOutSerializer, **WRITE},  # 404: no body is set up yet
        operation_id="governance_quorum_rule_adopt",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed=SECRETARIAT,
            payload=QuorumRuleInSerializer,
            call=lambda data: services.adopt_quorum_rule(_body(), by=_user(request), **data),
            out=_body_out,
            status=201,
        )


class MandateRenewalView(APIView):
    """The secretariat renews a mandate: a new one on the same seat, from the day after this
    one ends to `end`."""

    @extend_schema(
        request=RenewInSerializer,
        responses={201: MandateOutSerializer, **WRITE},
        operation_id="governance_mandate_renew",
    )
    def post(self, request: Request, pk: int) -> Response:
        mandate = get_object_or_404(Mandate.objects.select_related("college", "person"), pk=pk)
        return act(
            request,
            allowed=SECRETARIAT,
            payload=RenewInSerializer,
            call=lambda data: services.renew_mandate(mandate, by=_user(request), **data),
            out=lambda renewed: MandateOutSerializer(renewed).data,
            status=201,
        )


class MandateEndView(APIView):
    """The secretariat ends a mandate early (a resignation): `on` becomes its last day."""

    @extend_schema(
        request=EndInSerializer,
        responses={200: MandateOutSerializer, **WRITE},
        operation_id="governance_mandate_end",
    )
    def post(self, request: Request, pk: int) -> Response:
        mandate = get_object_or_404(Mandate, pk=pk)
        return act(
            request,
            allowed=SECRETARIAT,
            payload=EndInSerializer,
            call=lambda data: services.end_mandate(mandate, by=_user(request), **data),
            out=lambda ended: MandateOutSerializer(ended).data,
        )


class PlanYearView(APIView):
    """The secretariat proposes one meeting per quarter of `year` that has none. Answers the
    meetings planned (none when every quarter has one)."""

    @extend_schema(
        request=PlanYearInSerializer,
        responses={201: MeetingOutSerializer(many=True), **WRITE},
        operation_id="governance_meetings_plan",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed=SECRETARIAT,
            payload=PlanYearInSerializer,
            call=lambda data: services.plan_year(_body(), by=_user(request), **data),
            out=lambda planned: MeetingOutSerializer(planned, many=True).data,
            status=201,
        )


class ProxyView(APIView):
    """DELETE: the member who gave a proxy takes it back (anyone else's is not found). Answers
    the meeting."""

    @extend_schema(
        request=None,
        responses={200: MeetingDetailSerializer, **errors(403, 404, 409)},
        operation_id="governance_proxy_withdraw",
    )
    def delete(self, request: Request, pk: int) -> Response:
        user = _user(request)
        if not user.has_perm("governance.act_as_member"):
            return refused(_("Only members of the body can give or withdraw a proxy."))
        proxy = get_object_or_404(
            Proxy.objects.filter(principal__person=user).select_related("meeting"), pk=pk
        )
        return act(
            request,
            call=lambda _data: services.withdraw_proxy(proxy, person=user),
            out=lambda _withdrawn: _detail(proxy.meeting),
        )


P = "governance/"
urlpatterns = [
    path(P + "colleges/<int:pk>/quota", QuotaView.as_view(), name="api-gram-quota"),
    path(P + "quorum-rules", QuorumRulesView.as_view(), name="api-gram-quorum-rules"),
    path(P + "mandates/<int:pk>/renewal", MandateRenewalView.as_view(), name="api-gram-renewal"),
    path(P + "mandates/<int:pk>/end", MandateEndView.as_view(), name="api-gram-mandate-end"),
    path(P + "meetings/plan", PlanYearView.as_view(), name="api-gram-plan-year"),
    path(P + "proxies/<int:pk>", ProxyView.as_view(), name="api-gram-proxy"),
]
