"""Small per-person facts shown on pages (the unread count, the "my organizations" panel), kept
in the cache and dropped whenever the rows behind them change.

Only facts that decide nothing: what a person may do (roles, second factor) is never kept here
but read with the person on every request (tandem.accounts.models.access_facts), because a
process-local cache (the default) or a value re-cached before a revoking transaction commits
would let a revoked role work on.

Each fact has one key per person; `forget` is called by model signals and by the services
that write in bulk (bulk_create and update send no signal)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
TTL = 300  # a safety net: every write path also forgets the value at once


def _key(fact: str, user_id: int) -> str:
    return f"tandem:{fact}:{user_id}"


def remember(fact: str, user_id: int, compute: Callable[[], T]) -> T:
    key = _key(fact, user_id)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value  # type: ignore[no-any-return]


def forget(fact: str, user_id: int | None) -> None:
    if user_id is not None:
        cache.delete(_key(fact, user_id))
