"""Request bodies are capped before anything reads them (settings.REQUEST_BODY_MAX_BYTES).

Two pieces, because a body comes in two ways:
- with a `Content-Length`, the middleware refuses a body that announces more than the maximum,
  with 413, before the session, the CSRF check or a view can read a byte of it;
- in chunks, without a `Content-Length` (HTTP/1.1 chunked transfer encoding, which gunicorn
  passes through), the WSGI wrapper `bounded_chunked_bodies` reads at most the maximum plus
  one byte. A body that fits is handed on with its length, as if the client had sent one (Django
  reads nothing of a body without a length); a longer one is dropped unread beyond that point
  and marked, and the middleware refuses it the same way.
The refusal is a translated page, or `{"detail": …}` JSON under /api/.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable
from typing import IO, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.core.uploads import file_size

TOO_LARGE = "tandem.request_body_too_large"
_CHUNK = 64 * 1024

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _announced_length(environ: dict[str, Any]) -> int | None:
    raw = environ.get("CONTENT_LENGTH") or ""
    try:
        return int(raw)
    except ValueError:
        return None


def _read_at_most(stream: IO[bytes], limit: int) -> IO[bytes] | None:
    """The body in a file (in memory while small), or None as soon as it passes `limit`."""
    # Handed on as the request's input, the file is closed when the request is collected.
    body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return body
        body.write(chunk)
        size += len(chunk)
    body.close()
    return None


def bounded_chunked_bodies(app: WSGIApp) -> WSGIApp:
    """Wrap a WSGI application so that a body sent without a length is read up to the maximum
    only (see the module's docstring)."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and _announced_length(environ) is None:
            body = _read_at_most(environ["wsgi.input"], settings.REQUEST_BODY_MAX_BYTES)
            if body is None:
                environ[TOO_LARGE] = True
                body = io.BytesIO()
            environ["CONTENT_LENGTH"] = str(body.seek(0, io.SEEK_END))
            body.seek(0)
            environ["wsgi.input"] = body
        return app(environ, start_response)

    return wrapped


class RequestBodyLimitMiddleware:
    """Refuse, with 413 and before anything reads it, a body longer than the maximum."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _announced_length(request.META) or 0
        if request.META.get(TOO_LARGE) or length > settings.REQUEST_BODY_MAX_BYTES:
            return self._too_large(request)
        return self.get_response(request)

    def _too_large(self, request: HttpRequest) -> HttpResponse:
        # The locale middleware has not run yet: choose the language the same way it would.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            size = file_size(settings.REQUEST_BODY_MAX_BYTES)
            if request.path.startswith("/api/"):
                message = _("The request is too large: at most %(size)s may be sent at once.")
                response: HttpResponse = JsonResponse(
                    {"detail": message % {"size": size}}, status=413
                )
            else:
                # Rendered without the request: no context processor may read the session.
                html = render_to_string("core/request_too_large.html", {"size": size})
                response = HttpResponse(html, status=413)
        # The unread body stays on the connection; gunicorn drains at most 64 KiB of it before
        # closing (a WSGI application may not send `Connection: close` itself).
        return response
