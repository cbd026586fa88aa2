"""The GRAM's public pages: composition, calendar, adopted proposals, public minutes; the feed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import calendar, presenters, queries
from tandem.governance.views._common import _body


@login_not_required
def public(request: AuthenticatedHttpRequest) -> HttpResponse:
    body = queries.the_body()
    context: dict[str, Any] = {"body": body}
    if body is not None:
        today = timezone.localdate()
        proposals = list(
            queries.proposals_for(None)
            .filter(body=body)
            .prefetch_related("actions")
            .order_by("-transmitted_at", "-pk")
        )
        context.update(
            composition=queries.composition(body),
            upcoming=list(
                queries.public_meetings(body)
                .filter(starts_at__gte=timezone.now())
                .order_by("starts_at")[:8]
            ),
            past=list(queries.public_meetings(body).filter(starts_at__lt=timezone.now())[:8]),
            proposals=[presenters.proposal_row(p, today) for p in proposals],
            minutes=list(
                queries.minutes_for(None)
                .filter(meeting__body=body)
                .order_by("-meeting__starts_at")[:8]
            ),
        )
    return render(request, "governance/public.html", context)


@login_not_required
def calendar_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    body = _body()
    content = calendar.feed(body, list(queries.public_meetings(body)), request=request)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
