"""API authentication: `Authorization: Bearer <token>` with personal tokens (hashed at rest), and
the session, both held to the second-factor rule of the pages (tandem.accounts.second_factor)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from tandem.accounts.models import ApiToken, User, access_facts
from tandem.accounts.second_factor import MESSAGES, session_refusal, token_refusal


class SecondFactorRequired(exceptions.PermissionDenied):
    default_code = "second_factor_required"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid authorization header."))
        key = header[1].decode(errors="replace")
        # The person's roles and second factor come with the token, from the database, in the
        # one query: a revoked role or a removed app counts at once.
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .annotate(**access_facts("user_id"))
            .filter(key_hash=ApiToken.hash_key(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        token.user.__dict__.update(
            facts_role_mask=token.facts_role_mask,  # type: ignore[attr-defined]
            facts_has_totp=token.facts_has_totp,  # type: ignore[attr-defined]
        )
        refusal = token_refusal(token)
        if refusal is not None:
            raise SecondFactorRequired(MESSAGES[refusal])
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class SecondFactorSessionAuthentication(authentication.SessionAuthentication):
    """The signed-in session, refused as the pages refuse it when the second factor is due."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        refusal = session_refusal(request._request, user)
        if refusal is not None:
            raise SecondFactorRequired(MESSAGES[refusal])
        return user, None
