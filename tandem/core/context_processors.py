from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def tandem(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs. The unread count is read only when shown, once per request
    (`notifications.unread_count`)."""
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"DEMO_MODE": settings.DEMO_MODE}
    if user is not None and user.is_authenticated:
        from tandem.core.notifications import unread_count

        context["unread_notifications"] = lambda: unread_count(user)
        context["user_roles"] = user.role_codes
    return context
