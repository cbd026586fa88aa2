"""Drop the cached per-person facts (tandem.core.memo) when the rows behind them change.

Roles and the second factor are not among them: they are read with the person on every
request (tandem.accounts.models.access_facts)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tandem.core.memo import forget
from tandem.core.models import Notification


@receiver([post_save, post_delete], sender=Notification)
def _notification_changed(sender: Any, instance: Notification, **kwargs: Any) -> None:
    forget("unread", instance.recipient_id)
