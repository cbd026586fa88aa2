"""Helpers shared by the College's API views: the caller, choice checks, a request as its
coordinator reads it. The writes' shape is `tandem.api.actions.act`."""

from __future__ import annotations

from typing import cast

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.request import Request

from tandem.accounts.models import User
from tandem.api.schema import code_list
from tandem.reviews import queries
from tandem.reviews.models import ReviewRequest


def caller(request: Request) -> User:
    """Every view here requires authentication (the API's default permission)."""
    return cast(User, request.user)


def one_of(value: str, values: list[str]) -> str:
    if value not in values:
        raise serializers.ValidationError(code_list(values))
    return value


def coordinated_request(request: Request, pk: int) -> ReviewRequest:
    if not caller(request).has_perm("reviews.coordinate"):
        raise Http404
    return get_object_or_404(queries.requests_visible_to(caller(request)), pk=pk)
