"""One shape for the API's write actions, in the order every write keeps:

1. the object, looked up among those the caller may see (`get_object_or_404` on the app's
   visibility query, before anything else): an unseen object is a 404, whatever else is wrong;
2. the permission: a 403 (`permission_denied`) with the endpoint's own sentence;
3. the input, read by a serializer: a 400 (`invalid`, messages by field);
4. the service, the same one the page calls: a `DomainError` is a 409 with its code;
5. the answer, made by `out` from what the service returned.

Steps 2 to 5 are `act`; step 1 is the line above it in the endpoint, because the permission
often needs the object. An endpoint stays a few plain lines::

    project = get_object_or_404(queries.projects_of(user), pk=pk)
    return act(
        request,
        allowed=user.has_perm("incubator.manage_projects"),
        refusal=_("Only the department's officers move projects."),
        payload=MoveInSerializer,
        call=lambda data: services.move_project(project, by=user, **data),
        out=lambda _moved: project_out(project),
    )

The error bodies are those of `tandem.api.errors` (`{"detail", "code", "errors"}`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.accounts.models import User
from tandem.api.errors import domain_error, error_body
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError

R = TypeVar("R")


def errors(*codes: int) -> dict[int, type[ErrorSerializer]]:
    """The error answers an endpoint documents, for `extend_schema(responses=...)`."""
    return dict.fromkeys(codes, ErrorSerializer)


class Invalid(Exception):
    """Raised by a `call` for input that only the database can judge (an unknown email
    address): a 400 naming the field, before the service runs."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def refused(message: str | None = None) -> Response:
    message = message or _("You are not allowed to do this.")
    return Response(error_body(message, "permission_denied"), status=http.HTTP_403_FORBIDDEN)


def conflict(exc: DomainError) -> Response:
    return domain_error(exc)


def invalid(field: str, message: str) -> Response:
    return Response(
        error_body(message, "invalid", {field: [message]}), status=http.HTTP_400_BAD_REQUEST
    )


def person_named(email: str, field: str = "email") -> User:
    """The active person whose email address the input gives; `Invalid` on `field` otherwise."""
    person = User.objects.filter(email__iexact=email, is_active=True).first()
    if person is None:
        raise Invalid(field, _("Nobody in Tandem has this email address."))
    return person


def valid(
    payload: type[serializers.Serializer], request: Request, *, partial: bool = False
) -> dict[str, Any]:
    """The input as `payload` reads it (only the fields given when `partial`); a
    ValidationError (400) otherwise."""
    given = payload(data=request.data, partial=partial)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


def act(
    request: Request,
    *,
    call: Callable[[dict[str, Any]], R],
    out: Callable[[R], Any],
    allowed: bool | str = True,
    refusal: str | None = None,
    payload: type[serializers.Serializer] | None = None,
    partial: bool = False,
    status: int = http.HTTP_200_OK,
    on_conflict: Callable[[DomainError], Response] = conflict,
) -> Response:
    """One write: the permission (`allowed`, a permission's name or the caller's own check;
    403 with `refusal`), the input read with `payload` (400; `partial` for a PATCH), then
    `call` with it (a `DomainError` is a 409 through `on_conflict`, an `Invalid` a 400) and
    `out` of its result, answered with `status`. Leave `allowed` out only where everyone who
    reaches the endpoint may act (or where the endpoint refused before its lookup)."""
    permitted = request.user.has_perm(allowed) if isinstance(allowed, str) else allowed
    if not permitted:
        return refused(refusal)
    data = valid(payload, request, partial=partial) if payload is not None else {}
    try:
        result = call(data)
    except Invalid as exc:
        return invalid(exc.field, exc.message)
    except DomainError as exc:
        return on_conflict(exc)
    return Response(out(result), status=status)
