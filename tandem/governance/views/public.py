"""The GRAM's public pages: composition, calendar, adopted proposals, public minutes; the feed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render

from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import documents, presenters, queries
from tandem.governance.views._common import _body


@login_not_required
def public(request: AuthenticatedHttpRequest) -> HttpResponse:
    body = queries.the_body()
    context: dict[str, Any] = {"body": body}
    if body is not None:
        context.update(presenters.public_page(body))
    return render(request, "governance/public.html", context)


@login_not_required
def calendar_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    return documents.calendar_feed_response(_body(), site=request.build_absolute_uri("/"))
