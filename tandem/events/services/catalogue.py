"""Courses of the catalogue and events with their sessions: creating, proposing (a
laboratory meeting), changing, deciding a proposal and cancelling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import VERBATIM, notify
from tandem.events.models import (
    ACTIVE,
    Course,
    Eligibility,
    Event,
    EventKind,
    EventStatus,
    PlaceKind,
    Registration,
    RegistrationStatus,
    Session,
)
from tandem.events.services.common import EVENT_WORKFLOW, calendar_changed

# The fields of an event an officer writes (sessions apart).
EVENT_FIELDS = (
    "kind",
    "title",
    "topic",
    "description",
    "audience",
    "course",
    "place_kind",
    "unit",
    "address",
    "city",
    "region",
    "online_url",
    "registration_opens",
    "registration_closes",
    "confirm_hours",
    "visibility",
    "eligibility",
    "questions",
    "accessibility",
    "accessibility_notes",
)


@dataclass(frozen=True)
class SessionData:
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str = ""


def save_course(course: Course | None, *, by: User, fields: dict[str, Any]) -> Course:
    """Create or change a course of the catalogue. Logs `events.course.saved`."""
    with transaction.atomic():
        if course is None:
            course = Course(**fields)
        else:
            course = Course.objects.select_for_update().get(pk=course.pk)
            for name, value in fields.items():
                setattr(course, name, value)
        course.full_clean()
        course.save()
        log_action(course, "events.course.saved", by=by)
    return course


def _check_sessions(sessions: Sequence[SessionData]) -> None:
    if not sessions:
        raise DomainError(_("Give at least one date."), code="no_session")
    for session in sessions:
        if session.ends_at <= session.starts_at:
            raise DomainError(_("A session must end after it starts."), code="session_order")


def _check_place(fields: dict[str, Any]) -> None:
    kind = fields.get("place_kind")
    if kind == PlaceKind.UNIT and not fields.get("unit"):
        raise DomainError(_("Choose the research unit."), code="place_unit")
    if kind == PlaceKind.ADDRESS and not fields.get("address"):
        raise DomainError(_("Give the address."), code="place_address")
    if kind == PlaceKind.ONLINE and not fields.get("online_url"):
        raise DomainError(_("Give the link to join online."), code="place_online")
    opens, closes = fields.get("registration_opens"), fields.get("registration_closes")
    if opens and closes and closes <= opens:
        raise DomainError(_("Registration must close after it opens."), code="registration_window")


def _validate(event: Event) -> None:
    """The model's own field rules (choices, lengths, URL), as a translated refusal."""
    try:
        event.full_clean(exclude=["starts_at", "ends_at", "proposed_by", "course", "unit"])
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="invalid") from exc


def _write_sessions(event: Event, sessions: Sequence[SessionData]) -> None:
    event.sessions.all().delete()
    Session.objects.bulk_create(
        [
            Session(event=event, starts_at=s.starts_at, ends_at=s.ends_at, title=s.title)
            for s in sorted(sessions, key=lambda s: s.starts_at)
        ]
    )
    event.starts_at = min(s.starts_at for s in sessions)
    event.ends_at = max(s.ends_at for s in sessions)
    if event.place_kind == PlaceKind.UNIT and event.unit is not None:
        event.region = event.unit.region or event.region
        event.city = event.unit.city or event.city


def create_event(
    *,
    by: User,
    fields: dict[str, Any],
    capacity: int,
    sessions: Sequence[SessionData],
    status: str = EventStatus.PUBLISHED,
) -> Event:
    """Create an event with its sessions (an officer publishes it at once; a researcher's
    proposal waits for approval). Logs `events.event.created`."""
    _check_sessions(sessions)
    _check_place(fields)
    with transaction.atomic():
        event = Event(capacity=capacity, status=status, proposed_by=by, **fields)
        event.starts_at, event.ends_at = sessions[0].starts_at, sessions[0].ends_at
        _validate(event)
        event.save()
        _write_sessions(event, sessions)
        event.save(update_fields=["starts_at", "ends_at", "region", "city"])
        log_action(event, "events.event.created", by=by, data={"status": status})
        calendar_changed()
    return event


