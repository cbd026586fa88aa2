"""What the GRAM's API views share: the caller, the body, a meeting of the members' area, the
errors a write may answer. The writes' shape is `tandem.api.actions.act`."""

from __future__ import annotations

from typing import cast

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.request import Request

from tandem.accounts.models import User
from tandem.api.actions import errors
from tandem.governance import queries
from tandem.governance.models import Body, Meeting


def _user(request: Request) -> User:
    return cast(User, request.user)


def _body() -> Body:
    body = queries.the_body()
    if body is None:
        raise Http404
    return body


SECRETARIAT = "governance.run_secretariat"

WRITE = errors(400, 403, 404, 409)


def _meeting(request: Request, pk: int) -> Meeting:
    if not _user(request).has_perm("governance.view_members_area"):
        raise Http404
    return get_object_or_404(Meeting, pk=pk)
