from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from tandem.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: `user` is a signed-in person (for typing)."""

    user: User  # type: ignore[assignment]