def propose_lab_meeting(
    *,
    by: User,
    title: str,
    topic: str,
    description: str,
    capacity: int,
    sessions: Sequence[SessionData],
    unit: Any,
) -> Event:
    """A researcher proposes a meeting in their laboratory; officers are told. Logs
    `events.event.created` (status proposed)."""
    now = timezone.now()
    first = min(s.starts_at for s in sessions) if sessions else now
    if first <= now:
        raise DomainError(_("The meeting must be in the future."), code="past")
    event = create_event(
        by=by,
        fields={
            "kind": EventKind.LAB_MEETING,
            "title": title,
            "topic": topic,
            "description": description,
            "place_kind": PlaceKind.UNIT,
            "unit": unit,
            "registration_opens": now,
            "registration_closes": first - dt.timedelta(days=1)
            if first - dt.timedelta(days=1) > now
            else first,
            "eligibility": Eligibility.PARTNERS,
        },
        capacity=capacity,
        sessions=sessions,
        status=EventStatus.PROPOSED,
    )

    def tell_officers() -> None:
        for officer in User.objects.filter(
            is_active=True, role_assignments__role=Role.OFFICER
        ).distinct():
            notify(
                officer,
                kind="events.proposed",
                title=gettext_noop("A laboratory meeting is proposed: %(title)s"),
                params={"title": event.title},
                url=event.get_absolute_url(),
            )

    tell_officers()  # in-app now; the e-mails leave after commit (notify)
    return event


def update_event(
    event: Event,
    *,
    by: User,
    fields: dict[str, Any],
    sessions: Sequence[SessionData] | None = None,
) -> Event:
    """Change an event's description, place, window or sessions (not its capacity: see
    `set_capacity`). Logs `events.event.updated`."""
    if sessions is not None:
        _check_sessions(sessions)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        for name, value in fields.items():
            setattr(event, name, value)
        _check_place({name: getattr(event, name) for name in EVENT_FIELDS})
        _validate(event)
        if sessions is not None:
            _write_sessions(event, sessions)
        event.save()
        log_action(event, "events.event.updated", by=by, data={"fields": sorted(fields)})
        calendar_changed()
    return event


def decide_proposal(event: Event, *, by: User, approve: bool, reason: str = "") -> Event:
    """An officer approves (publishes) or rejects a proposed laboratory meeting; the proposer
    is told. Logs `events.event.approved` or `events.event.rejected`."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        target = EventStatus.PUBLISHED if approve else EventStatus.REJECTED
        if not approve and not reason.strip():
            raise DomainError(_("Say why the meeting is not approved."), code="reason_required")
        EVENT_WORKFLOW.apply(event, target)
        event.decision_reason = reason
        event.save(update_fields=["status", "decision_reason", "updated"])
        calendar_changed()
        log_action(event, "events.event.approved" if approve else "events.event.rejected", by=by)
        proposer = event.proposed_by
        if proposer is not None:
            title = (
                gettext_noop("Your laboratory meeting is published: %(title)s")
                if approve
                else gettext_noop("Your laboratory meeting is not approved: %(title)s")
            )
            notify(
                proposer,
                kind="events.decided",
                title=title,
                body=VERBATIM if reason else "",
                params={"title": event.title, "text": reason},
                url=event.get_absolute_url(),
            )
    return event


def cancel_event(event: Event, *, by: User, reason: str) -> Event:
    """Cancel a published event: every registration is cancelled and its person told. Logs
    `events.event.cancelled`."""
    if not reason.strip():
        raise DomainError(_("Say why the event is cancelled."), code="reason_required")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        EVENT_WORKFLOW.apply(event, EventStatus.CANCELLED)
        event.decision_reason = reason
        people = list(
            Registration.objects.filter(event=event, status__in=ACTIVE).select_related("user")
        )
        Registration.objects.filter(pk__in=[r.pk for r in people]).update(
            status=RegistrationStatus.CANCELLED, updated=timezone.now()
        )
        event.places_taken = 0
        event.waiting_count = 0
        event.save()
        log_action(event, "events.event.cancelled", by=by, data={"registrations": len(people)})
        calendar_changed()

        def tell() -> None:
            for registration in people:
                notify(
                    registration.user,
                    kind="events.cancelled",
                    title=gettext_noop("Cancelled: %(title)s"),
                    body=VERBATIM,
                    params={"title": event.title, "text": reason},
                    url=event.get_absolute_url(),
                )

        tell()
    return event
