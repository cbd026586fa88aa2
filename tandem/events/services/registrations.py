"""Registrations: who may register, registering (a place or the waiting list), confirming
an offer and cancelling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.directory.models import OrganizationMembership
from tandem.events.models import Eligibility, Event, EventStatus, Registration, RegistrationStatus
from tandem.events.queries import can_see
from tandem.events.services.common import REGISTRATION_WORKFLOW, calendar_changed
from tandem.events.services.waiting_list import expire_event_offers, offer_free_places


def is_eligible(user: User, event: Event) -> bool:
    if event.eligibility == Eligibility.EVERYONE:
        return True
    if event.eligibility == Eligibility.RESEARCHERS:
        return user.has_role(Role.RESEARCHER)
    return (
        user.has_role(Role.MEMBER, Role.REVIEWER, Role.GRAM)
        or OrganizationMembership.objects.filter(user=user).exists()
    )


def _refuse_registration(event: Event, user: User, now: dt.datetime) -> None:
    # A members-only event is open to the people who see it (deny by default): the pages and
    # the API do not show it to the others, this refuses a request that names it anyway.
    if not can_see(user, event):
        raise DomainError(
            _("This event is only for the members of its group or project."),
            code="members_only",
        )
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("This event is not open for registration."), code="not_published")
    if event.starts_at is not None and event.starts_at <= now:
        raise DomainError(_("This event has already started or is over."), code="past")
    if now < event.registration_opens:
        raise DomainError(_("Registration is not open yet."), code="not_open")
    if now > event.registration_closes:
        raise DomainError(_("Registration is closed."), code="closed")
    if not is_eligible(user, event):
        raise DomainError(
            _("This event is for: %(who)s.") % {"who": event.get_eligibility_display()},
            code="not_eligible",
        )
    if (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise DomainError(_("You are already registered for this event."), code="already")


def register(
    event: Event,
    *,
    user: User,
    answers: dict[str, str] | None = None,
    accessibility_needs: Iterable[str] | None = None,
    accessibility_notes: str | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    """Register `user`: a place if one is left, else the waiting list in arrival order.
    Accessibility needs default to the person's profile. `now` is the moment of the
    registration (the demo replays past ones). Logs `events.registration.created`."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        expire_event_offers(event, now)
        _refuse_registration(event, user, now)
        wanted = [q for q in event.question_list]
        given = {q: (answers or {}).get(q, "").strip()[:2000] for q in wanted}
        last = Registration.objects.filter(event=event).aggregate(n=Max("queue_number"))["n"]
        has_place = event.places_taken < event.capacity and event.waiting_count == 0
        registration = Registration.objects.create(
            event=event,
            user=user,
            status=RegistrationStatus.REGISTERED if has_place else RegistrationStatus.WAITING,
            queue_number=(last or 0) + 1,
            answers=given,
            accessibility_needs=list(
                user.accessibility_needs if accessibility_needs is None else accessibility_needs
            ),
            accessibility_notes=user.accessibility_notes
            if accessibility_notes is None
            else accessibility_notes,
        )
        if has_place:
            event.places_taken += 1
        else:
            event.waiting_count += 1
        event.save(update_fields=["places_taken", "waiting_count", "updated"])
        calendar_changed()
        log_action(
            registration,
            "events.registration.created",
            by=user,
            data={"status": registration.status},
        )
    return registration


def _locked(registration: Registration) -> tuple[Event, Registration]:
    # Always the event first, then the registration: every writer locks in the same order.
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = (
        Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    )
    registration.event = event
    return event, registration


def confirm_offer(registration: Registration, *, by: User) -> Registration:
    """The person takes the place offered to them, in time. Logs
    `events.registration.confirmed`."""
    now = timezone.now()
    with transaction.atomic():
        _event, registration = _locked(registration)
        if (
            registration.status == RegistrationStatus.OFFERED
            and registration.offered_until is not None
            and registration.offered_until < now
        ):
            raise DomainError(
                _("This offer has expired: the place went to the next person."), code="expired"
            )
        REGISTRATION_WORKFLOW.apply(registration, RegistrationStatus.CONFIRMED)
        registration.save(update_fields=["status", "updated"])
        log_action(registration, "events.registration.confirmed", by=by)
    return registration


def cancel_registration(
    registration: Registration, *, by: User | None, now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration (or a place on the waiting list, or an offer); a place freed
    goes to the first person waiting. Logs `events.registration.cancelled`."""
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _locked(registration)
        if event.starts_at is not None and event.starts_at <= now and registration.holds_a_place:
            raise DomainError(_("The event has started: it is too late to cancel."), code="past")
        held = registration.holds_a_place
        REGISTRATION_WORKFLOW.apply(registration, RegistrationStatus.CANCELLED)
        registration.save(update_fields=["status", "updated"])
        if held:
            event.places_taken -= 1
        else:
            event.waiting_count -= 1
        event.save(update_fields=["places_taken", "waiting_count", "updated"])
        calendar_changed()
        log_action(registration, "events.registration.cancelled", by=by)
        offer_free_places(event, now)
    return registration
