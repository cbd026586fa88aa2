from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from tandem.accounts import services as account_services
from tandem.api.serializers import (
    ErrorSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class TokenThrottle(AnonRateThrottle):
    scope = "token"


@method_decorator(login_not_required, name="dispatch")
class TokenView(APIView):
    """Exchange an email and a password for a personal API token."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={201: TokenResponseSerializer, 400: ErrorSerializer, 401: ErrorSerializer},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request._request, email=data["email"], password=data["password"])
        if user is None or not user.is_active:
            return Response(
                {"detail": _("Wrong email or password.")}, status=status.HTTP_401_UNAUTHORIZED
            )
        _token, key = account_services.create_api_token(user, name=data.get("name") or "API")  # type: ignore[arg-type]
        return Response({"token": key}, status=status.HTTP_201_CREATED)


class MeView(APIView):
    """The person the token belongs to."""

    @extend_schema(responses={200: MeSerializer, 401: ErrorSerializer})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)
