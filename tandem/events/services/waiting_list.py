"""The waiting list: free places offered in arrival order, offers expiring when not
confirmed in time, and capacity changes (lowering it sends chosen people back to the
waiting list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.events.models import Event, Registration, RegistrationStatus
from tandem.events.services.common import REGISTRATION_WORKFLOW, calendar_changed


class CapacityConflict(DomainError):
    """A capacity lower than the places already held: the officer must choose who goes back
    to the waiting list. `affected` are the latest arrivals, proposed by default."""

    def __init__(self, message: Any, *, affected: list[Registration], needed: int) -> None:
        super().__init__(message, code="capacity_below_registered")
        self.affected = affected
        self.needed = needed


def offer_free_places(event: Event, now: dt.datetime) -> list[Registration]:
    """Offer the free places to the waiting list, first come first served (the event's row
    is locked by the caller)."""
    offered: list[Registration] = []
    if event.starts_at is not None and event.starts_at <= now:
        return offered
    free = event.capacity - event.places_taken
    if free <= 0:
        return offered
    waiting = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("queue_number", "pk")[:free]
    )
    until = now + dt.timedelta(hours=event.confirm_hours)
    if event.starts_at is not None:
        until = min(until, event.starts_at)
    for registration in waiting:
        REGISTRATION_WORKFLOW.apply(registration, RegistrationStatus.OFFERED)
        registration.offered_until = until
        registration.save(update_fields=["status", "offered_until", "updated"])
        log_action(registration, "events.registration.offered", by=None)
        offered.append(registration)
    event.places_taken += len(offered)
    event.waiting_count -= len(offered)
    event.save(update_fields=["places_taken", "waiting_count", "updated"])

    def tell() -> None:
        for registration in offered:
            # Message ids and values, written in the reader's language when shown.
            notify(
                registration.user,
                kind="events.offered",
                title=gettext_noop("A place is free for you: %(title)s"),
                body=gettext_noop("Confirm it before %(until)s, or it goes to the next person."),
                params={"title": event.title, "until": until},
                url=registration.get_absolute_url(),
            )

    if offered:
        tell()
    return offered


def expire_event_offers(event: Event, now: dt.datetime) -> int:
    """Offers not confirmed in time are cancelled and their places offered on (the event's
    row is locked by the caller)."""
    expired = list(
        Registration.objects.select_for_update().filter(
            event=event, status=RegistrationStatus.OFFERED, offered_until__lt=now
        )
    )
    for registration in expired:
        REGISTRATION_WORKFLOW.apply(registration, RegistrationStatus.CANCELLED)
        registration.save(update_fields=["status", "updated"])
        log_action(registration, "events.registration.expired", by=None)
    if expired:
        event.places_taken -= len(expired)
        event.save(update_fields=["places_taken", "updated"])
        calendar_changed()
        offer_free_places(event, now)
    return len(expired)


def expire_offers(*, now: dt.datetime | None = None) -> int:
    """Expire every offer not confirmed in time, event by event (run periodically by
    `tandem events_housekeeping`; registering and cancelling also do it for their event)."""
    now = now or timezone.now()
    count = 0
    event_ids = set(
        Registration.objects.filter(
            status=RegistrationStatus.OFFERED, offered_until__lt=now
        ).values_list("event_id", flat=True)
    )
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            count += expire_event_offers(event, now)
    return count


# The places a lowered capacity may send back to the waiting list: held, the event not yet
# attended.
MOVABLE = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CONFIRMED,
)


def affected_by_capacity(event: Event, capacity: int) -> list[Registration]:
    """The place holders who would lose their place with `capacity`: the latest arrivals."""
    excess = event.places_taken - capacity
    if excess <= 0:
        return []
    return list(
        Registration.objects.filter(event=event, status__in=MOVABLE)
        .select_related("user")
        .order_by("-queue_number", "-pk")[:excess]
    )


def set_capacity(
    event: Event, *, by: User, capacity: int, move_to_waiting: Sequence[int] | None = None
) -> Event:
    """Change the number of places. Raising it offers the new places to the waiting list;
    lowering it below the places held is refused (CapacityConflict, naming who would be
    affected) unless the officer chose exactly who goes back to the waiting list (ahead of
    the others, in their arrival order; they are told). Logs `events.event.capacity`."""
    if capacity < 1:
        raise DomainError(_("An event has at least one place."), code="capacity")
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        excess = event.places_taken - capacity
        moved: list[Registration] = []
        if excess > 0:
            chosen = set(move_to_waiting or ())
            movable = {
                r.pk: r
                for r in Registration.objects.select_for_update()
                .filter(event=event, status__in=MOVABLE)
                .select_related("user")
            }
            if len(chosen) != excess or not chosen <= set(movable):
                raise CapacityConflict(
                    ngettext(
                        "%(n)s person already has a place beyond %(capacity)s places: choose who goes back to the waiting list, or keep the capacity.",
                        "%(n)s people already have a place beyond %(capacity)s places: choose who goes back to the waiting list, or keep the capacity.",
                        excess,
                    )
                    % {"n": excess, "capacity": capacity},
                    affected=affected_by_capacity(event, capacity),
                    needed=excess,
                )
            for pk in sorted(chosen):
                registration = movable[pk]
                REGISTRATION_WORKFLOW.apply(registration, RegistrationStatus.WAITING)
                registration.offered_until = None
                registration.save(update_fields=["status", "offered_until", "updated"])
                log_action(registration, "events.registration.moved_to_waiting", by=by)
                moved.append(registration)
            event.places_taken -= len(moved)
            event.waiting_count += len(moved)
        previous = event.capacity
        event.capacity = capacity
        event.save(update_fields=["capacity", "places_taken", "waiting_count", "updated"])
        calendar_changed()
        log_action(
            event,
            "events.event.capacity",
            by=by,
            data={"from": previous, "to": capacity, "moved": len(moved)},
        )
        offer_free_places(event, now)

        def tell() -> None:
            for registration in moved:
                notify(
                    registration.user,
                    kind="events.moved_to_waiting",
                    title=gettext_noop(
                        "Fewer places: you are back on the waiting list for %(title)s"
                    ),
                    body=gettext_noop(
                        "You are first in line: you will be offered the next free place."
                    ),
                    params={"title": event.title},
                    url=registration.get_absolute_url(),
                )

        if moved:
            tell()
    return event
