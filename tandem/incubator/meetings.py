"""Meetings of working groups and projects, held as events of the events module: the
calendar, places, registrations, reminders, iCalendar files and attendance come from there;
the incubator keeps the link (`Meeting`) and tells the members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.events.audiences import register_audience
from tandem.events.models import Eligibility, EventKind, PlaceKind, Topic, Visibility
from tandem.events.queries import events_visible_to
from tandem.events.services import SessionData, create_event
from tandem.incubator.models import Meeting, Project, WorkingGroup
from tandem.incubator.queries import participant

STAFF_ROLES = (Role.OFFICER, Role.ADMIN)


@dataclass(frozen=True)
class MeetingPlan:
    """What a meeting is: its title, what it is about, when, where and for how many."""

    title: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    place_kind: str = PlaceKind.ONLINE
    address: str = ""
    city: str = ""
    online_url: str = ""
    # Members only by default: a meeting is the group's or project's own.
    visibility: str = Visibility.MEMBERS


@register_audience
def members_of_meetings(user: User) -> QuerySet[Any]:
    """The events of the meetings `user` is invited to (`tandem.events.audiences`): their
    working groups' (member or coordinator) and their projects' (proposer, researcher,
    member of a partner organization, follower, assigned officer)."""
    return Meeting.objects.filter(
        Q(group__members=user)
        | Q(group__coordinator=user)
        | Q(project__in=Project.objects.filter(participant(user)).values("pk"))
    ).values("event_id")


def can_schedule(user: User, of: WorkingGroup | Project) -> bool:
    """A working group's coordinator schedules its meetings; the department's staff schedule
    every group's and project's."""
    if not user.is_authenticated:
        return False
    if user.has_role(*STAFF_ROLES):
        return True
    return isinstance(of, WorkingGroup) and of.coordinator_id == user.pk


def _people_to_tell(of: WorkingGroup | Project, by: User) -> list[User]:
    if isinstance(of, WorkingGroup):
        people = list(of.members.all())
        if of.coordinator is not None:
            people.append(of.coordinator)
    else:
        people = [*of.researchers.all(), *of.followers.all()]
        if of.proposed_by is not None:
            people.append(of.proposed_by)
    return [p for p in {p.pk: p for p in people}.values() if p.pk != by.pk]


def schedule_meeting(of: WorkingGroup | Project, *, by: User, plan: MeetingPlan) -> Meeting:
    """Schedule a meeting of a working group or a project: creates a published event of the
    events module (one session, registration open from now until the meeting starts, for
    the people who see it: by default only the group's or project's members) and links it. Logs `incubator.meeting.scheduled` on the group
    or project; tells its members, researchers and followers after the commit."""
    if not can_schedule(by, of):
        raise DomainError(
            _("Only the group's coordinator and the department's officers schedule meetings."),
            code="not_allowed",
        )
    now = timezone.now()
    if plan.starts_at <= now:
        raise DomainError(_("A meeting is scheduled in the future."), code="in_the_past")
    model = type(of)
    with transaction.atomic():
        # Lock and re-read the group or project: a group being deleted or a project closed
        # meanwhile is seen here.
        of = model.objects.select_for_update().get(pk=of.pk)
        if isinstance(of, Project) and of.stage == "closed":
            raise DomainError(_("This project is closed."), code="closed")
        event = create_event(
            by=by,
            fields={
                "kind": EventKind.DEBATE,
                "title": plan.title,
                "topic": Topic.OTHER,
                "description": plan.description,
                "audience": str(of),
                "place_kind": plan.place_kind,
                "address": plan.address,
                "city": plan.city,
                "online_url": plan.online_url,
                "registration_opens": now,
                "registration_closes": plan.starts_at,
                "eligibility": Eligibility.EVERYONE,
                "visibility": plan.visibility,
            },
            capacity=plan.capacity,
            sessions=[SessionData(starts_at=plan.starts_at, ends_at=plan.ends_at)],
        )
        meeting = Meeting.objects.create(
            event=event,
            group=of if isinstance(of, WorkingGroup) else None,
            project=of if isinstance(of, Project) else None,
            scheduled_by=by,
        )
        log_action(of, "incubator.meeting.scheduled", by=by, data={"event": event.pk})
        recipients = _people_to_tell(of, by)
        url = event.get_absolute_url()

        def tell() -> None:
            for person in recipients:
                notify(
                    person,
                    kind="incubator.meeting",
                    title=gettext_noop("A meeting is scheduled: %(title)s"),
                    params={"title": event.title},
                    url=url,
                )

        transaction.on_commit(tell)
    return meeting


def meetings_of(of: WorkingGroup | Project, user: User) -> QuerySet[Meeting]:
    """A group's or project's meetings that `user` may see (a public project's page does not
    list its members-only meetings to a visitor), soonest first, with their events (one
    query)."""
    meetings = Meeting.objects.select_related("event").filter(
        event__in=events_visible_to(user).values("pk")
    )
    if isinstance(of, WorkingGroup):
        return meetings.filter(group=of).order_by("event__starts_at", "pk")
    return meetings.filter(project=of).order_by("event__starts_at", "pk")
