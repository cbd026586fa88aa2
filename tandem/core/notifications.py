"""Notifications: in-app (a list with an unread count) and by email, in the recipient's language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise

from tandem.core.models import Notification
from tandem.core.prepared import PreparedQuery
from tandem.core.request_memo import forget, once_per_request, remember
from tandem.core.site import site_url
from tandem.core.tasks import send_notification_email

if TYPE_CHECKING:
    from tandem.accounts.models import User


# A body that is someone's own words (a reason, a note), shown as written: `params["text"]`.
VERBATIM = "%(text)s"


def notify(
    recipient: User,
    *,
    kind: str,
    title: str | Promise,
    body: str | Promise = "",
    url: str = "",
    email: bool = True,
    params: dict[str, Any] | None = None,
) -> Notification | None:
    """Create an in-app notification and, if the person accepts email, send it by email after
    the transaction commits (in their language). A closed account (`is_active` False) is told
    nothing, in the app or by email: None is returned. The rule lives here, not in each
    module's choice of recipients (followers, members, officers, authors…), so that no module
    can forget it.

    With `params`, `title` and `body` are message ids marked with `gettext_noop` ("%(name)s
    accepted your invitation") and `params` the values put in them: they are stored as such
    and rendered in the reader's language each time they are shown, so that a notification
    follows the language the person reads in. Without, the words are rendered now in the
    recipient's language (older callers)."""
    if not recipient.is_active:
        return None
    if params is not None:
        notification = Notification.objects.create(
            recipient=recipient,
            kind=kind,
            title=str(title)[:300],
            body=str(body),
            url=url,
            params={key: _plain(value) for key, value in params.items()},
        )
    else:
        with translation.override(recipient.language or "fr"):
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, title=str(title)[:300], body=str(body), url=url
            )
    forget(_unread_key(recipient.pk))
    if email and recipient.contact_by_email:
        site = site_url()
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk, site))
    return notification


def _plain(value: Any) -> Any:
    """A parameter as stored: numbers stay numbers, a date is kept as a date, a moment (a
    datetime: a meeting's start, a time limit) with its time, and a choice (a stage, a status:
    the member of a `models.Choices`) as its code (all written in the reader's language when
    shown: models.render_message), anything else becomes its text (a name, a title), written
    once."""
    if isinstance(value, models.Choices):
        kind = type(value)
        return {"choice": f"{kind.__module__}.{kind.__qualname__}", "code": value.value}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return {
            "datetime": (
                timezone.localtime(value) if timezone.is_aware(value) else value
            ).isoformat()
        }
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return str(value)


def unread_count(user: User) -> int:
    """One indexed count (recipient, read_at): cheaper than a read of the database cache. Every
    signed-in page shows it: its SQL is written once per process (`PreparedQuery`). Read once
    per request; the home's panel of new notifications reads it with its rows
    (`note_unread_count`), so that page does not count again."""
    return once_per_request(_unread_key(user.pk), lambda: _count_unread(user.pk))


def note_unread_count(user: User, count: int) -> None:
    """The unread count, read along with the latest unread notifications, for this request."""
    remember(_unread_key(user.pk), count)


def _unread_key(person_id: int) -> tuple[str, int]:
    return ("unread-notifications", person_id)


def _count_unread(person_id: int) -> int:
    rows = _UNREAD_COUNT.rows(person=person_id)
    return rows[0][0] if rows else 0


def unread_of(person: Any) -> QuerySet[Notification]:
    """A person's unread notifications (their id, or a marker of a prepared query): the one
    rule of the header's count and the home's panel (tandem/core/panels.py)."""
    return Notification.objects.filter(recipient_id=person, read_at__isnull=True)


# The count as a queryset (a prepared query runs querysets): no row when nothing is unread.
_UNREAD_COUNT = PreparedQuery(
    lambda person: (
        unread_of(person).order_by().values("recipient_id").annotate(n=Count("pk")).values_list("n")
    ),
    person=models.IntegerField(),
)


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated"])
        forget(_unread_key(notification.recipient_id))
    return notification


def mark_all_read(user: User) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget(_unread_key(user.pk))
    return changed
