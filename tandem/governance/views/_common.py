"""What the GRAM's pages share: the body, the permission check, a service's outcome as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import queries
from tandem.governance.models import (
    Body,
)


def _body() -> Body:
    body = queries.the_body()
    if body is None:
        raise Http404
    return body


def _require(request: AuthenticatedHttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _done(
    request: AuthenticatedHttpRequest, target: Any, run: Callable[[], Any], ok: str
) -> HttpResponse:
    """Run one service; its refusal becomes an error message on the page it came from."""
    try:
        run()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ok)
    return redirect(target)


def _invalid(request: AuthenticatedHttpRequest, form: Any, target: Any) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label} — {error}" if label else error)
    return redirect(target)
