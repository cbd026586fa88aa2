"""Reads of the GRAM that carry rules: who is a member on a given day, what a visitor may see,
the year's planning, warnings, the quorum and a vote's result."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.prepared import PreparedQuery
from tandem.core.request_memo import once_per_request
from tandem.governance.models import (
    ActionStatus,
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    College,
    Majority,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    MinutesVersion,
    Presence,
    Proposal,
    ProposalStatus,
    Proxy,
    ProxyStatus,
    QuorumRule,
    Vote,
    VoteMethod,
    VoteStatus,
)

if TYPE_CHECKING:
    from tandem.accounts.models import User

ENDING_SOON_DAYS = 90
STAFF_ROLES = ("officer", "admin")


def the_body() -> Body | None:
    """The GRAM (Tandem has one governance body; the model allows more)."""
    return Body.objects.order_by("pk").first()


# --- Membership comes from mandates ---------------------------------------------------------


def current_mandates(body: Body, day: dt.date | None = None) -> QuerySet[Mandate]:
    day = day or timezone.localdate()
    return Mandate.objects.filter(college__body=body, start__lte=day, end__gte=day)


def mandate_of(user: User | Any, body: Body | None, day: dt.date | None = None) -> Mandate | None:
    """The person's mandate in the body on that day (today by default), if any."""
    if body is None or not getattr(user, "is_authenticated", False):
        return None
    return current_mandates(body, day).filter(person=user).select_related("college").first()


def is_member(user: User | Any, day: dt.date | None = None) -> bool:
    """Holds a mandate of a governance body today: read from the mandates' dates each time
    (never cached with the roles)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if day is None:  # today's answer: the menu, the panels and the rules of a page share it
        return once_per_request(
            member_today_key(user.pk), lambda: _holds_mandate(user, timezone.localdate())
        )
    return _holds_mandate(user, day)


def member_today_key(person_id: int) -> tuple[str, int]:
    return ("gram-member-today", person_id)


def _holds_mandate(user: User | Any, day: dt.date) -> bool:
    # Asked by the main menu on every signed-in page: its SQL is written once per process.
    return bool(_HOLDS_MANDATE.rows(person=user.pk, day=day))


_HOLDS_MANDATE = PreparedQuery(
    lambda person, day: Mandate.objects.filter(
        person_id=person, start__lte=day, end__gte=day
    ).values_list("pk")[:1],
    person=models.IntegerField(),
    day=models.DateField(),
)


def is_secretariat(user: User | Any) -> bool:
    """The officers of the department run the secretariat; so do the body's chair and
    secretary while their mandate lasts."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_role(*STAFF_ROLES):
        return True
    day = timezone.localdate()
    return Mandate.objects.filter(
        person=user, start__lte=day, end__gte=day, role__in=("chair", "secretary")
    ).exists()


