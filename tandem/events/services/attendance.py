"""Around the day of an event: reminders before it, attendance on it, the attendee's
feedback after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import VERBATIM, notify
from tandem.events.models import (
    Event,
    EventStatus,
    Feedback,
    PlaceKind,
    Registration,
    RegistrationStatus,
)
from tandem.events.services.common import REGISTRATION_WORKFLOW

# The people on the attendance list: a place confirmed, or already marked.
ON_THE_LIST = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)


def record_attendance(
    event: Event,
    *,
    by: User,
    attended: Iterable[int],
    absent: Iterable[int],
    now: dt.datetime | None = None,
) -> int:
    """On the day: mark place holders as attended or absent (a mark may be corrected).
    Refused before the first session starts. Logs `events.registration.attended` /
    `events.registration.no_show`; returns how many changed."""
    now = now or timezone.now()
    present, missing = set(attended), set(absent)
    if present & missing:
        raise DomainError(_("A person cannot be both present and absent."), code="both")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.starts_at is None or event.starts_at > now + dt.timedelta(hours=2):
            raise DomainError(
                _("Attendance is recorded on the day of the event."), code="too_early"
            )
        changed = 0
        for registration in Registration.objects.select_for_update().filter(
            event=event, pk__in=present | missing, status__in=ON_THE_LIST
        ):
            target = (
                RegistrationStatus.ATTENDED
                if registration.pk in present
                else RegistrationStatus.NO_SHOW
            )
            if registration.status == target:
                continue
            REGISTRATION_WORKFLOW.apply(registration, target)
            registration.attendance_recorded_at = now
            registration.save(update_fields=["status", "attendance_recorded_at", "updated"])
            log_action(registration, f"events.registration.{target}", by=by)
            changed += 1
    return changed


def give_feedback(
    registration: Registration, *, by: User, rating: int, clear: int, comment: str = ""
) -> Feedback:
    """The attendee's short feedback, once. Logs `events.feedback.given`."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.ATTENDED:
            raise DomainError(_("Feedback is for the people who attended."), code="not_attended")
        if Feedback.objects.filter(registration=registration).exists():
            raise DomainError(_("You have already given your feedback."), code="already")
        feedback = Feedback.objects.create(
            registration=registration, rating=rating, clear=clear, comment=comment.strip()
        )
        log_action(feedback, "events.feedback.given", by=by, data={"rating": rating})
    return feedback


def send_reminders(*, now: dt.datetime | None = None, ahead: dt.timedelta | None = None) -> int:
    """Remind the place holders of events starting within `ahead` (two days), once each.
    Logs nothing (a notification is its own record); returns how many were reminded."""
    now = now or timezone.now()
    ahead = ahead or dt.timedelta(days=2)
    count = 0
    due = (
        Registration.objects.filter(
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED),
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + ahead,
        )
        .select_related("user", "event")
        .order_by("pk")
    )
    for registration in due:
        with transaction.atomic():
            done = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not done:
                continue  # another run took it
            event = registration.event
            online = event.place_kind == PlaceKind.ONLINE
            # Message ids and values, written in the reader's language when shown; the address
            # as it is written.
            notify(
                registration.user,
                kind="events.reminder",
                title=gettext_noop("Reminder: %(title)s on %(date)s"),
                body=gettext_noop("Online") if online else VERBATIM,
                params={
                    "title": event.title,
                    "date": event.starts_at or "",
                    "text": "" if online else event.place_label(),
                },
                url=registration.get_absolute_url(),
            )
            count += 1
    return count
