from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set, user_logged_in
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.accounts import services
from tandem.accounts.models import User
from tandem.accounts.second_factor import ACTIVATED_SESSION_KEY, mark_session_passed
from tandem.core.audit import log_action


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    # A new sign-in proves the second factor by allauth's own record of it, nothing older.
    request.session.pop(ACTIVATED_SESSION_KEY, None)
    log_action(user, "accounts.login", by=user)


@receiver(authenticator_added)
def second_factor_activated(
    sender: Any, request: HttpRequest, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Activating an app checks one of its codes: this session has passed the second factor."""
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        mark_session_passed(request, user)


@receiver(password_changed)
def revoke_tokens_on_password_change(sender: Any, user: User, **kwargs: Any) -> None:
    services.revoke_api_tokens_of(user, reason="password_changed")


@receiver(password_set)
def revoke_tokens_on_password_set(sender: Any, user: User, **kwargs: Any) -> None:
    services.revoke_api_tokens_of(user, reason="password_set")


@receiver(password_reset)
def revoke_tokens_on_password_reset(sender: Any, user: User, **kwargs: Any) -> None:
    services.revoke_api_tokens_of(user, reason="password_reset")
