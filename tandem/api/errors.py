"""One error body for the whole API: `{"detail": str, "code": str, "errors": {field: [str]}}`.

`detail` says what went wrong in a sentence, `code` names it for programs (`invalid`,
`not_found`, `permission_denied`, …, or a domain error's code) and `errors`, for invalid input
only, lists the messages by field (nested fields as dotted paths: `comments.0.quote`).
Everything under /api/ answers so: DRF's exceptions through `exception_handler` (the
REST_FRAMEWORK setting), an unexpected exception as a JSON 500 (a lost database as a JSON 503),
and an unknown address as a JSON 404 (`not_found`), never Django's HTML pages."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.common import no_append_slash
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from tandem.core.errors import DomainError

logger = logging.getLogger("django.request")


def error_body(
    detail: str, code: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    return body


def flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """A ValidationError's detail as {dotted field path: [messages]}; messages given without a
    field go under `non_field_errors`."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            key = str(key)
            if key == api_settings.NON_FIELD_ERRORS_KEY and prefix:
                key = ""  # a nested serializer's own errors belong to its field
            path = ".".join(part for part in (prefix, key) if part)
            for name, messages in flatten(value, path).items():
                found.setdefault(name, []).extend(messages)
        return found
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(item) for item in detail]}
        found = {}
        for index, item in enumerate(detail):  # one entry per item of a list (many=True)
            for name, messages in flatten(
                item, f"{prefix}.{index}" if prefix else str(index)
            ).items():
                found.setdefault(name, []).extend(messages)
        return found
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(detail)]}


def domain_error(exc: DomainError) -> Response:
    """A service's refusal: a 400 naming the field when it is about one, a 409 with its
    code otherwise."""
    if exc.field:
        return Response(
            error_body(str(exc), "invalid", {exc.field: [str(exc)]}),
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response(error_body(str(exc), exc.code), status=status.HTTP_409_CONFLICT)


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (statuses and headers: WWW-Authenticate, Retry-After), with the body
    reshaped; anything else becomes a logged JSON 500 (or 503 when the database is lost)."""
    if isinstance(exc, Http404):
        # Not Django's "No <Model> matches the given query.": untranslated, and it names
        # internal classes. DRF's own message is translated.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, DomainError):  # a service's refusal an endpoint did not catch itself
        set_rollback()
        return domain_error(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, exceptions.ValidationError):
            errors = flatten(exc.detail)
            general = errors.get(api_settings.NON_FIELD_ERRORS_KEY)
            detail = general[0] if general else str(exceptions.ValidationError.default_detail)
            response.data = error_body(detail, "invalid", errors)
        elif isinstance(exc, exceptions.APIException):
            given = exc.detail
            text = given if isinstance(given, str) else exc.default_detail
            response.data = error_body(str(text), _code(exc))
        return response
    request = context.get("request")
    django_request = getattr(request, "_request", request)
    set_rollback()
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unavailable: %s", exc)
        unavailable = Response(
            error_body(
                _("The service is unavailable for a moment. Try again later."), "unavailable"
            ),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        unavailable["Retry-After"] = "60"
        return unavailable
    # As Django does for a page: the signal (which the test client re-raises), then the log.
    got_request_exception.send(sender=None, request=django_request)
    logger.error(
        "Internal Server Error: %s",
        getattr(django_request, "path", ""),
        exc_info=exc,
        extra={"status_code": 500, "request": django_request},
    )
    return Response(
        error_body(_("Something went wrong on our side."), "error"),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


@login_not_required
@csrf_exempt  # a JSON 404 for any method, not the CSRF failure page
@no_append_slash  # every address would otherwise be redirected to itself with a slash
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/ that names no endpoint (and an id that is not a number)."""
    return JsonResponse(
        error_body(str(exceptions.NotFound.default_detail), "not_found"),
        status=status.HTTP_404_NOT_FOUND,
    )
