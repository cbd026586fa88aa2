"""The action log: one entry per change that matters, written by services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from tandem.core.models import ActionLogEntry

if TYPE_CHECKING:
    from tandem.accounts.models import User


def actor_label(user: User | None) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.email


def _entry(
    obj: models.Model | None, action: str, *, by: User | None, data: dict[str, Any] | None
) -> ActionLogEntry:
    entry = ActionLogEntry(
        actor=by if (by is not None and by.pk) else None,
        actor_label=actor_label(by),
        action=action,
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    return entry


def log_action(
    obj: models.Model | None,
    action: str,
    *,
    by: User | None,
    data: dict[str, Any] | None = None,
) -> ActionLogEntry:
    """Record `action` (dotted, e.g. `accounts.invitation.sent`) on `obj` by `by`."""
    entry = _entry(obj, action, by=by, data=data)
    entry.save()
    return entry


def log_actions(
    entries: Iterable[tuple[models.Model | None, str, dict[str, Any] | None]],
    *,
    by: User | None,
) -> list[ActionLogEntry]:
    """`log_action` for many (object, action, data) at once by the same `by`, in one
    `bulk_create`: a batch (an import) writes its entries in a constant number of queries.
    The entries are the same as one by one, in the given order, but `bulk_create` sends no
    `post_save` signal (none listens to the action log)."""
    return ActionLogEntry.objects.bulk_create(
        [_entry(obj, action, by=by, data=data) for obj, action, data in entries]
    )


def history_of(obj: models.Model) -> QuerySet[ActionLogEntry]:
    """Entries about one object, newest first (the history panel)."""
    return ActionLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