def can_view_members_area(user: User | Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_role("director", *STAFF_ROLES) or is_member(user)


def meeting_mandate(user: User | Any, meeting: Meeting) -> Mandate | None:
    """The person's mandate on the day of the meeting."""
    return mandate_of(user, meeting.body, timezone.localdate(meeting.starts_at))


# --- Composition, warnings, planning ------------------------------------------------------


@dataclass
class CollegeView:
    college: College
    mandates: list[Mandate]
    vacancies: int

    @property
    def vacant_seats(self) -> range:
        return range(self.vacancies)


def composition(body: Body, day: dt.date | None = None) -> list[CollegeView]:
    """Each college with its current mandates and its number of vacant seats (two queries)."""
    day = day or timezone.localdate()
    current = Prefetch(
        "mandates",
        queryset=Mandate.objects.filter(start__lte=day, end__gte=day)
        .select_related("person", "organization")
        .order_by("seat"),
        to_attr="current",
    )
    views = []
    for college in body.colleges.prefetch_related(current):
        views.append(
            CollegeView(college, college.current, max(college.seats - len(college.current), 0))
        )
    return views


@dataclass(frozen=True)
class Warning:
    code: str
    college: College | None = None
    mandate: Mandate | None = None
    quarter: int | None = None
    missing: int = 0


def warnings(body: Body, today: dt.date | None = None) -> list[Warning]:
    """What the secretariat must see: colleges under their quota, mandates ending soon,
    quarters of the year with no meeting."""
    today = today or timezone.localdate()
    found = []
    for view in composition(body, today):
        if view.vacancies:
            found.append(Warning("under_quota", college=view.college, missing=view.vacancies))
    soon = today + dt.timedelta(days=ENDING_SOON_DAYS)
    renewed = Mandate.objects.filter(renews__isnull=False).values("renews")
    for mandate in (
        current_mandates(body, today)
        .filter(end__lte=soon)
        .exclude(pk__in=renewed)
        .select_related("person", "college")
    ):
        found.append(Warning("ending_soon", mandate=mandate))
    for quarter, meetings in year_plan(body, today.year).items():
        if not meetings:
            found.append(Warning("empty_quarter", quarter=quarter))
    return found


def year_plan(body: Body, year: int) -> dict[int, list[Meeting]]:
    plan: dict[int, list[Meeting]] = {1: [], 2: [], 3: [], 4: []}
    for meeting in body.meetings.filter(starts_at__year=year).exclude(
        status=MeetingStatus.CANCELLED
    ):
        plan[meeting.quarter].append(meeting)
    return plan


def meetings_of(body: Body) -> QuerySet[Meeting]:
    return body.meetings.annotate(item_count=Count("items")).order_by("-starts_at")


def public_meetings(body: Body) -> QuerySet[Meeting]:
    return body.meetings.exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at")


def meeting_detail(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("body", "quorum_rule")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related("owner", "proposal").prefetch_related(
                    "votes", "conflicts__mandate__person"
                ),
            ),
            Prefetch("documents", queryset=MeetingDocument.objects.select_related("item")),
        )
        .get(pk=pk)
    )


def attendance_of(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related(
        "mandate__person", "mandate__college", "mandate__organization"
    ).order_by("mandate__college__position", "mandate__seat")


def active_proxies(meeting: Meeting) -> QuerySet[Proxy]:
    return meeting.proxies.filter(status=ProxyStatus.ACTIVE).select_related(
        "principal__person", "holder__person", "principal__college"
    )


def notice_is_late(meeting: Meeting, at: dt.datetime | None = None) -> bool:
    """Convened (or convening now) later than the rules' notice period before the meeting."""
    at = meeting.convened_at or at or timezone.now()
    return meeting.starts_at - at < dt.timedelta(days=meeting.body.notice_days)


# The session opens on the meeting's day or the day before (a room set up the evening before),
# never earlier: opening weeks ahead is a slip on the wrong meeting.
OPENS_DAYS_BEFORE = 1


def session_opens_on(meeting: Meeting) -> dt.date:
    """The first day the secretariat may open the meeting's session."""
    return timezone.localdate(meeting.starts_at) - dt.timedelta(days=OPENS_DAYS_BEFORE)


def too_early_to_open(meeting: Meeting, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) < session_opens_on(meeting)


def current_quorum_rule(body: Body) -> QuorumRule | None:
    return body.quorum_rules.order_by("-version").first()


# --- Quorum -----------------------------------------------------------------------------------


@dataclass
class CollegeQuorum:
    code: str
    name: str
    seats: int
    present: int
    represented: int
    needed: int

    @property
    def counted(self) -> int:
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        return self.counted >= self.needed

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "seats": self.seats,
            "present": self.present,
            "represented": self.represented,
            "needed": self.needed,
            "reached": self.reached,
        }


@dataclass
class Quorum:
    rule_version: int | None
    colleges: list[CollegeQuorum] = field(default_factory=list)
    needed: int = 0

    @property
    def counted(self) -> int:
        return sum(c.counted for c in self.colleges)

    @property
    def reached(self) -> bool:
        return (
            self.rule_version is not None
            and self.counted >= self.needed
            and all(c.reached for c in self.colleges)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_version": self.rule_version,
            "needed": self.needed,
            "counted": self.counted,
            "reached": self.reached,
            "colleges": [c.as_dict() for c in self.colleges],
        }


