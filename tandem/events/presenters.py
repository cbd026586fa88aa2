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
            course__in=courses, status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()
        )
        .values_list("course_id")
        .annotate(first=Min("starts_at"))
        .values_list("course_id", "first")
    )
    return [CatalogueEntry(course=c, next_start=upcoming.get(c.pk)) for c in courses]
