from __future__ import annotations

from typing import Any

from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.accounts.models import User
from tandem.core.audit import log_action


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session.pop("second_factor_ok", None)
    log_action(user, "accounts.login", by=user)
