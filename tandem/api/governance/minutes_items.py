"""The GRAM's minutes item by item through the API: the secretariat writes, for each agenda
item, the discussion, the decision or outcome and the proposal it led to (the page's service)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act
from tandem.api.governance._common import WRITE, _user
from tandem.api.governance.minutes import MinutesOutSerializer, _minutes, _minutes_out
from tandem.core.validators import validate_text
from tandem.governance import services
from tandem.governance.models import ITEM_DISCUSSION_MAX, ITEM_OUTCOME_MAX


class MinutesItemInSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="The agenda item, of the minutes' meeting.")
    discussion = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=ITEM_DISCUSSION_MAX,
        validators=[validate_text],
        trim_whitespace=False,
    )
    outcome = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=ITEM_OUTCOME_MAX,
        validators=[validate_text],
        trim_whitespace=False,
    )
    proposal = serializers.IntegerField(
        allow_null=True, default=None, help_text="A proposal of the body the item led to."
    )


class MinutesItemsInSerializer(serializers.Serializer):
    items = MinutesItemInSerializer(many=True)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The version the change is written from: if the minutes have a newer one, "
        "refused (409 `stale_version`) rather than written over it.",
    )


class MinutesItemsView(APIView):
    """The secretariat writes the minutes of the agenda items it sends (the others stay as they
    are), while the minutes are a draft: approved minutes are frozen (409 `locked`). A change
    makes a new version of the minutes (same text, the items as rewritten)."""

    @extend_schema(
        request=MinutesItemsInSerializer,
        responses={200: MinutesOutSerializer, **WRITE},
        operation_id="governance_minutes_items_update",
    )
    def post(self, request: Request, pk: int) -> Response:
        minutes = _minutes(request, pk)
        return act(
            request,
            allowed="governance.run_secretariat",
            call=lambda data: services.record_minutes_items(
                minutes, entries=data["items"], by=_user(request), based_on=data.get("version")
            ),
            out=_minutes_out,
            payload=MinutesItemsInSerializer,
        )
