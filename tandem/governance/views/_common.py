"""What the GRAM's pages share: the body, the permission check, a service's outcome as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, resolve_url

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


# The GRAM's forms sit on the pages of what they act on and post to their own URLs
# (post/redirect/get). What a refused form held is kept in the person's session until that
# page shows the form again, so a refusal loses nothing that was typed (files excepted).
_KEPT = "governance.kept_form"


def _form_key(form_class: type, prefix: str | None) -> str:
    return f"{form_class.__name__}:{prefix or ''}"


def _keep(request: AuthenticatedHttpRequest, form: Any, page: Any) -> None:
    """Keep what `form` was posted with, for `page` (where the refusal sends the person)."""
    data = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
    request.session[_KEPT] = {
        "form": _form_key(type(form), form.prefix),
        "page": resolve_url(page),
        "data": data,
    }


def kept_form(request: AuthenticatedHttpRequest, form_class: type, **kwargs: Any) -> Any:
    """`form_class(**kwargs)`, filled with what the person typed if their last post of this
    form was refused."""
    found = request.session.get(_KEPT)
    if (
        not found
        or found.get("form") != _form_key(form_class, kwargs.get("prefix"))
        or found.get("page") != request.path
    ):
        return form_class(**kwargs)
    del request.session[_KEPT]
    data = QueryDict(mutable=True)
    for key, values in found["data"].items():
        data.setlist(key, values)
    return form_class(data, **kwargs)


def _done(
    request: AuthenticatedHttpRequest,
    target: Any,
    run: Callable[[], Any],
    ok: str,
    *,
    form: Any = None,
) -> HttpResponse:
    """Run one service; its refusal becomes an error message on the page it came from, with
    `form` (if any) kept as typed."""
    try:
        run()
    except DomainError as exc:
        messages.error(request, str(exc))
        if form is not None:
            _keep(request, form, target)
    else:
        messages.success(request, ok)
    return redirect(target)


def _invalid(request: AuthenticatedHttpRequest, form: Any, target: Any) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label} — {error}" if label else error)
    _keep(request, form, target)
    return redirect(target)
