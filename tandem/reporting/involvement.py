"""An organization's involvement in the partnership, read from the modules that hold it:
participatory projects (incubator), reviews written by its members for the College (reviews),
trainings and events its members attended (events), and its seats in the GRAM (governance).

Reporting changes nothing: these are reads. Each part is one query whatever the number of
rows (five queries in all, plus the organization), so the page, its documents and the API
stay as fast for a federation of a thousand members as for a small association."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.directory.models import MembershipRole, Organization, OrganizationMembership
from tandem.events.models import EventKind, Registration, RegistrationStatus
from tandem.governance.models import Mandate
from tandem.incubator.models import Project
from tandem.reviews.models import Assignment, AssignmentState

# Who may open any organization's involvement: the department's staff.
STAFF = (Role.OFFICER, Role.ADMIN)


def can_see_involvement(user: Any, organization: Organization) -> bool:
    """An organization's admins see their own organization's involvement; the department's
    officers and administrators see every organization's."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_role(*STAFF):
        return True
    return OrganizationMembership.objects.filter(
        user=user, organization=organization, role=MembershipRole.ADMIN
    ).exists()


def involvement_organization(user: User, pk: int) -> Organization:
    """The organization whose involvement `user` asks for, or DoesNotExist: another
    organization's involvement is not found (its existence is not confirmed either)."""
    organization = Organization.objects.only("pk", "name", "status").get(pk=pk)
    if not can_see_involvement(user, organization):
        raise Organization.DoesNotExist
    return organization


# --- What the page shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLine:
    pk: int
    title: str
    stage: str
    stage_label: str
    is_public: bool
    member_hours: Decimal


@dataclass(frozen=True)
class ReviewLine:
    reviewer: str
    sent_on: dt.date | None
    category: str


@dataclass(frozen=True)
class EventLine:
    pk: int
    title: str
    kind: str
    kind_label: str
    starts_on: dt.date | None
    attendees: list[str]


@dataclass(frozen=True)
class SeatLine:
    person: str
    college: str
    role: str
    start: dt.date
    end: dt.date
    is_current: bool


@dataclass
class Involvement:
    organization: Organization
    year: int | None
    projects: list[ProjectLine] = field(default_factory=list)
    reviews: list[ReviewLine] = field(default_factory=list)
    trainings: list[EventLine] = field(default_factory=list)
    events: list[EventLine] = field(default_factory=list)
    seats: list[SeatLine] = field(default_factory=list)

    @property
    def reviewers(self) -> int:
        return len({r.reviewer for r in self.reviews})

    @property
    def people_trained(self) -> int:
        return len({name for line in self.trainings for name in line.attendees})

    @property
    def attendances(self) -> int:
        return sum(len(line.attendees) for line in (*self.trainings, *self.events))

    @property
    def current_seats(self) -> int:
        return sum(1 for seat in self.seats if seat.is_current)

    @property
    def member_hours(self) -> Decimal:
        return sum((p.member_hours for p in self.projects), start=Decimal(0))


def _name(user: User) -> str:
    return user.get_full_name() or user.email


def _members(organization: Organization) -> QuerySet[OrganizationMembership, Any]:
    return OrganizationMembership.objects.filter(organization=organization).values("user_id")


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=zone),
        dt.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _projects(organization: Organization) -> list[ProjectLine]:
    """The projects the organization takes part in, with the hours its members gave them."""
    rows = (
        Project.objects.filter(organizations=organization)
        .annotate(
            member_hours=Sum(
                "contributions__hours",
                filter=Q(contributions__volunteer__in=_members(organization)),
            )
        )
        .order_by("-created", "-pk")
    )
    return [
        ProjectLine(
            pk=p.pk,
            title=p.title,
            stage=p.stage,
            stage_label=p.get_stage_display(),
            is_public=p.is_public,
            member_hours=p.member_hours or Decimal(0),
        )
        for p in rows
    ]


def _reviews(organization: Organization, year: int | None) -> list[ReviewLine]:
    """Reviews sent to the College by the organization's members (or by reviewers who joined
    the College for it). The study stays confidential: only its category is shown."""
    assignments = (
        Assignment.objects.filter(state=AssignmentState.SUBMITTED)
        .filter(
            Q(reviewer__in=_members(organization))
            | Q(reviewer__reviewer_profile__organization=organization)
        )
        .select_related("reviewer", "round__request")
        .only(
            "pk",
            "submitted_at",
            "reviewer__email",
            "reviewer__first_name",
            "reviewer__last_name",
            "round__request__category",
        )
        .distinct()
        .order_by("-submitted_at", "-pk")
    )
    if year is not None:
        start, end = _year_bounds(year)
        assignments = assignments.filter(submitted_at__gte=start, submitted_at__lt=end)
    return [
        ReviewLine(
            reviewer=_name(a.reviewer),
            sent_on=timezone.localdate(a.submitted_at) if a.submitted_at else None,
            category=a.round.request.get_category_display(),
        )
        for a in assignments
    ]


def _attended(organization: Organization, year: int | None) -> tuple[list[EventLine], ...]:
    """Trainings and other events the organization's members attended, one line per event
    with who came."""
    registrations = (
        Registration.objects.filter(
            status=RegistrationStatus.ATTENDED, user__in=_members(organization)
        )
        .select_related("event", "user")
        .only(
            "pk",
            "user__email",
            "user__first_name",
            "user__last_name",
            "event__id",
            "event__title",
            "event__kind",
            "event__starts_at",
        )
        .order_by("-event__starts_at", "event__pk", "user__last_name", "user__first_name")
    )
    if year is not None:
        start, end = _year_bounds(year)
        registrations = registrations.filter(event__starts_at__gte=start, event__starts_at__lt=end)
    lines: dict[int, EventLine] = {}
    for registration in registrations:
        event = registration.event
        line = lines.get(event.pk)
        if line is None:
            line = lines[event.pk] = EventLine(
                pk=event.pk,
                title=event.title,
                kind=event.kind,
                kind_label=event.get_kind_display(),
                starts_on=timezone.localdate(event.starts_at) if event.starts_at else None,
                attendees=[],
            )
        line.attendees.append(_name(registration.user))
    trainings = [line for line in lines.values() if line.kind == EventKind.TRAINING]
    others = [line for line in lines.values() if line.kind != EventKind.TRAINING]
    return trainings, others


def _seats(organization: Organization, year: int | None) -> list[SeatLine]:
    """The GRAM's mandates held for the organization (current and past)."""
    mandates = (
        Mandate.objects.filter(organization=organization)
        .select_related("person", "college")
        .order_by("-end", "college__position", "seat")
    )
    if year is not None:
        mandates = mandates.filter(start__lte=dt.date(year, 12, 31), end__gte=dt.date(year, 1, 1))
    today = timezone.localdate()
    return [
        SeatLine(
            person=_name(m.person),
            college=m.college.label,
            role=m.get_role_display(),
            start=m.start,
            end=m.end,
            is_current=m.is_current(today),
        )
        for m in mandates
    ]


def involvement_of(organization: Organization, *, year: int | None = None) -> Involvement:
    """Everything the organization has done, for one year or since the beginning (projects
    are listed whatever the year: they last several)."""
    trainings, events = _attended(organization, year)
    return Involvement(
        organization=organization,
        year=year,
        projects=_projects(organization),
        reviews=_reviews(organization, year),
        trainings=trainings,
        events=events,
        seats=_seats(organization, year),
    )


def years_with_involvement() -> list[int]:
    """The years a reader may choose: this one and the nine before."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 10, -1))
