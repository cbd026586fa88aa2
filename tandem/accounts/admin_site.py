"""The technical admin, reached only through the site's own sign-in.

Django's admin login form checked passwords with no throttle, no per-account lock and no second
factor (issue 11, finding 3). Its login page now sends people to allauth's sign-in, and the admin
opens only for staff whose session has passed the second-factor rule."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from tandem.accounts.second_factor import session_refusal


class TandemAdminSite(AdminSite):
    @method_decorator(never_cache)
    @login_not_required
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Never checks a password: GET and POST alike go to the site's sign-in."""
        if request.user.is_authenticated:
            # Signed in but not allowed in: sending them to sign in again would loop.
            raise PermissionDenied
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url}, safe='/')}")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and session_refusal(request, request.user) is None  # type: ignore[arg-type]
