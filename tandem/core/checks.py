"""System checks of the deployment (`tandem check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Per-person facts (roles, second factor, unread count) are cached and dropped when they
    change; with a cache in each process's memory, another process keeps the old value for up
    to five minutes. Production runs several processes: it needs a shared cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if getattr(settings, "PRODUCTION", False) and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is kept in each process's memory.",
                hint="Set REDIS_URL: with several web or task processes, a change of roles or "
                "of the second factor would reach the other processes only after five minutes.",
                id="tandem.W001",
            )
        ]
    return []
