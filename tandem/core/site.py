"""The address the site is served on, for the links of emails (invitations, notifications).

In a request, the request's own scheme and host (a host Django accepted: ALLOWED_HOSTS), so that
a link opens the site the person is using whatever port it is served on; outside a request
(a task worker, a command), `SITE_URL`, which `tandem serve` sets from its host and port when
the environment does not."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_request_site: ContextVar[str] = ContextVar("tandem_request_site", default="")


def site_url() -> str:
    """The site's root address, without the trailing slash."""
    return (_request_site.get() or settings.SITE_URL).rstrip("/")


def absolute(path: str) -> str:
    return site_url() + path


class RequestSiteMiddleware:
    """Remembers the request's address for the links written while it is served (e-mails sent
    when the transaction commits, tasks run in the request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_site.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_site.reset(token)


def serve_address(host: str, port: int) -> str:
    """The address a browser on this machine reaches `tandem serve --host --port` by."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 - naming the wildcard, not binding it
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def set_served_address(host: str, port: int) -> None:
    """`tandem serve` without SITE_URL in the environment: links use the served address."""
    if port and not os.environ.get("SITE_URL"):  # port 0: the system picks one, unknown here
        settings.SITE_URL = os.environ["SITE_URL"] = serve_address(host, port)
