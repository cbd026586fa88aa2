from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only (officers invite people with their roles)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """allauth's messages are written when they are added ("Signed in as …") but shown on
        the next page, which speaks the person's own language once they are signed in: write
        them in that language, not in the language of the sign-in page."""
        language = getattr(getattr(request, "user", None), "language", "") or None
        with translation.override(language or translation.get_language()):
            super().add_message(
                request, level, message_template, message_context, extra_tags, message
            )
