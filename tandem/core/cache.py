"""The one cache mechanism: values derived from the database, kept in Django's shared cache and
made stale at once, in every process, by one write.

Each kind of data (the disease-area tree, …) has a version in the cache. A value is stored with
the version that was current when its computation began; reading it reads the version in the
same round trip (`get_many`) and recomputes when they differ. The write paths call `bump(kind)`
once their transaction commits: one `set` of a fresh token, which every process sees at its next
read. A fresh token rather than `incr`: the database and file caches implement `incr` as a read
then a write, so two concurrent bumps could leave the same number and a value computed between
them would stay current; a token written twice is still a token no value was stored with.

Nothing is kept in process memory or in thread-locals: the cache is the one copy (the default is
the database cache, shared by every process on every machine; Redis when REDIS_URL is set).

What decides access (roles, second factor, memberships) is never cached: it is read with the
person on every request (tandem.accounts.models.access_facts). Cheap facts (an unread count, a
short list) are simply queried: a read of the database cache is itself a query.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")

# Values also expire: a safety net against a lost bump, and a bound on what old values occupy.
TIMEOUT = 24 * 3600
PREFIX = "tandem"


def _version_key(kind: str) -> str:
    return f"{PREFIX}:version:{kind}"


def _value_key(kind: str, parts: tuple[object, ...]) -> str:
    return ":".join([PREFIX, kind, *(str(part) for part in parts)])


def _start(kind: str) -> str:
    """The kind's version, created if the cache holds none (first use, or evicted)."""
    key = _version_key(kind)
    cache.add(key, secrets.token_hex(8), None)
    return str(cache.get(key) or "")


RELEASE = "release"  # bumped by every `tandem migrate`: templates and translations changed


def version(kind: str) -> str:
    """The current version of `kind` (a token)."""
    found = cache.get(_version_key(kind))
    return str(found) if found is not None else _start(kind)


def versions(*kinds: str) -> str:
    """The versions of `kinds` and of the release, in one round trip: the key part of a
    {% cache %} fragment that shows those kinds of data (see the `versions` template tag)."""
    wanted = [_version_key(kind) for kind in (RELEASE, *kinds)]
    found = cache.get_many(wanted)
    return "-".join(
        str(found[key]) if key in found else _start(kind)
        for key, kind in zip(wanted, (RELEASE, *kinds), strict=True)
    )


def cached(
    kind: str, parts: tuple[object, ...], compute: Callable[[], T], *, timeout: int = TIMEOUT
) -> T:
    """The value of `kind` for `parts` (the language, …), computed by `compute` when the cache
    holds none for the current version. One cache round trip when it does. `timeout`: a
    shorter life for values whose sources are also written in bulk, without a bump."""
    key = _value_key(kind, parts)
    found: dict[str, Any] = cache.get_many([_version_key(kind), key])
    current = found.get(_version_key(kind))
    if current is None:
        current = _start(kind)
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]  # type: ignore[no-any-return]
    value = compute()  # after the version was read: a bump from now on makes it stale
    cache.set(key, (current, value), timeout)
    return value


def bump(kind: str) -> None:
    """Every value of `kind` is stale, in every process: call it once the change is committed
    (transaction.on_commit), so that no process recomputes from the old rows."""
    cache.set(_version_key(kind), secrets.token_hex(8), None)


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """The database cache's table (a post_migrate receiver): `tandem migrate` makes it, as it
    makes every other table, so a fresh `make run`, the tests and the topology need no extra
    step. Does nothing for other caches, and nothing when the table exists. Then a new release
    version: {% cache %} fragments written by the previous code are not read again."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
    # A deployment runs migrate: fragments written by the previous templates are stale.
    bump(RELEASE)
