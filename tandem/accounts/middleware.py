from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.second_factor import Refusal, session_refusal

# allauth's pages (sign-in, set-up, confirmation, sign-out) and what needs no person. The API
# applies the same rule itself and answers in JSON (tandem.accounts.authentication).
_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/api/")


class RequireSecondFactorMiddleware:
    """Officers, coordinators, administrators and staff must use a second factor (except demo
    accounts in demo mode, so that visitors can try every role). Checked on every request, with
    no memory in the session: a role granted later requires the set-up at the next page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The person was loaded by LoginRequiredMiddleware: from here on, pages and templates
        # read them directly rather than through the lazy wrapper (about 300 attribute reads of
        # a signed-in page, each a detour through `LazyObject.__getattribute__`).
        user = request.user = get_user(request)  # type: ignore[assignment]
        if user.is_authenticated and not request.path.startswith(_EXEMPT_PREFIXES):
            refusal = session_refusal(request, user)  # type: ignore[arg-type]
            if refusal is Refusal.SET_UP:
                messages.warning(
                    request,
                    _(
                        "Your role requires two-factor authentication. Please set it up to continue."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
            if refusal is Refusal.CONFIRM:
                messages.info(
                    request,
                    _(
                        "Your role requires two-factor authentication: enter a code from your "
                        "authenticator app to continue."
                    ),
                )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
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
