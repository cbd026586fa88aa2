"""What a page may offer, decided once from the rules and the workflows (templates never test
raw statuses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Min
from django.utils import timezone

from tandem.events.models import (
    Course,
    Event,
    EventStatus,
    PlaceKind,
    Registration,
    RegistrationStatus,
    Visibility,
)
from tandem.events.services import EVENT_WORKFLOW, REGISTRATION_WORKFLOW, is_eligible


@dataclass(frozen=True)
class EventActions:
    register: bool = False
    register_reason: str = ""
    manage: bool = False
    decide: bool = False
    cancel_event: bool = False
    see_link: bool = False
    full: bool = False


def event_actions(user: Any, event: Event, registration: Registration | None) -> EventActions:
    from django.utils.translation import gettext as _

    now = timezone.now()
    manage = bool(user.is_authenticated and user.has_perm("events.manage_events"))
    reason = ""
    can_register = False
    if event.status != EventStatus.PUBLISHED:
        reason = _("This event is not open for registration.")
    elif event.starts_at is not None and event.starts_at <= now:
        reason = _("This event has already started or is over.")
    elif now < event.registration_opens:
        reason = _("Registration is not open yet.")
    elif now > event.registration_closes:
        reason = _("Registration is closed.")
    elif user.is_authenticated and not is_eligible(user, event):
        reason = _("This event is for: %(who)s.") % {"who": event.get_eligibility_display()}
    else:
        can_register = registration is None
    return EventActions(
        register=can_register,
        register_reason=reason,
        manage=manage,
        decide=manage and EVENT_WORKFLOW.can(event, EventStatus.PUBLISHED),
        cancel_event=manage and EVENT_WORKFLOW.can(event, EventStatus.CANCELLED),
        see_link=event.place_kind == PlaceKind.ONLINE
        and (manage or bool(registration and registration.holds_a_place)),
        full=event.places_taken >= event.capacity,
    )


@dataclass(frozen=True)
class RegistrationActions:
    confirm: bool = False
    cancel: bool = False
    certificate: bool = False
    feedback: bool = False
    see_link: bool = False


def registration_actions(user: Any, registration: Registration) -> RegistrationActions:
    own = registration.user_id == user.pk
    event = registration.event
    started = event.starts_at is not None and event.starts_at <= timezone.now()
    attended = registration.status == RegistrationStatus.ATTENDED
    has_feedback = hasattr(registration, "feedback")
    return RegistrationActions(
        confirm=own and REGISTRATION_WORKFLOW.can(registration, RegistrationStatus.CONFIRMED),
        cancel=own
        and REGISTRATION_WORKFLOW.can(registration, RegistrationStatus.CANCELLED)
        and not (started and registration.holds_a_place),
        certificate=own and attended,
        feedback=own and attended and not has_feedback,
        see_link=event.place_kind == PlaceKind.ONLINE and registration.holds_a_place,
    )


def waiting_position(registration: Registration) -> int | None:
    """The person's place in the waiting list (1 = next), or None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITING,
            queue_number__lt=registration.queue_number,
        ).count()
        + 1
    )


@dataclass(frozen=True)
class CatalogueEntry:
    course: Course
    next_start: Any


def catalogue(courses: list[Course]) -> list[CatalogueEntry]:
    """Each course with the date of its next published session, in one query."""
    upcoming = dict(
        Event.objects.filter(
            course__in=courses,
            status=EventStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
            starts_at__gt=timezone.now(),
        )
        .values_list("course_id")
        .annotate(first=Min("starts_at"))
        .values_list("course_id", "first")
    )
    return [CatalogueEntry(course=c, next_start=upcoming.get(c.pk)) for c in courses]


@dataclass(frozen=True)
class CalendarRow:
    """One event of the calendar, its labels looked up once per page (not per field)."""

    pk: int
    title: str
    kind: str
    topic: str
    place: str
    starts_at: Any
    ends_at: Any
    starts_iso: str
    ends_iso: str
    several_days: bool
    places_left: int
    capacity: int
    waiting_count: int
    members_only: bool = False


def calendar_rows(events: Any) -> list[CalendarRow]:
    from django.utils.translation import gettext as _

    from tandem.directory.models import Region
    from tandem.events.models import EventKind, Topic

    kinds, topics = dict(EventKind.choices), dict(Topic.choices)
    regions = dict(Region.choices)
    online = _("Online")
    rows = []
    for e in events:
        if e.place_kind == PlaceKind.ONLINE:
            place = online
        else:
            place = " · ".join(str(p) for p in (e.city, regions.get(e.region, "")) if p)
        starts = timezone.localtime(e.starts_at) if e.starts_at else None
        ends = timezone.localtime(e.ends_at) if e.ends_at else None
        rows.append(
            CalendarRow(
                pk=e.pk,
                title=e.title,
                kind=str(kinds.get(e.kind, e.kind)),
                topic=str(topics.get(e.topic, e.topic)),
                place=place,
                starts_at=starts,
                ends_at=ends,
                starts_iso=starts.isoformat() if starts else "",
                ends_iso=ends.isoformat() if ends else "",
                several_days=bool(starts and ends and starts.date() != ends.date()),
                places_left=e.places_left,
                capacity=e.capacity,
                waiting_count=e.waiting_count,
                members_only=e.visibility == Visibility.MEMBERS,
            )
        )
    return rows
