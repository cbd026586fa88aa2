"""System checks of the deployment (`tandem check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Sign-in throttles and per-account locks, the second factor's used-code guard and the
    values of tandem.core.cache (the disease-area labels, …) live in the cache; with a cache in
    each process's memory, each process counts failed sign-ins on its own and keeps its own
    labels. The default (the database cache) and Redis are shared; only a local-memory cache
    set by hand is not. (Roles and the second factor are read with the person, never cached.)"""
    backend = settings.CACHES["default"]["BACKEND"]
    if getattr(settings, "PRODUCTION", False) and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is kept in each process's memory.",
                hint="Remove the local-memory cache from the settings (the database cache is "
                "the default) or set REDIS_URL: with several web processes, each one counts "
                "failed sign-ins on its own and lets that many more guesses through.",
                id="tandem.W001",
            )
        ]
    return []
