"""Fetch-and-authorise helpers of the pages: objects a person may not see are "not found"."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reviews import queries
from tandem.reviews.models import Assignment, ReviewRequest


def visible_request(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    return get_object_or_404(queries.requests_visible_to(request.user), pk=pk)


def own_request(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    """A request the person submitted or is a delegate of (others: not found)."""
    return get_object_or_404(queries.requests_of(request.user), pk=pk)


def coordinated_request(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    if not request.user.has_perm("reviews.coordinate"):
        raise Http404
    return visible_request(request, pk)


def own_assignment(request: AuthenticatedHttpRequest, pk: int) -> Assignment:
    return get_object_or_404(queries.assignments_of(request.user), pk=pk)


def fail(request: AuthenticatedHttpRequest, exc: DomainError, to: str) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect(to)
