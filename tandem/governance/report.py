"""The GRAM's yearly activity report: one read of the year (meetings held, attendance per
college, proposals adopted, the Directorate General's answers, actions done, mandates), shown
as a page, given as DOCX and tagged PDF, and answered by the API. A fixed number of queries,
whatever the year holds."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.governance.models import (
    Action,
    ActionStatus,
    Answer,
    Attendance,
    Body,
    College,
    Decision,
    Mandate,
    Meeting,
    MeetingStatus,
    Presence,
    Proposal,
    Proxy,
    ProxyStatus,
    Vote,
    VoteStatus,
)


@dataclass
class CollegeAttendance:
    college: College
    invited: int = 0
    in_room: int = 0
    remote: int = 0
    represented: int = 0

    @property
    def present(self) -> int:
        return self.in_room + self.remote

    @property
    def rate(self) -> int | None:
        """Present (in the room or remote) out of those invited, in percent."""
        return round(100 * self.present / self.invited) if self.invited else None


@dataclass
class CollegeMandates:
    college: College
    seats: int
    held_at_end: int
    started: int
    ended: int

    @property
    def vacancies(self) -> int:
        return max(self.seats - self.held_at_end, 0)


@dataclass
class YearReport:
    body: Body
    year: int
    meetings: list[Meeting]
    cancelled: int
    attendance: list[CollegeAttendance]
    adopted: list[Proposal]
    answers: list[Answer]
    decisions: list[dict[str, Any]]
    actions_done: list[Action]
    actions_open: int
    mandates: list[CollegeMandates]
    quarters_without_meeting: list[int] = field(default_factory=list)


def years(body: Body) -> list[int]:
    """The years that have meetings, most recent first (the report's choice of year)."""
    return sorted(
        {d.year for d in body.meetings.dates("starts_at", "year")} | {timezone.localdate().year},
        reverse=True,
    )


def year_report(body: Body, year: int) -> YearReport:
    """Everything the report says about `year`, read in a fixed number of queries."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = body.meetings.filter(starts_at__year=year)
    meetings = list(in_year.filter(status=MeetingStatus.CLOSED).order_by("starts_at"))
    cancelled = in_year.filter(status=MeetingStatus.CANCELLED).count()
    held_quarters = {m.quarter for m in meetings}

    colleges = list(body.colleges.order_by("position", "pk"))
    per_college = {c.pk: CollegeAttendance(c) for c in colleges}
    rows = Attendance.objects.filter(meeting__in=meetings).values_list(
        "mandate__college_id", "presence"
    )
    for college_id, presence in rows:
        row = per_college[college_id]
        row.invited += 1
        if presence == Presence.ROOM:
            row.in_room += 1
        elif presence == Presence.REMOTE:
            row.remote += 1
    represented = Counter(
        Proxy.objects.filter(meeting__in=meetings, status=ProxyStatus.ACTIVE).values_list(
            "principal__college_id", flat=True
        )
    )
    for college_id, count in represented.items():
        per_college[college_id].represented = count

    adopted_votes = Vote.objects.filter(
        item__meeting__body=body,
        status=VoteStatus.CLOSED,
        adopted=True,
        closed_at__year=year,
        item__proposal__isnull=False,
    ).values_list("item__proposal_id", flat=True)
    adopted = list(
        Proposal.objects.filter(pk__in=adopted_votes).select_related("answer").order_by("title")
    )
    answers = list(
        Answer.objects.filter(proposal__body=body, created__year=year)
        .select_related("proposal")
        .order_by("created")
    )
    counts = Counter(a.decision for a in answers)
    decisions = [
        {"code": code, "label": str(label), "count": counts[code]}
        for code, label in Decision.choices
    ]
    actions = Action.objects.filter(proposal__body=body)
    actions_done = list(
        actions.filter(status=ActionStatus.DONE, updated__year=year)
        .select_related("proposal", "owner")
        .order_by("due")
    )
    actions_open = actions.filter(
        status__in=(ActionStatus.PLANNED, ActionStatus.IN_PROGRESS), created__date__lte=end
    ).count()

    mandates = list(
        Mandate.objects.filter(college__body=body, start__lte=end, end__gte=start).values_list(
            "college_id", "start", "end"
        )
    )
    held: dict[int, int] = defaultdict(int)
    started: dict[int, int] = defaultdict(int)
    ended: dict[int, int] = defaultdict(int)
    for college_id, first, last in mandates:
        if first <= end <= last:
            held[college_id] += 1
        if first >= start:
            started[college_id] += 1
        if last <= end:
            ended[college_id] += 1
    return YearReport(
        body=body,
        year=year,
        meetings=meetings,
        cancelled=cancelled,
        attendance=list(per_college.values()),
        adopted=adopted,
        answers=answers,
        decisions=decisions,
        actions_done=actions_done,
        actions_open=actions_open,
        mandates=[
            CollegeMandates(c, c.seats, held[c.pk], started[c.pk], ended[c.pk]) for c in colleges
        ],
        quarters_without_meeting=[q for q in (1, 2, 3, 4) if q not in held_quarters],
    )


def as_data(report: YearReport) -> dict[str, Any]:
    """The report as plain data: the API's answer and the Word template's context (which must
    not be handed model instances). Labels are translated in the active language."""
    return {
        "body": report.body.name,
        "year": report.year,
        "meetings": [
            {"id": m.pk, "title": m.title, "date": timezone.localtime(m.starts_at).date()}
            for m in report.meetings
        ],
        "cancelled": report.cancelled,
        "quarters_without_meeting": report.quarters_without_meeting,
        "attendance": [
            {
                "college": row.college.label,
                "code": row.college.code,
                "invited": row.invited,
                "in_room": row.in_room,
                "remote": row.remote,
                "represented": row.represented,
                "rate": row.rate,
            }
            for row in report.attendance
        ],
        "adopted": [
            {
                "id": p.pk,
                "title": p.title,
                "status": p.get_status_display(),
                "decision": p.answer.get_decision_display() if hasattr(p, "answer") else "",
            }
            for p in report.adopted
        ],
        "answers": [
            {
                "proposal": a.proposal.title,
                "decision": a.get_decision_display(),
                "code": a.decision,
                "reason": a.reason,
                "reason_line": _("Reason: %(reason)s") % {"reason": a.reason} if a.reason else "",
                "date": timezone.localtime(a.created).date(),
            }
            for a in report.answers
        ],
        "decisions": [
            {**d, "line": _("%(label)s: %(n)s") % {"label": d["label"], "n": d["count"]}}
            for d in report.decisions
        ],
        "actions_done": [
            {"title": a.title, "proposal": a.proposal.title, "due": a.due, "evidence": a.evidence}
            for a in report.actions_done
        ],
        "actions_open": report.actions_open,
        "mandates": [
            {
                "college": row.college.label,
                "code": row.college.code,
                "seats": row.seats,
                "held_at_end": row.held_at_end,
                "vacancies": row.vacancies,
                "started": row.started,
                "ended": row.ended,
            }
            for row in report.mandates
        ],
    }


def labels(report: YearReport) -> dict[str, str]:
    """Every word of the Word template, translated in the active language."""
    return {
        "cancelled": _("Meetings cancelled: %(n)s") % {"n": report.cancelled},
        "actions_open": _("Actions still open at the end of the year: %(n)s")
        % {"n": report.actions_open},
        "meetings": _("Meetings held"),
        "no_meeting": _("No meeting was held this year."),
        "attendance": _("Attendance per college"),
        "college": _("College"),
        "invited": _("Members invited"),
        "in_room": _("In the room"),
        "remote": _("Remote"),
        "represented": _("Represented by a proxy"),
        "rate": _("Attendance rate"),
        "adopted": _("Proposals adopted"),
        "answers": _("Answers of the Directorate General"),
        "actions": _("Actions done"),
        "mandates": _("Mandates"),
        "seats": _("Seats"),
        "held_at_end": _("Held on 31 December"),
        "vacancies": _("Vacancies"),
        "started": _("Mandates begun"),
        "ended": _("Mandates ended"),
    }
