"""What every page says about the person's second factor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from tandem.accounts.queries import has_second_factor


def second_factor(request: HttpRequest) -> dict[str, Any]:
    """`demo_without_second_factor`: the header's "Demo account: no second factor", for a demo
    account in demo mode that has not set up an authenticator app. Read only when shown; the
    fact is loaded with the person (no query of its own)."""
    user = getattr(request, "user", None)
    if not settings.DEMO_MODE or user is None or not user.is_authenticated:
        return {}
    return {"demo_without_second_factor": lambda: user.is_demo and not has_second_factor(user)}
