"""Writes of events and training: one function per state change (docs/events.md).

Every function that changes places locks the event's row first (`select_for_update`), then
reads and counts inside the same transaction: two people registering at the same moment for
the last place are served one after the other, so a place is never given twice. On SQLite,
where a transaction takes the database's write lock when it begins (`transaction_mode`
IMMEDIATE in the settings), the same code queues the writers behind the busy timeout."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.cache import bump
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.core.uploads import clean_filename
from tandem.directory.models import OrganizationMembership
from tandem.events.models import (
    CLAIM_TRANSITIONS,
    EVENT_TRANSITIONS,
    HOLDS_A_PLACE,
    REGISTRATION_TRANSITIONS,
    CalendarFeed,
    ClaimStatus,
    Course,
    Eligibility,
    Event,
    EventKind,
    EventStatus,
    ExpenseClaim,
    Feedback,
    PlaceKind,
    Receipt,
    Registration,
    RegistrationStatus,
    Session,
)

EVENT_WORKFLOW = Workflow(
    states=EventStatus,
    table=EVENT_TRANSITIONS,
    message=_("This event cannot go from “%(from)s” to “%(to)s”."),
)
REGISTRATION_WORKFLOW = Workflow(
    states=RegistrationStatus,
    table=REGISTRATION_TRANSITIONS,
    message=_("This registration cannot go from “%(from)s” to “%(to)s”."),
    messages={RegistrationStatus.CANCELLED: _("This registration is cancelled.")},
)
CLAIM_WORKFLOW = Workflow(
    states=ClaimStatus,
    table=CLAIM_TRANSITIONS,
    message=_("This claim cannot go from “%(from)s” to “%(to)s”."),
    messages={
        ClaimStatus.APPROVED: _("This claim is already decided."),
        ClaimStatus.REJECTED: _("This claim is already decided."),
    },
)

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


class CapacityConflict(DomainError):
    """A capacity lower than the places already held: the officer must choose who goes back
    to the waiting list. `affected` are the latest arrivals, proposed by default."""

    def __init__(self, message: Any, *, affected: list[Registration], needed: int) -> None:
        super().__init__(message, code="capacity_below_registered")
        self.affected = affected
        self.needed = needed


# The calendar's pages are kept in the shared cache (tandem.core.cache), stale in every
# process as soon as a change that they show commits.
CALENDAR = "events-calendar"


def _calendar_changed() -> None:
    transaction.on_commit(lambda: bump(CALENDAR))


# --- Courses and events ---------------------------------------------------------------------


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
        _calendar_changed()
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
                title=_("A laboratory meeting is proposed: %(title)s") % {"title": event.title},
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
        _calendar_changed()
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
        _calendar_changed()
        log_action(event, "events.event.approved" if approve else "events.event.rejected", by=by)
        proposer = event.proposed_by
        if proposer is not None:
            title = (
                _("Your laboratory meeting is published: %(title)s")
                if approve
                else _("Your laboratory meeting is not approved: %(title)s")
            ) % {"title": event.title}
            (
                notify(
                    proposer,
                    kind="events.decided",
                    title=title,
                    body=reason,
                    url=event.get_absolute_url(),
                )
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
            Registration.objects.filter(
                event=event, status__in=(*HOLDS_A_PLACE, RegistrationStatus.WAITING)
            ).select_related("user")
        )
        Registration.objects.filter(pk__in=[r.pk for r in people]).update(
            status=RegistrationStatus.CANCELLED, updated=timezone.now()
        )
        event.places_taken = 0
        event.waiting_count = 0
        event.save()
        log_action(event, "events.event.cancelled", by=by, data={"registrations": len(people)})
        _calendar_changed()

        def tell() -> None:
            for registration in people:
                notify(
                    registration.user,
                    kind="events.cancelled",
                    title=_("Cancelled: %(title)s") % {"title": event.title},
                    body=reason,
                    url=event.get_absolute_url(),
                )

        tell()
    return event


# The people on the attendance list: a place confirmed, or already marked.
ON_THE_LIST = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)


# --- Registrations --------------------------------------------------------------------------


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
        _expire_offers(event, now)
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
        _calendar_changed()
        log_action(
            registration,
            "events.registration.created",
            by=user,
            data={"status": registration.status},
        )
    return registration


def _promote(event: Event, now: dt.datetime) -> list[Registration]:
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
            notify(
                registration.user,
                kind="events.offered",
                title=_("A place is free for you: %(title)s") % {"title": event.title},
                body=_("Confirm it before %(until)s, or it goes to the next person.")
                % {"until": timezone.localtime(until).strftime("%d/%m/%Y %H:%M")},
                url=registration.get_absolute_url(),
            )

    if offered:
        tell()
    return offered


def _expire_offers(event: Event, now: dt.datetime) -> int:
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
        _calendar_changed()
        _promote(event, now)
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
            count += _expire_offers(event, now)
    return count


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
        _calendar_changed()
        log_action(registration, "events.registration.cancelled", by=by)
        _promote(event, now)
    return registration


def affected_by_capacity(event: Event, capacity: int) -> list[Registration]:
    """The place holders who would lose their place with `capacity`: the latest arrivals."""
    excess = event.places_taken - capacity
    if excess <= 0:
        return []
    return list(
        Registration.objects.filter(
            event=event,
            status__in=(
                RegistrationStatus.REGISTERED,
                RegistrationStatus.OFFERED,
                RegistrationStatus.CONFIRMED,
            ),
        )
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
                .filter(
                    event=event,
                    status__in=(
                        RegistrationStatus.REGISTERED,
                        RegistrationStatus.OFFERED,
                        RegistrationStatus.CONFIRMED,
                    ),
                )
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
        _calendar_changed()
        log_action(
            event,
            "events.event.capacity",
            by=by,
            data={"from": previous, "to": capacity, "moved": len(moved)},
        )
        _promote(event, now)

        def tell() -> None:
            for registration in moved:
                notify(
                    registration.user,
                    kind="events.moved_to_waiting",
                    title=_("Fewer places: you are back on the waiting list for %(title)s")
                    % {"title": event.title},
                    body=_("You are first in line: you will be offered the next free place."),
                    url=registration.get_absolute_url(),
                )

        if moved:
            tell()
    return event


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
            notify(
                registration.user,
                kind="events.reminder",
                title=_("Reminder: %(title)s on %(date)s")
                % {
                    "title": event.title,
                    "date": timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M")
                    if event.starts_at
                    else "",
                },
                body=event.place_label(),
                url=registration.get_absolute_url(),
            )
            count += 1
    return count


# --- Calendar feed --------------------------------------------------------------------------


def renew_feed_token(user: User) -> CalendarFeed:
    """Give the person a new secret feed address (the old one stops working). Logs
    `events.feed.renewed`."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        if not _created:
            feed.token = secrets.token_urlsafe(32)
            feed.save(update_fields=["token", "updated"])
        log_action(feed, "events.feed.renewed", by=user)
    return feed


