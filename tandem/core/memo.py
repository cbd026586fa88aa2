"""Small per-person facts read on every page (roles, second factor, unread count), kept in the
cache and dropped whenever the rows behind them change.

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
