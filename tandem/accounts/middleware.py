from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.queries import must_set_up_second_factor

_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/api/")


class RequireSecondFactorMiddleware:
    """Officers, coordinators and administrators must use a second factor (except demo accounts
    in demo mode, so that visitors can try every role)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and not request.session.get("second_factor_ok")
        ):
            if must_set_up_second_factor(user):  # type: ignore[arg-type]
                messages.warning(
                    request,
                    _(
                        "Your role requires two-factor authentication. Please set it up to continue."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
            request.session["second_factor_ok"] = True
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in person reads Tandem in the language of their profile."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        language = getattr(user, "language", None) if user.is_authenticated else None
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response
