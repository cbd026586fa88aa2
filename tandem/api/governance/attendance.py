"""Who comes to a GRAM meeting, through the API: a member answers the convocation and gives or
takes back a proxy; the secretariat records presence."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors, refused
from tandem.api.governance._common import WRITE, _meeting, _user
from tandem.api.governance.meetings import MeetingDetailSerializer, _detail
from tandem.governance import services
from tandem.governance.models import AttendanceAnswer, Mandate, Presence, Proxy


class ProposalAnswerInSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=[AttendanceAnswer.YES.value, AttendanceAnswer.NO.value]
    )


class CheckInSerializer(serializers.Serializer):
    mandate = serializers.IntegerField()
    presence = serializers.ChoiceField(choices=Presence.values)


class ProxyInSerializer(serializers.Serializer):
    holder = serializers.IntegerField(help_text="The mandate of the member who will vote for you.")


class AttendanceView(APIView):
    """A member answers the convocation (yes or no)."""

    @extend_schema(
        request=ProposalAnswerInSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
        operation_id="governance_attendance_answer",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.answer_convocation(
                meeting, person=_user(request), answer=data["answer"]
            ),
            out=lambda _a: _detail(meeting),
            payload=ProposalAnswerInSerializer,
        )


class CheckInView(APIView):
    """The secretariat records a member's presence (room, remote, absent); a proxy the member
    gave ends."""

    @extend_schema(
        request=CheckInSerializer,
        responses={200: MeetingDetailSerializer, **WRITE},
        operation_id="governance_attendance_check_in",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.check_in(
                meeting,
                mandate=get_object_or_404(Mandate, pk=data["mandate"], college__body=meeting.body),
                presence=data["presence"],
                by=_user(request),
            ),
            out=lambda _a: _detail(meeting),
            payload=CheckInSerializer,
        )


class ProxiesView(APIView):
    """A member gives their proxy to a member of the same college for this meeting."""

    @extend_schema(
        request=ProxyInSerializer,
        responses={201: MeetingDetailSerializer, **WRITE},
        operation_id="governance_proxies_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        return act(
            request,
            allowed="governance.act_as_member",
            call=lambda data: services.give_proxy(
                meeting, person=_user(request), holder=get_object_or_404(Mandate, pk=data["holder"])
            ),
            out=lambda _p: _detail(meeting),
            payload=ProxyInSerializer,
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