def quorum(meeting: Meeting, item: AgendaItem | None = None) -> Quorum:
    """The quorum now, under the rules the meeting was convened with: members present (in the
    room or remote) and, if the rules say so, those represented by a present proxy holder. For
    an item, members who declared a conflict of interest leave both the count and the seats."""
    rule = meeting.quorum_rule or current_quorum_rule(meeting.body)
    result = Quorum(rule_version=rule.version if rule else None)
    if rule is None:
        return result
    conflicted: dict[int, int] = (
        dict(item.conflicts.values_list("mandate_id", "mandate__college_id")) if item else {}
    )
    present = {
        a.mandate_id: a.mandate.college_id
        for a in meeting.attendances.exclude(presence=Presence.ABSENT).select_related("mandate")
    }
    represented: Counter[int] = Counter()
    if rule.count_proxies:
        for proxy in meeting.proxies.filter(status=ProxyStatus.ACTIVE).select_related("principal"):
            if proxy.holder_id in present and proxy.principal_id not in conflicted:
                represented[proxy.principal.college_id] += 1
    total = 0
    for college in meeting.body.colleges.all():
        seats = college.seats - sum(1 for c in conflicted.values() if c == college.pk)
        total += seats
        result.colleges.append(
            CollegeQuorum(
                code=college.code,
                name=college.label,
                seats=seats,
                present=sum(
                    1 for m, c in present.items() if c == college.pk and m not in conflicted
                ),
                represented=represented[college.pk],
                needed=math.ceil(seats * rule.college_percent / 100),
            )
        )
    result.needed = math.ceil(total * rule.overall_percent / 100)
    return result


# --- Majorities -------------------------------------------------------------------------------


def majority_reached(majority: str, counts: dict[str, int]) -> bool:
    """Whether `counts` ({"for", "against", "abstain"}) carry the motion under `majority`.
    Simple: more for than against. Absolute: more than half of all votes cast (abstentions
    included). Two-thirds: at least two thirds of the votes for or against. Double: a simple
    majority, overall (each college is checked by the caller)."""
    yes, no, abstain = counts.get("for", 0), counts.get("against", 0), counts.get("abstain", 0)
    if majority == Majority.ABSOLUTE:
        return yes * 2 > yes + no + abstain
    if majority == Majority.TWO_THIRDS:
        return yes > 0 and yes * 3 >= (yes + no) * 2
    return yes > no


def secretariat_can_record(vote: Vote) -> bool:
    """The secretariat may record a member's vote (a show of hands) only in an open vote that is
    still open: in a secret ballot nobody casts another member's vote (only a proxy holder)."""
    return vote.status == VoteStatus.OPEN and vote.method == VoteMethod.OPEN


def can_change_recorded(vote: Vote, ballot: Ballot | None, mandate: Mandate | None) -> bool:
    """A member may change the vote the secretariat recorded on their behalf while it is open."""
    return bool(
        vote.status == VoteStatus.OPEN
        and ballot is not None
        and mandate is not None
        and ballot.mandate_id == mandate.pk
        and ballot.recorded_by_id is not None
    )


