"""Reads of events and training that carry rules: who sees which event, registration and
claim, with their joins decided here so that a page's queries do not grow with its rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.events.audiences import invited_event_queries
from tandem.events.models import (
    MAY_CLAIM,
    Course,
    Event,
    EventStatus,
    ExpenseClaim,
    Feedback,
    Registration,
    RegistrationStatus,
    Visibility,
)

# The columns the calendar shows (the description and questions are not read).
CALENDAR_FIELDS = (
    "pk",
    "kind",
    "title",
    "topic",
    "place_kind",
    "city",
    "region",
    "capacity",
    "places_taken",
    "waiting_count",
    "starts_at",
    "ends_at",
    "registration_closes",
    "status",
    "visibility",
)


def is_events_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(
        Role.OFFICER, Role.ADMIN
    )


def _invited(user: Any) -> Q:
    """The members-only events `user` may see: those they are registered for (not cancelled)
    and those an app invites them to (`tandem.events.audiences`)."""
    registered = Registration.objects.filter(user=user).exclude(status=RegistrationStatus.CANCELLED)
    invited = Q(pk__in=registered.values("event_id"))
    for ids in invited_event_queries(user):
        invited |= Q(pk__in=ids)
    return invited


def _seen(user: Any) -> Q:
    """Everyone sees public events; a members-only one is seen by the people invited."""
    seen = Q(visibility=Visibility.PUBLIC)
    if getattr(user, "is_authenticated", False):
        seen |= _invited(user)
    return seen


def events_visible_to(user: Any) -> QuerySet[Event]:
    """Published and cancelled events for everyone, members-only ones for the people invited
    (`_invited`); proposals and refusals for their proposer; everything for the officers."""
    events = Event.objects.all()
    if is_events_staff(user):
        return events
    shown = Q(status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED)) & _seen(user)
    if getattr(user, "is_authenticated", False):
        shown |= Q(proposed_by=user)
    return events.filter(shown)


def can_see(user: Any, event: Event) -> bool:
    """Whether `user` may see `event` at all (its page, its file, registering)."""
    if event.visibility == Visibility.PUBLIC or is_events_staff(user):
        return True
    return events_visible_to(user).filter(pk=event.pk).exists()


@dataclass(frozen=True)
class Audience:
    """Which events a calendar shows its reader: the public ones, plus every members-only
    one (`everything`, the officers) or those listed in `members_only`. `key` names the set
    in the calendar's cache key, so that readers who see the same events share a page and a
    reader who joins or leaves a group gets a page of their own at once."""

    everything: bool = False
    members_only: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        if self.everything:
            return "all"
        if not self.members_only:
            return "public"
        digest = hashlib.sha256(",".join(map(str, self.members_only)).encode()).hexdigest()
        return "m" + digest[:20]


PUBLIC = Audience()


def audience_of(user: Any) -> Audience:
    """The calendar's reader: no query for a visitor or an officer, one for a signed-in
    person (the members-only events they are invited to)."""
    if not getattr(user, "is_authenticated", False):
        return PUBLIC
    if is_events_staff(user):
        return Audience(everything=True)
    ids = (
        Event.objects.filter(visibility=Visibility.MEMBERS)
        .filter(_invited(user))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Audience(members_only=tuple(ids))


@dataclass(frozen=True)
class CalendarFilters:
    kind: str = ""
    topic: str = ""
    region: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    course: int | None = None


def calendar(filters: CalendarFilters, audience: Audience = PUBLIC) -> QuerySet[Event]:
    """Published events that `audience` sees, from `start` (today by default) in date order:
    one indexed range scan per filter (status, kind|topic|region, starts_at)."""
    start = filters.start or timezone.localdate()
    events = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__gte=timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
    )
    if not audience.everything:
        events = events.filter(
            Q(visibility=Visibility.PUBLIC) | Q(pk__in=list(audience.members_only))
        )
    if filters.end:
        events = events.filter(
            starts_at__lt=timezone.make_aware(
                dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time.min)
            )
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.topic:
        events = events.filter(topic=filters.topic)
    if filters.region:
        events = events.filter(region=filters.region)
    if filters.course:
        events = events.filter(course_id=filters.course)
    return events.only(*CALENDAR_FIELDS).order_by("starts_at", "pk")


def event_detail(user: Any, pk: int) -> Event:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        events_visible_to(user)
        .select_related("course", "unit", "unit__regional_office", "proposed_by")
        .prefetch_related("sessions"),
        pk=pk,
    )


def courses() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True).order_by("title")


COURSE_SESSIONS = 20


def course_sessions(course: Course) -> QuerySet[Event]:
    """A course's next sessions, as the public calendar shows them to everyone (its page and
    the API)."""
    return calendar(CalendarFilters(course=course.pk))[:COURSE_SESSIONS]


def registration_of(user: User, event: Event) -> Registration | None:
    """The person's current registration for the event (not a cancelled one)."""
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registrations_of(user: User) -> QuerySet[Registration]:
    """A person's own registrations, newest events first."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "feedback")
        .order_by("-event__starts_at", "-pk")
    )


def upcoming_registrations_of(
    user: User | int, now: dt.datetime | None = None
) -> QuerySet[Registration]:
    """A person's current registrations for events not over yet, soonest first (the panel;
    a person or their id, and the time, for its prepared query)."""
    return (
        Registration.objects.filter(user=user, event__ends_at__gte=now or timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .only("pk", "status", "event__title", "event__starts_at")
        .order_by("event__starts_at", "pk")
    )


def registrations_visible_to(user: User) -> QuerySet[Registration]:
    """One's own registrations; every registration for the officers."""
    if is_events_staff(user):
        return Registration.objects.select_related("event", "user")
    return Registration.objects.filter(user=user).select_related("event", "user")


