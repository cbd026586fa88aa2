"""Facts read once per request: a page asks "does this person hold a GRAM mandate today?" from
its menu, its panels and its permission checks; the answer is read from the database once and
kept for the rest of that request only (never between requests, never in the process). Outside
a request (tasks, commands, tests calling a service) nothing is kept: each call reads again.
A service that changes such a fact forgets it (`forget`), for the rest of its request."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("tandem_request_memo", default=None)


def once_per_request(key: Hashable, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


def remember(key: Hashable, value: object) -> None:
    """Keep an answer read along with something else (a count that came with a list), for the
    rest of the request; outside a request, nothing is kept."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value


def forget(key: Hashable) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


class RequestMemoMiddleware:
    """Opens an empty memo for each request and drops it when the answer is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
