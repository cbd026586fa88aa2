from __future__ import annotations

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from tandem.accounts import second_factor
from tandem.accounts import services as account_services
from tandem.accounts.models import User
from tandem.accounts.queries import has_second_factor, second_factor_waived
from tandem.api.account import ProfileSerializer
from tandem.api.actions import act
from tandem.api.serializers import (
    ErrorSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class TokenThrottle(AnonRateThrottle):
    """Requests per client address, the address allauth's sign-in throttles use
    (TRUSTED_PROXY_COUNT, TRUSTED_CLIENT_IP_HEADER): a client-sent X-Forwarded-For changes
    nothing unless a trusted proxy wrote it."""

    scope = "token"

    def get_ident(self, request: Request) -> str:
        return get_account_adapter(request._request).get_client_ip(request._request)


def _refuse(detail: str, code: int) -> Response:
    return Response({"detail": detail}, status=code)


@method_decorator(login_not_required, name="dispatch")
class TokenView(APIView):
    """Exchange an email, a password and, when two-factor authentication is set up, a code for a
    personal API token. One token per purpose (`name`): calling again with the same name returns
    a new token and revokes the earlier one (`replaced` counts those revoked). Failed passwords and codes count toward the same per-account lock as the
    web sign-in; a role that requires a second factor gets a token only with one."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            201: TokenResponseSerializer,
            400: ErrorSerializer,
            401: OpenApiResponse(
                ErrorSerializer,
                description="Wrong email or password; or a code is needed, or was incorrect.",
            ),
            403: OpenApiResponse(
                ErrorSerializer,
                description="The person's role requires two-factor authentication, which is "
                "not set up yet: set it up on the site first.",
            ),
            429: OpenApiResponse(
                ErrorSerializer,
                description="Too many requests from this address, or too many failed "
                "attempts on this account (the same lock as the web sign-in).",
            ),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            # allauth's own sign-in: the `login_failed` limits per address and per account.
            user = get_account_adapter(request._request).authenticate(
                request._request, email=data["email"], password=data["password"]
            )
        except ValidationError as exc:
            raise exceptions.Throttled(
                detail=_("Too many failed sign-in attempts. Try again later.")
            ) from exc
        if not isinstance(user, User) or not user.is_active:
            return _refuse(_("Wrong email or password."), status.HTTP_401_UNAUTHORIZED)
        if second_factor.applies_to(user) and not has_second_factor(user):
            return _refuse(
                str(second_factor.MESSAGES[second_factor.Refusal.SET_UP]),
                status.HTTP_403_FORBIDDEN,
            )
        verified = False
        if has_second_factor(user):
            if not data["code"]:
                return _refuse(
                    _(
                        "Two-factor authentication is set up on this account: send a code from "
                        "your authenticator app (or a recovery code) in the field “code”."
                    ),
                    status.HTTP_401_UNAUTHORIZED,
                )
            checked = second_factor.check_code(request._request, user, data["code"])
            if checked is second_factor.CodeCheck.LOCKED:
                raise exceptions.Throttled(
                    detail=_("Too many failed sign-in attempts. Try again later.")
                )
            if checked is second_factor.CodeCheck.INCORRECT:
                return _refuse(_("Incorrect code."), status.HTTP_401_UNAUTHORIZED)
            verified = True
        issued = account_services.issue_api_token(
            user, name=data.get("name") or "API", second_factor=verified
        )
        token, key = issued.token, issued.key
        if verified:
            handled = "verified"
        elif second_factor_waived(user):
            handled = "waived"
        else:
            handled = "not_required"
        return Response(
            {
                "token": key,
                "name": token.name,
                "expires_at": token.expires_at,
                "second_factor": handled,
                "replaced": issued.replaced,
            },
            status=status.HTTP_201_CREATED,
        )


class MeView(APIView):
    """The person the token belongs to. PATCH changes what the profile page changes (any of
    its fields) and answers as GET."""

    @extend_schema(
        responses={
            200: MeSerializer,
            401: ErrorSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                description="The person's role requires a second factor that this session or "
                "token has not passed.",
            ),
        }
    )
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=ProfileSerializer, responses={200: MeSerializer})
    def patch(self, request: Request) -> Response:
        user = request.user
        assert isinstance(user, User)  # authenticated by the default permission
        return act(
            request,
            payload=ProfileSerializer,
            partial=True,
            call=lambda data: account_services.update_profile(user, by=user, **data),
            out=lambda saved: MeSerializer(saved).data,
        )
