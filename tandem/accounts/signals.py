from __future__ import annotations

from typing import Any

from allauth.account.signals import user_logged_in
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_save
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


@receiver(post_save, sender=User)
def revoke_tokens_on_password_change(
    sender: Any, instance: User, created: bool, **kwargs: Any
) -> None:
    """Whoever knew the old password may hold a token: every password change revokes them,
    whichever door it came through (allauth's change, set and reset forms, the admin's password
    form, `tandem changepassword`, a service). Django keeps the new raw password in `_password`
    from `set_password()` until the save that stores it (its own `password_changed` hook for
    validators reads it there); a hash upgraded at sign-in is saved without it, and changes
    nothing."""
    if not created and getattr(instance, "_password", None) is not None:
        services.revoke_api_tokens_of(instance, reason="password_changed")