def registrations_for(event: Event) -> QuerySet[Registration]:
    """An event's registrations for its officers: place holders first, then the waiting list,
    in arrival order."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "event")
        .order_by("queue_number", "pk")
    )


def attendance_list(event: Event) -> QuerySet[Registration]:
    return (
        registrations_for(event)
        .filter(
            status__in=(
                RegistrationStatus.REGISTERED,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.ATTENDED,
                RegistrationStatus.NO_SHOW,
            )
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def completed_trainings(user: User) -> QuerySet[Registration]:
    """The trainings the person attended (their profile and certificates)."""
    return (
        Registration.objects.filter(
            user=user, status=RegistrationStatus.ATTENDED, event__kind="training"
        )
        .select_related("event", "event__course")
        .order_by("-event__starts_at")
    )


def completed_training(user: User, course: Course) -> dt.date | None:
    """The day the person completed a session of `course`, or None."""
    registration = (
        Registration.objects.filter(
            user=user, status=RegistrationStatus.ATTENDED, event__course=course
        )
        .order_by("-event__starts_at")
        .only("event__starts_at")
        .select_related("event")
        .first()
    )
    if registration is None or registration.event.starts_at is None:
        return None
    return timezone.localdate(registration.event.starts_at)


@dataclass(frozen=True)
class Prerequisites:
    """Where a person stands with the trainings a role requires: each course, the day it
    was completed (None: not yet) and its next open session."""

    course: Course
    completed_on: dt.date | None
    next_event: Event | None


def prerequisite_status(user: User, role: str) -> list[Prerequisites]:
    """For the College (`role="college"`): every course required, done or with its next
    session. Used by the College's application page."""
    required = list(Course.objects.filter(is_active=True, prerequisite_for=role))
    result = []
    for course in required:
        done = completed_training(user, course)
        upcoming = None
        if done is None:
            upcoming = (
                Event.objects.filter(
                    course=course,
                    status=EventStatus.PUBLISHED,
                    visibility=Visibility.PUBLIC,
                    starts_at__gt=timezone.now(),
                )
                .order_by("starts_at")
                .first()
            )
        result.append(Prerequisites(course=course, completed_on=done, next_event=upcoming))
    return result


def trained_for(users: list[User], role: str) -> dict[int, dt.date]:
    """For a list of people (the College's pool): the day each completed every training the
    role requires (the latest of them), in one query; people not done are absent."""
    required = set(
        Course.objects.filter(is_active=True, prerequisite_for=role).values_list("pk", flat=True)
    )
    if not required:
        return {}
    done: dict[int, dict[int, dt.datetime]] = {}
    rows = Registration.objects.filter(
        user__in=[u.pk for u in users],
        status=RegistrationStatus.ATTENDED,
        event__course__in=required,
    ).values_list("user_id", "event__course_id", "event__starts_at")
    for user_id, course_id, starts in rows:
        done.setdefault(user_id, {})
        if starts is not None:
            done[user_id][course_id] = max(starts, done[user_id].get(course_id, starts))
    return {
        user_id: timezone.localdate(max(courses.values()))
        for user_id, courses in done.items()
        if set(courses) >= required
    }


def proposals() -> QuerySet[Event]:
    return (
        Event.objects.filter(status=EventStatus.PROPOSED)
        .select_related("proposed_by", "unit")
        .order_by("starts_at")
    )


def feedback_summary(event: Event) -> dict[str, Any]:
    """Counts and averages of an event's feedback, the distribution of ratings and the
    comments, in three queries."""
    answers = Feedback.objects.filter(registration__event=event)
    totals = answers.aggregate(n=Count("pk"), rating=Avg("rating"), clear=Avg("clear"))
    by_rating = dict(
        answers.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n")
    )
    attended = Registration.objects.filter(event=event, status=RegistrationStatus.ATTENDED).count()
    return {
        "count": totals["n"],
        "attended": attended,
        "rating": totals["rating"],
        "clear": totals["clear"],
        "distribution": [
            {
                "rating": value,
                "n": by_rating.get(value, 0),
                "share": round(100 * by_rating.get(value, 0) / totals["n"]) if totals["n"] else 0,
            }
            for value in range(5, 0, -1)
        ],
        "comments": list(
            answers.exclude(comment="").order_by("-created").values_list("comment", flat=True)
        ),
    }


def claims_visible_to(user: User) -> QuerySet[ExpenseClaim]:
    claims = ExpenseClaim.objects.select_related("user", "event", "decided_by")
    if is_events_staff(user):
        return claims
    return claims.filter(user=user)


def claimable_events(user: User) -> QuerySet[Event]:
    """The events a person may claim travel expenses for (`MAY_CLAIM`: a place, not recorded
    as absent)."""
    return (
        Event.objects.filter(registrations__user=user, registrations__status__in=MAY_CLAIM)
        .distinct()
        .order_by("-starts_at")
    )


def registered_events(user: User) -> QuerySet[Event]:
    """The events a person has a registration for (not cancelled): what a posted claim may
    name, so that the claim service, not the form, says why one is refused."""
    mine = Registration.objects.filter(user=user).exclude(status=RegistrationStatus.CANCELLED)
    return Event.objects.filter(pk__in=mine.values("event_id"))


def feed_events(user: User) -> QuerySet[Registration]:
    """What a personal calendar feed shows: the person's places and waiting-list entries."""
    return (
        Registration.objects.filter(
            user=user,
            status__in=(
                RegistrationStatus.REGISTERED,
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.OFFERED,
                RegistrationStatus.WAITING,
                RegistrationStatus.ATTENDED,
            ),
        )
        .select_related("event", "event__unit")
        .prefetch_related("event__sessions")
        .order_by("event__starts_at")
    )