def feed_of(user: User) -> CalendarFeed:
    """The person's feed, made on first use."""
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed if feed is not None else renew_feed_token(user)


# --- Travel expenses ------------------------------------------------------------------------


def submit_claim(
    *,
    by: User,
    event: Event,
    amount: Decimal,
    description: str,
    receipts: Sequence[tuple[UploadedFile, str]],
) -> ExpenseClaim:
    """A volunteer asks for travel expenses of an event they had a place at, with receipts
    (already checked by `validate_upload`: (file, kind)). Logs `events.claim.submitted`."""
    if not receipts:
        raise DomainError(_("Add at least one receipt."), code="no_receipt")
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), code="amount")
    if not Registration.objects.filter(event=event, user=by, status__in=HOLDS_A_PLACE).exists():
        raise DomainError(
            _("Travel expenses are for the events you had a place at."), code="not_registered"
        )
    with transaction.atomic():
        claim = ExpenseClaim.objects.create(
            user=by, event=event, amount=amount, description=description.strip()
        )
        for upload, kind in receipts:
            receipt = Receipt(
                claim=claim, original_filename=clean_filename(upload.name or ""), kind=kind
            )
            receipt.file.save("receipt", upload, save=False)
            receipt.save()
        log_action(claim, "events.claim.submitted", by=by, data={"receipts": len(receipts)})
    return claim


def decide_claim(claim: ExpenseClaim, *, by: User, approve: bool, reason: str = "") -> ExpenseClaim:
    """An officer approves or rejects a claim (a rejection says why); the person is told.
    Logs `events.claim.approved` or `events.claim.rejected`."""
    if not approve and not reason.strip():
        raise DomainError(_("Say why the claim is rejected."), code="reason_required")
    with transaction.atomic():
        claim = ExpenseClaim.objects.select_for_update().select_related("user").get(pk=claim.pk)
        CLAIM_WORKFLOW.apply(claim, ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED)
        claim.decided_by = by
        claim.decided_at = timezone.now()
        claim.decision_reason = reason.strip()
        claim.save()
        log_action(claim, f"events.claim.{claim.status}", by=by)
        person = claim.user
        title = (
            _("Your travel expenses are approved")
            if approve
            else _("Your travel expenses are rejected")
        )
        (
            notify(
                person,
                kind="events.claim",
                title=title,
                body=claim.decision_reason,
                url=claim.get_absolute_url(),
            )
        )
    return claim