def can_edit_proposal(proposal: Proposal, user: User | Any) -> bool:
    """A draft is edited by its author while they hold a mandate (co-signers support a text,
    they do not write it)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and proposal.status == ProposalStatus.DRAFT
        and proposal.author_id == user.pk
        and mandate_of(user, proposal.body) is not None
    )


def can_see_result(vote: Vote) -> bool:
    """Results are published once the vote is closed, never while it is open."""
    return vote.status == VoteStatus.CLOSED


# --- Proposals --------------------------------------------------------------------------------

PUBLIC_PROPOSAL_STATUSES = (
    ProposalStatus.ADOPTED,
    ProposalStatus.TRANSMITTED,
    ProposalStatus.ANSWERED,
    ProposalStatus.IMPLEMENTED,
)


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("author", "answer").annotate(
        cosignature_count=Count("cosignatures", distinct=True)
    )


def public_proposals() -> QuerySet[Proposal]:
    """What anyone reads, signed in or not: the proposals the GRAM adopted, and after."""
    return _proposals().filter(status__in=PUBLIC_PROPOSAL_STATUSES)


def proposals_for(user: User | Any) -> QuerySet[Proposal]:
    """Members, the director and the secretariat see every proposal; visitors the adopted ones."""
    if can_view_members_area(user):
        return _proposals()
    return public_proposals()


def proposal_detail(queryset: QuerySet[Proposal], pk: int) -> Proposal:
    return queryset.prefetch_related("cosignatures__person", "actions__owner").get(pk=pk)


def waiting_days(proposal: Proposal, today: dt.date | None = None) -> int | None:
    """Days since the proposal was sent to the Directorate General, while it waits for the
    answer; None once answered (or before it was sent)."""
    if proposal.status != ProposalStatus.TRANSMITTED or proposal.transmitted_at is None:
        return None
    today = today or timezone.localdate()
    return (today - timezone.localdate(proposal.transmitted_at)).days


def answer_overdue(proposal: Proposal, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        proposal.status == ProposalStatus.TRANSMITTED
        and proposal.answer_due is not None
        and today > proposal.answer_due
    )


ACTION_DUE_SOON_DAYS = 7


def open_actions_due_soon(today: dt.date) -> Q:
    """Open actions due within a week and not reminded yet: their owner is told once, before
    the day (the overdue reminders follow, daily, once it has passed)."""
    return Q(
        status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS),
        due__gte=today,
        due__lte=today + dt.timedelta(days=ACTION_DUE_SOON_DAYS),
        reminded_on__isnull=True,
    )


def open_actions_overdue(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS), due__lt=today)


# --- Minutes ----------------------------------------------------------------------------------


def minutes_for(user: User | Any) -> QuerySet[Minutes]:
    """Members, the director and the secretariat read every minutes; others the approved
    minutes marked public."""
    if can_view_members_area(user):
        return _minutes()
    return public_minutes()


def _minutes() -> QuerySet[Minutes]:
    return Minutes.objects.select_related("meeting", "approved_at")


def public_minutes() -> QuerySet[Minutes]:
    """What anyone reads, signed in or not: the approved minutes marked public."""
    return _minutes().filter(status=MinutesStatus.APPROVED, is_public=True)


def latest_version(minutes: Minutes) -> MinutesVersion:
    """The minutes' latest version, read from the database (a service calls it under the
    minutes' lock, so that it is the one its new version follows)."""
    version = minutes.versions.order_by("-number").first()
    assert version is not None  # drafting writes version 1
    return version


def compare(old: MinutesVersion, new: MinutesVersion) -> list[dict[str, str]]:
    """Line by line: unchanged ("same"), removed ("old") and added ("new") lines."""
    rows = []
    for line in difflib.ndiff(old.lines, new.lines):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        rows.append({"kind": {"  ": "same", "- ": "old", "+ ": "new"}[code], "text": text})
    return rows


def compare_items(old: MinutesVersion, new: MinutesVersion) -> list[dict[str, Any]]:
    """The agenda items whose record differs between two versions, in the agenda's order: for
    each, the fields that changed with their two values ("" for nothing recorded)."""
    before = {r.item_id: r for r in old.items.select_related("proposal")}
    after = {r.item_id: r for r in new.items.select_related("proposal")}
    rows = []
    for item in new.minutes.meeting.items.all():
        a, b = before.get(item.pk), after.get(item.pk)
        changes = [
            {"field": field, "old": _record_value(a, field), "new": _record_value(b, field)}
            for field in ("discussion", "outcome", "proposal")
            if _record_value(a, field) != _record_value(b, field)
        ]
        if changes:
            rows.append({"item": item, "changes": changes})
    return rows


def _record_value(record: MinutesItem | None, field: str) -> str:
    value = getattr(record, field, None) if record is not None else None
    return "" if value is None else str(value)
