from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def tandem(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs. The unread count is computed lazily, once, only when shown."""
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"DEMO_MODE": settings.DEMO_MODE}
    if user is not None and user.is_authenticated:
        from tandem.core.notifications import unread_count

        cache: dict[str, int] = {}

        def _unread() -> int:
            if "n" not in cache:
                cache["n"] = unread_count(user)
            return cache["n"]

        context["unread_notifications"] = _unread
        context["user_roles"] = user.role_codes
    return context
