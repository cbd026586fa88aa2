"""Your own account through the API, as on your profile's pages: the profile (`PATCH me`, in
views.py beside `GET me`), your personal data, erasing your account and your tokens. Each
calls the query or the service the page calls (tandem.accounts)."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts import queries, services
from tandem.accounts.forms import confirms_email
from tandem.accounts.models import AccessibilityNeed, ApiToken, User
from tandem.api.actions import act, errors
from tandem.api.schema import code_list


def _user(request: Request) -> User:
    return cast(User, request.user)


# --- The profile ------------------------------------------------------------------------


class ProfileSerializer(serializers.ModelSerializer):
    """The fields of the profile page's form, with the model's own checks (lengths, one line,
    the languages)."""

    accessibility_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessibilityNeed.choices),
        required=False,
        help_text=code_list(AccessibilityNeed.values),
    )

    class Meta:
        model = User
        fields = list(services.PROFILE_FIELDS)

    def validate_accessibility_needs(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))  # each need once, in the order given


# --- Personal data and erasure ------------------------------------------------------------


class PersonalDataView(APIView):
    """Everything Tandem holds about you: the same JSON as "download my data" on your profile
    (`format` names its version)."""

    @extend_schema(operation_id="me_personal_data", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(services.export_personal_data(_user(request)))


class EraseSerializer(serializers.Serializer):
    confirm = serializers.CharField(
        help_text=gettext_lazy("Your email address, typed to confirm. This cannot be undone.")
    )

    def validate_confirm(self, value: str) -> str:
        if not confirms_email(value, self.context["email"]):
            raise serializers.ValidationError(_("This is not your email address."))
        return value


class EraseView(APIView):
    """Erase your account and your personal data, as on your profile: type your email address
    in `confirm`. Your tokens (this one too) stop working at once. A role that requires a
    second factor needs a token issued with one (403 otherwise)."""

    @extend_schema(operation_id="me_erase", request=EraseSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        user = _user(request)
        given = EraseSerializer(data=request.data, context={"email": user.email})
        given.is_valid(raise_exception=True)
        services.erase_account(user, by=user)
        return Response(status=http.HTTP_204_NO_CONTENT)


# --- Tokens -------------------------------------------------------------------------------


class TokenSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(
        help_text=code_list(["active", "revoked", "expired"])
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created",
            "expires_at",
            "last_used_at",
            "second_factor",
            "revoked_at",
            "status",
        ]

    def get_status(self, token: ApiToken) -> str:
        if token.is_active:
            return "active"
        return "revoked" if token.revoked_at else "expired"


class TokenListView(generics.ListAPIView):
    """Your API tokens, by purpose, as on your tokens page (never their keys). A new one:
    `POST auth/token`."""

    serializer_class = TokenSerializer

    def get_queryset(self) -> QuerySet[ApiToken]:
        return queries.tokens_of(_user(self.request))


class TokenRevokeView(APIView):
    """Revoke one of your tokens (404 for anyone else's). Revoking the token you call with
    ends its use at once; revoking a revoked token changes nothing."""

    @extend_schema(request=None, responses={200: TokenSerializer, **errors(404)})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        token = get_object_or_404(queries.tokens_of(user), pk=pk)
        return act(
            request,
            call=lambda _data: services.revoke_api_token(token, by=user),
            out=lambda revoked: TokenSerializer(revoked).data,
        )


urlpatterns = [
    path("me/personal-data", PersonalDataView.as_view(), name="api-my-personal-data"),
    path("me/erase", EraseView.as_view(), name="api-my-erasure"),
    path("me/tokens", TokenListView.as_view(), name="api-my-tokens"),
    path("me/tokens/<int:pk>/revoke", TokenRevokeView.as_view(), name="api-my-token-revoke"),
]
