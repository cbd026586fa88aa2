"""Notifications: in-app (a list with an unread count) and by email, in the recipient's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise

from tandem.core.models import Notification
from tandem.core.site import site_url
from tandem.core.tasks import send_notification_email

if TYPE_CHECKING:
    from tandem.accounts.models import User


def notify(
    recipient: User,
    *,
    kind: str,
    title: str | Promise,
    body: str | Promise = "",
    url: str = "",
    email: bool = True,
) -> Notification:
    """Create an in-app notification rendered in the recipient's language and, if the person
    accepts email, send it by email after the transaction commits."""
    with translation.override(recipient.language or "fr"):
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, title=str(title)[:300], body=str(body), url=url
        )
    if email and recipient.is_active and recipient.contact_by_email:
        site = site_url()
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk, site))
    return notification


def unread_count(user: User) -> int:
    """One indexed count (recipient, read_at): cheaper than a read of the database cache."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated"])
    return notification


def mark_all_read(user: User) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return changed
