"""The GRAM's body and its mandates through the API: the colleges, seats and quorum rules, the
current mandates; the secretariat records, renews and ends mandates, changes a college's quota
and adopts new quorum rules. The same services as the pages; a refusal is a 409 with the
service's code."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act
from tandem.api.governance._common import SECRETARIAT, WRITE, _body, _user
from tandem.api.schema import code_list
from tandem.core.validators import validate_single_line
from tandem.directory.models import Organization
from tandem.governance import queries, services
from tandem.governance.models import Body, College, Mandate, MandateRole


class CollegeOutSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        source="label", read_only=True, help_text="In the caller's language."
    )

    class Meta:
        model = College
        fields = ["id", "code", "name", "seats"]


class BodyOutSerializer(serializers.ModelSerializer):
    colleges = CollegeOutSerializer(many=True, read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "slug",
            "notice_days",
            "amendment_days",
            "answer_days",
            "colleges",
            "quorum",
        ]

    def get_quorum(self, body: Body) -> dict[str, Any] | None:
        rule = queries.current_quorum_rule(body)
        if rule is None:
            return None
        return {
            "version": rule.version,
            "overall_percent": rule.overall_percent,
            "college_percent": rule.college_percent,
            "count_proxies": rule.count_proxies,
        }


class MandateOutSerializer(serializers.ModelSerializer):
    college = serializers.CharField(source="college.code")
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.get_full_name")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    role = serializers.CharField(help_text=code_list(MandateRole.values))

    class Meta:
        model = Mandate
        fields = [
            "id",
            "college",
            "seat",
            "person",
            "name",
            "organization",
            "role",
            "start",
            "end",
            "renews",
        ]


class MandateInSerializer(serializers.Serializer):
    college = serializers.CharField(help_text="The college's code.")
    person = serializers.IntegerField()
    organization = serializers.IntegerField(required=False, allow_null=True, default=None)
    role = serializers.ChoiceField(choices=MandateRole.values, default=MandateRole.MEMBER)
    start = serializers.DateField()
    end = serializers.DateField()
    seat = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


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


class BodiesView(APIView):
    """The governance bodies (the GRAM): colleges, seats, quorum rules."""

    @extend_schema(
        responses={200: BodyOutSerializer(many=True)}, operation_id="governance_bodies_list"
    )
    def get(self, request: Request) -> Response:
        bodies = Body.objects.prefetch_related("colleges")
        return Response(BodyOutSerializer(bodies, many=True).data)


class MandatesView(APIView):
    """GET the current mandates (the composition). POST records a mandate (the secretariat)."""

    @extend_schema(
        responses={200: MandateOutSerializer(many=True)}, operation_id="governance_mandates_list"
    )
    def get(self, request: Request) -> Response:
        body = queries.the_body()
        if body is None:
            return Response([])
        mandates = queries.current_mandates(body).select_related("college", "person")
        return Response(MandateOutSerializer(mandates, many=True).data)

    @extend_schema(
        request=MandateInSerializer,
        responses={201: MandateOutSerializer, **WRITE},
        operation_id="governance_mandates_create",
    )
    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed="governance.run_secretariat",
            payload=MandateInSerializer,
            call=lambda data: _appoint(data, by=_user(request)),
            out=lambda m: MandateOutSerializer(m).data,
            status=201,
        )


def _appoint(data: dict[str, Any], *, by: User) -> Mandate:
    college = get_object_or_404(College, body=_body(), code=data.pop("college"))
    person = get_object_or_404(User, pk=data.pop("person"))
    org_id = data.pop("organization")
    organization = get_object_or_404(Organization, pk=org_id) if org_id else None
    return services.appoint(college, person=person, organization=organization, by=by, **data)


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
