"""Writes of the GRAM: one function per state change (transaction, lock and re-read, refusal
as a translated DomainError that writes nothing, action log, notifications after commit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.clarity import Config, analyze
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.core.uploads import clean_filename
from tandem.directory.models import Organization
from tandem.governance import queries
from tandem.governance.models import (
    ACTION_TRANSITIONS,
    MEETING_TRANSITIONS,
    MINUTES_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    VOTE_TRANSITIONS,
    Action,
    ActionStatus,
    AgendaItem,
    Amendment,
    AmendmentStatus,
    Answer,
    Attendance,
    AttendanceAnswer,
    Ballot,
    Body,
    Choice,
    College,
    ConflictOfInterest,
    CoSignature,
    Decision,
    Majority,
    Mandate,
    MandateRole,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    Presence,
    Proposal,
    ProposalStatus,
    Proxy,
    ProxyStatus,
    QuorumRule,
    QuotaChange,
    Vote,
    VoteMethod,
    VoteStatus,
)

MEETING_WORKFLOW = Workflow(
    states=MeetingStatus,
    table=MEETING_TRANSITIONS,
    message=_("This meeting cannot go from “%(from)s” to “%(to)s”."),
)
VOTE_WORKFLOW = Workflow(
    states=VoteStatus,
    table=VOTE_TRANSITIONS,
    message=_("This vote cannot go from “%(from)s” to “%(to)s”."),
)
PROPOSAL_WORKFLOW = Workflow(
    states=ProposalStatus,
    table=PROPOSAL_TRANSITIONS,
    message=_("This proposal cannot go from “%(from)s” to “%(to)s”."),
)
MINUTES_WORKFLOW = Workflow(
    states=MinutesStatus,
    table=MINUTES_TRANSITIONS,
    message=_("These minutes cannot go from “%(from)s” to “%(to)s”."),
    messages={MinutesStatus.APPROVED: _("These minutes are approved: they can no longer change.")},
)
PROXY_WORKFLOW = Workflow(
    states=ProxyStatus,
    table={
        ProxyStatus.ACTIVE: {ProxyStatus.WITHDRAWN, ProxyStatus.CANCELLED},
        ProxyStatus.WITHDRAWN: set(),
        ProxyStatus.CANCELLED: set(),
    },
    message=_("This proxy cannot go from “%(from)s” to “%(to)s”."),
)
AMENDMENT_WORKFLOW = Workflow(
    states=AmendmentStatus,
    table={
        AmendmentStatus.PROPOSED: {AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED},
        AmendmentStatus.ACCEPTED: set(),
        AmendmentStatus.REJECTED: set(),
    },
    message=_("This amendment cannot go from “%(from)s” to “%(to)s”."),
)
ACTION_WORKFLOW = Workflow(
    states=ActionStatus,
    table=ACTION_TRANSITIONS,
    message=_("This action cannot go from “%(from)s” to “%(to)s”."),
)

# The GRAM's colleges as the founding text sets them (DOMAIN.md).
DEFAULT_COLLEGES: tuple[tuple[str, Any, int], ...] = (
    ("patients", _("Patient organizations"), 10),
    ("researchers", _("Researchers"), 5),
    ("administration", _("Institute administration"), 5),
)


def _refuse(message: Any, code: str) -> DomainError:
    return DomainError(message, code=code)


# --- The body, colleges, quotas, mandates ----------------------------------------------------


def create_body(*, name: str, slug: str, by: User | None) -> Body:
    """Create a governance body with the default colleges and quotas (10/5/5) and its first
    quorum rules (half of the seats overall, a third in each college). Logs
    `governance.body.created`."""
    with transaction.atomic():
        body = Body.objects.create(name=name, slug=slug)
        for position, (code, label, seats) in enumerate(DEFAULT_COLLEGES):
            college = College.objects.create(
                body=body, code=code, name=str(label), position=position, seats=seats
            )
            QuotaChange.objects.create(college=college, seats=seats, by=by)
        QuorumRule.objects.create(
            body=body,
            version=1,
            overall_percent=50,
            college_percent=34,
            adopted_on=timezone.localdate(),
        )
        log_action(body, "governance.body.created", by=by)
    return body


def change_quota(college: College, *, seats: int, reason: str = "", by: User) -> College:
    """Change a college's number of seats, keeping the change in its history. Refused below
    the number of current mandates. Logs `governance.quota.changed`."""
    if seats < 1:
        raise _refuse(_("A college has at least one seat."), "quota_too_small")
    with transaction.atomic():
        college = College.objects.select_for_update().get(pk=college.pk)
        held = queries.current_mandates(college.body).filter(college=college).count()
        if seats < held:
            raise _refuse(
                _("%(n)s mandates of this college are current: end some before lowering the quota.")
                % {"n": held},
                "quota_below_mandates",
            )
        if seats == college.seats:
            return college
        QuotaChange.objects.create(
            college=college, seats=seats, previous=college.seats, reason=reason[:300], by=by
        )
        data = {"from": college.seats, "to": seats}
        college.seats = seats
        college.save(update_fields=["seats", "updated"])
        log_action(college, "governance.quota.changed", by=by, data=data)
    return college


def _overlapping(queryset: Any, start: dt.date, end: dt.date) -> Any:
    return queryset.filter(start__lte=end, end__gte=start)


def appoint(
    college: College,
    *,
    person: User,
    start: dt.date,
    end: dt.date,
    role: str = MandateRole.MEMBER,
    organization: Organization | None = None,
    seat: int | None = None,
    renews: Mandate | None = None,
    by: User | None,
) -> Mandate:
    """Give a person a seat of a college from `start` to `end`. Refused when the dates are
    reversed, when the seat does not exist or is held during the period, when the college would
    exceed its quota, or when the person already sits on the body then. Logs
    `governance.mandate.appointed` and tells the person."""
    if end < start:
        raise _refuse(_("The mandate must end after it starts."), "mandate_dates")
    with transaction.atomic():
        college = (
            College.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=college.pk)
        )
        in_college = _overlapping(Mandate.objects.filter(college=college), start, end)
        if renews is not None:
            in_college = in_college.exclude(pk=renews.pk)
        if seat is None:
            taken = set(in_college.values_list("seat", flat=True))
            free = [s for s in range(1, college.seats + 1) if s not in taken]
            if not free:
                raise _refuse(
                    _("All %(n)s seats of “%(college)s” are held during this period.")
                    % {"n": college.seats, "college": college.name},
                    "over_quota",
                )
            seat = free[0]
        if not 1 <= seat <= college.seats:
            raise _refuse(
                _("“%(college)s” has %(n)s seats: seat %(seat)s would exceed its quota.")
                % {"college": college.name, "n": college.seats, "seat": seat},
                "over_quota",
            )
        if in_college.filter(seat=seat).exists():
            raise _refuse(
                _("Seat %(seat)s of “%(college)s” is already held during this period.")
                % {"seat": seat, "college": college.name},
                "seat_overlap",
            )
        if in_college.count() >= college.seats:
            raise _refuse(
                _("All %(n)s seats of “%(college)s” are held during this period.")
                % {"n": college.seats, "college": college.name},
                "over_quota",
            )
        mine = _overlapping(
            Mandate.objects.filter(person=person, college__body=college.body), start, end
        )
        if renews is not None:
            mine = mine.exclude(pk=renews.pk)
        if mine.exists():
            raise _refuse(
                _("This person already holds a mandate of the body during this period."),
                "person_overlap",
            )
        mandate = Mandate.objects.create(
            college=college,
            seat=seat,
            person=person,
            organization=organization,
            role=role,
            start=start,
            end=end,
            renews=renews,
        )
        log_action(
            mandate,
            "governance.mandate.appointed",
            by=by,
            data={"college": college.code, "seat": seat, "renews": renews.pk if renews else None},
        )
        url = reverse("governance:public")
        transaction.on_commit(
            lambda: notify(
                person,
                kind="governance.mandate",
                title=_("You have a seat on the GRAM"),
                body=_("Your mandate runs from %(start)s to %(end)s.")
                % {"start": start.isoformat(), "end": end.isoformat()},
                url=url,
            )
        )
    return mandate


def renew_mandate(mandate: Mandate, *, end: dt.date, by: User | None) -> Mandate:
    """A new mandate on the same seat, from the day after this one ends to `end`."""
    return appoint(
        mandate.college,
        person=mandate.person,
        start=mandate.end + dt.timedelta(days=1),
        end=end,
        role=mandate.role,
        organization=mandate.organization,
        seat=mandate.seat,
        renews=mandate,
        by=by,
    )


def end_mandate(mandate: Mandate, *, on: dt.date, by: User) -> Mandate:
    """End a mandate early (resignation): its last day becomes `on`. Logs
    `governance.mandate.ended`."""
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
        if not mandate.start <= on <= mandate.end:
            raise _refuse(_("Choose a day within the mandate."), "mandate_dates")
        mandate.end = on
        mandate.save(update_fields=["end", "updated"])
        log_action(mandate, "governance.mandate.ended", by=by, data={"on": on.isoformat()})
    return mandate


def adopt_quorum_rule(
    body: Body,
    *,
    overall_percent: int,
    college_percent: int,
    count_proxies: bool = True,
    by: User,
) -> QuorumRule:
    """New quorum rules: a new version; meetings already convened keep theirs. Logs
    `governance.quorum.adopted`."""
    if not (1 <= overall_percent <= 100 and 0 <= college_percent <= 100):
        raise _refuse(_("A quorum is a share between 1 and 100%."), "quorum_range")
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        last = body.quorum_rules.order_by("-version").first()
        rule = QuorumRule.objects.create(
            body=body,
            version=(last.version + 1) if last else 1,
            overall_percent=overall_percent,
            college_percent=college_percent,
            count_proxies=count_proxies,
            adopted_on=timezone.localdate(),
        )
        log_action(rule, "governance.quorum.adopted", by=by, data={"version": rule.version})
    return rule


# --- Meetings ---------------------------------------------------------------------------------


def schedule_meeting(
    body: Body,
    *,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    video_url: str = "",
    by: User | None,
) -> Meeting:
    """Plan a meeting (three hours unless told). Logs `governance.meeting.planned`."""
    ends_at = ends_at or starts_at + dt.timedelta(hours=3)
    if ends_at <= starts_at:
        raise _refuse(_("The meeting must end after it starts."), "meeting_times")
    if not place and not video_url:
        raise _refuse(_("Give a place, a video link or both."), "meeting_place")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            video_url=video_url,
        )
        log_action(meeting, "governance.meeting.planned", by=by)
    return meeting


def plan_year(body: Body, *, year: int, place: str, by: User | None) -> list[Meeting]:
    """Propose one meeting per quarter of `year` that has none (the middle of the quarter, 14:00
    local time). Returns the meetings planned."""
    planned = []
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)
        for quarter, meetings in queries.year_plan(body, year).items():
            if meetings:
                continue
            day = dt.date(year, quarter * 3 - 1, 15)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
            planned.append(
                schedule_meeting(
                    body,
                    title=str(
                        _("GRAM meeting, quarter %(q)s %(year)s") % {"q": quarter, "year": year}
                    ),
                    starts_at=starts,
                    place=place,
                    by=by,
                )
            )
    return planned


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


def _editable(meeting: Meeting) -> None:
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.CONVENED):
        raise _refuse(_("The agenda of this meeting can no longer change."), "agenda_closed")


def add_agenda_item(
    meeting: Meeting,
    *,
    title: str,
    by: User,
    owner: User | None = None,
    duration_minutes: int = 15,
    description: str = "",
    proposal: Proposal | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda (the secretariat, or any member proposing an item).
    Logs `governance.agenda.added`."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        _editable(meeting)
        last = meeting.items.order_by("-position").values_list("position", flat=True).first()
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=(last or 0) + 1,
            title=title,
            description=description,
            owner=owner or by,
            duration_minutes=duration_minutes,
            proposal=proposal,
        )
        log_action(item, "governance.agenda.added", by=by, data={"meeting": meeting.pk})
    return item


def add_document(
    meeting: Meeting,
    *,
    title: str,
    upload: UploadedFile,
    by: User,
    item: AgendaItem | None = None,
    replaces: MeetingDocument | None = None,
) -> MeetingDocument:
    """Attach a document. After the convocation it is marked as added late; a document sent
    with the convocation is never replaced: the new one is its next version. Logs
    `governance.document.added` and, after the convocation, tells the members."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
            raise _refuse(_("This meeting is over: its documents are final."), "meeting_over")
        late = meeting.status != MeetingStatus.PLANNED
        document = MeetingDocument(
            meeting=meeting,
            item=item,
            title=title,
            original_filename=clean_filename(upload.name or ""),
            late=late,
            added_by=by,
            previous=replaces,
            version=(replaces.version + 1) if replaces else 1,
        )
        document.file.save("upload", upload, save=False)
        document.save()
        log_action(document, "governance.document.added", by=by, data={"late": late})
        if late:
            members = [a.mandate.person for a in queries.attendance_of(meeting)]
            url = meeting.get_absolute_url()
            transaction.on_commit(
                lambda: [
                    notify(
                        person,
                        kind="governance.document",
                        title=_("A document was added after the convocation"),
                        body=title,
                        url=url,
                    )
                    for person in members
                ]
            )
    return document


def convene(meeting: Meeting, *, by: User) -> tuple[Meeting, bool]:
    """Send the convocation: the meeting's quorum rules are fixed, the documents attached are
    frozen, every member holding a mandate on the day is invited (attendance to confirm) and
    notified with the agenda and the calendar file. Returns the meeting and whether the notice
    period was respected. Logs `governance.meeting.convened`."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        MEETING_WORKFLOW.apply(meeting, MeetingStatus.CONVENED)
        if not meeting.items.exists():
            raise _refuse(_("Add at least one agenda item before convening."), "empty_agenda")
        now = timezone.now()
        late = queries.notice_is_late(meeting, now)
        meeting.convened_at = now
        meeting.quorum_rule = queries.current_quorum_rule(meeting.body)
        meeting.save(update_fields=["status", "convened_at", "quorum_rule", "updated"])
        meeting.documents.filter(frozen_at__isnull=True).update(frozen_at=now)
        day = timezone.localdate(meeting.starts_at)
        mandates = list(queries.current_mandates(meeting.body, day).select_related("person"))
        Attendance.objects.bulk_create(
            [Attendance(meeting=meeting, mandate=m) for m in mandates], ignore_conflicts=True
        )
        log_action(
            meeting,
            "governance.meeting.convened",
            by=by,
            data={"late": late, "invited": len(mandates)},
        )
        url = meeting.get_absolute_url()
        title = meeting.title
        when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
        transaction.on_commit(
            lambda: [
                notify(
                    m.person,
                    kind="governance.convocation",
                    title=_("Convocation: %(title)s") % {"title": title},
                    body=_(
                        "The meeting is on %(when)s. The agenda, the documents and the calendar "
                        "file are on the meeting's page; please confirm your attendance."
                    )
                    % {"when": when},
                    url=url,
                )
                for m in mandates
            ]
        )
    return meeting, not late


def _move(meeting: Meeting, to: str, action: str, by: User) -> Meeting:
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        MEETING_WORKFLOW.apply(meeting, to)
        meeting.save(update_fields=["status", "updated"])
        log_action(meeting, action, by=by)
    return meeting


def open_meeting(meeting: Meeting, *, by: User) -> Meeting:
    """The meeting starts: attendance and votes can be recorded. Logs `governance.meeting.opened`."""
    return _move(meeting, MeetingStatus.IN_PROGRESS, "governance.meeting.opened", by)


def close_meeting(meeting: Meeting, *, by: User) -> Meeting:
    """The meeting ends. Refused while a vote is open. Logs `governance.meeting.closed`."""
    if Vote.objects.filter(item__meeting=meeting, status=VoteStatus.OPEN).exists():
        raise _refuse(_("Close the open votes first."), "vote_open")
    return _move(meeting, MeetingStatus.CLOSED, "governance.meeting.closed", by)


def cancel_meeting(meeting: Meeting, *, by: User) -> Meeting:
    return _move(meeting, MeetingStatus.CANCELLED, "governance.meeting.cancelled", by)


def _member_at(meeting: Meeting, person: User) -> Mandate:
    mandate = queries.meeting_mandate(person, meeting)
    if mandate is None:
        raise _refuse(
            _("Only members of the body on the day of the meeting can do this."), "not_member"
        )
    return mandate


def _attendance(meeting: Meeting, mandate: Mandate) -> Attendance:
    attendance, _created = Attendance.objects.get_or_create(meeting=meeting, mandate=mandate)
    return attendance


def answer_convocation(meeting: Meeting, *, person: User, answer: str) -> Attendance:
    """A member says whether they will attend. Logs `governance.attendance.answered`."""
    if answer not in AttendanceAnswer.values or answer == AttendanceAnswer.UNKNOWN:
        raise _refuse(_("Say whether you will attend."), "answer")
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.IN_PROGRESS):
            raise _refuse(_("This meeting is not convened."), "not_convened")
        mandate = _member_at(meeting, person)
        attendance = _attendance(meeting, mandate)
        attendance.answer = answer
        attendance.save(update_fields=["answer", "updated"])
        log_action(attendance, "governance.attendance.answered", by=person, data={"answer": answer})
    return attendance


def give_proxy(meeting: Meeting, *, person: User, holder: Mandate) -> Proxy:
    """A member who will be absent asks another member of the same college to vote for them at
    this meeting. Refused to someone of another college, to someone who already holds a proxy
    or gave one, twice, to oneself, or once checked in. Logs `governance.proxy.given` and tells
    the holder."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)  # serialises the proxies of one meeting
        if meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.IN_PROGRESS):
            raise _refuse(_("Proxies are given for a convened meeting."), "not_convened")
        principal = _member_at(meeting, person)
        holder = Mandate.objects.select_related("person", "college").get(pk=holder.pk)
        day = timezone.localdate(meeting.starts_at)
        if holder.pk == principal.pk:
            raise _refuse(_("Choose another member."), "proxy_self")
        if not holder.is_current(day) or holder.college.body_id != meeting.body_id:
            raise _refuse(_("This person is not a member on the day of the meeting."), "not_member")
        if holder.college_id != principal.college_id:
            raise _refuse(
                _("A proxy can only be given to a member of your own college."), "proxy_college"
            )
        active = meeting.proxies.filter(status=ProxyStatus.ACTIVE)
        if active.filter(principal=principal).exists():
            raise _refuse(_("You have already given a proxy for this meeting."), "proxy_given")
        if active.filter(holder=holder).exists():
            raise _refuse(
                _("%(name)s already holds a proxy for this meeting.")
                % {"name": holder.person.get_full_name()},
                "proxy_held",
            )
        if active.filter(principal=holder).exists():
            raise _refuse(
                _("%(name)s has given their own proxy for this meeting.")
                % {"name": holder.person.get_full_name()},
                "proxy_holder_absent",
            )
        attendance = _attendance(meeting, principal)
        if attendance.presence != Presence.ABSENT:
            raise _refuse(_("You are checked in: vote yourself."), "proxy_present")
        attendance.answer = AttendanceAnswer.NO
        attendance.save(update_fields=["answer", "updated"])
        try:
            with transaction.atomic():
                proxy = Proxy.objects.create(meeting=meeting, principal=principal, holder=holder)
        except IntegrityError as exc:  # the constraints hold even if a lock were bypassed
            raise _refuse(
                _("%(name)s already holds a proxy for this meeting.")
                % {"name": holder.person.get_full_name()},
                "proxy_held",
            ) from exc
        log_action(proxy, "governance.proxy.given", by=person, data={"holder": holder.pk})
        holder_person, url = holder.person, meeting.get_absolute_url()
        transaction.on_commit(
            lambda: notify(
                holder_person,
                kind="governance.proxy",
                title=_("%(name)s gave you their proxy") % {"name": person.get_full_name()},
                body=meeting.title,
                url=url,
            )
        )
    return proxy


def withdraw_proxy(proxy: Proxy, *, person: User) -> Proxy:
    """The principal takes their proxy back. Logs `governance.proxy.withdrawn`."""
    with transaction.atomic():
        proxy = (
            Proxy.objects.select_for_update(of=("self",))
            .select_related("principal")
            .get(pk=proxy.pk)
        )
        if proxy.principal.person_id != person.pk:
            raise _refuse(_("Only the member who gave this proxy can withdraw it."), "not_yours")
        if proxy.status != ProxyStatus.ACTIVE:
            return proxy
        PROXY_WORKFLOW.apply(proxy, ProxyStatus.WITHDRAWN)
        proxy.save(update_fields=["status", "updated"])
        log_action(proxy, "governance.proxy.withdrawn", by=person)
    return proxy


def check_in(meeting: Meeting, *, mandate: Mandate, presence: str, by: User) -> Attendance:
    """Record a member's presence (in the room or remote, or absent again). A proxy the member
    gave ends when they check in. Logs `governance.attendance.recorded`."""
    if presence not in Presence.values:
        raise _refuse(_("Choose in the room, remote or absent."), "presence")
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.status not in (MeetingStatus.CONVENED, MeetingStatus.IN_PROGRESS):
            raise _refuse(_("Attendance is recorded on the day of the meeting."), "not_open")
        if not mandate.is_current(timezone.localdate(meeting.starts_at)):
            raise _refuse(_("This person is not a member on the day of the meeting."), "not_member")
        attendance = _attendance(meeting, mandate)
        attendance.presence = presence
        attendance.checked_in_at = timezone.now() if presence != Presence.ABSENT else None
        if presence != Presence.ABSENT:
            attendance.answer = AttendanceAnswer.YES
        attendance.save(update_fields=["presence", "checked_in_at", "answer", "updated"])
        cancelled = 0
        if presence != Presence.ABSENT:
            cancelled = meeting.proxies.filter(principal=mandate, status=ProxyStatus.ACTIVE).update(
                status=ProxyStatus.CANCELLED, updated=timezone.now()
            )
        log_action(
            attendance,
            "governance.attendance.recorded",
            by=by,
            data={"presence": presence, "proxy_cancelled": bool(cancelled)},
        )
    return attendance


def declare_conflict(item: AgendaItem, *, person: User, reason: str = "") -> ConflictOfInterest:
    """A member declares a conflict of interest on an item: they leave its vote and its quorum.
    Refused once a vote on the item has started. Logs `governance.conflict.declared`."""
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting)
        mandate = _member_at(meeting, person)
        if item.votes.exists():
            raise _refuse(
                _("A vote on this item has started: declare conflicts before it."), "vote_started"
            )
        conflict, created = ConflictOfInterest.objects.get_or_create(
            item=item, mandate=mandate, defaults={"reason": reason[:500]}
        )
        if created:
            log_action(conflict, "governance.conflict.declared", by=person, data={"item": item.pk})
    return conflict


# --- Votes ------------------------------------------------------------------------------------


def open_vote(
    item: AgendaItem,
    *,
    question: str,
    method: str = VoteMethod.OPEN,
    majority: str = Majority.SIMPLE,
    by: User,
) -> Vote:
    """Open a vote on an item while the meeting is in progress. The quorum is checked first:
    refused without it. Logs `governance.vote.opened`."""
    if method not in VoteMethod.values or majority not in Majority.values:
        raise _refuse(_("Choose a method and a majority."), "vote_kind")
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting)
        if meeting.status != MeetingStatus.IN_PROGRESS:
            raise _refuse(
                _("Votes take place while the meeting is in progress."), "not_in_progress"
            )
        if Vote.objects.filter(item__meeting=meeting, status=VoteStatus.OPEN).exists():
            raise _refuse(_("Another vote is open: close it first."), "vote_open")
        check = queries.quorum(meeting, item)
        if not check.reached:
            raise _refuse(
                _("The quorum is not reached (%(counted)s of %(needed)s): no vote can be held.")
                % {"counted": check.counted, "needed": check.needed},
                "no_quorum",
            )
        vote = Vote.objects.create(
            item=item, question=question, method=method, majority=majority, opened_by=by
        )
        log_action(
            vote, "governance.vote.opened", by=by, data={"method": method, "majority": majority}
        )
    return vote


def cast_ballot(vote: Vote, *, mandate: Mandate, cast_by: Mandate, choice: str, by: User) -> Ballot:
    """Record the vote of `mandate`, cast by `cast_by` (the same member, or the holder of their
    proxy). `by` is who records it: the member on the voting page, or the secretariat reading a
    show of hands. Refused for a non-member, an absent member without a present proxy holder, a
    conflict of interest, a closed vote, or a second ballot. Logs `governance.vote.cast`
    (without the choice)."""
    if choice not in Choice.values:
        raise _refuse(_("Choose for, against or abstain."), "choice")
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update(of=("self",))
            .select_related("item__meeting")
            .get(pk=vote.pk)
        )
        meeting = vote.item.meeting
        if vote.status != VoteStatus.OPEN:
            raise _refuse(_("This vote is closed."), "vote_closed")
        day = timezone.localdate(meeting.starts_at)
        mandate = Mandate.objects.select_related("college").get(pk=mandate.pk)
        if not mandate.is_current(day) or mandate.college.body_id != meeting.body_id:
            raise _refuse(_("Only members of the body can vote."), "not_member")
        if vote.item.conflicts.filter(mandate=mandate).exists():
            raise _refuse(
                _("A conflict of interest was declared: this member does not vote on this item."),
                "conflict",
            )
        present = meeting.attendances.exclude(presence=Presence.ABSENT)
        if cast_by.pk == mandate.pk:
            if not present.filter(mandate=mandate).exists():
                raise _refuse(_("Check in before voting."), "not_present")
        else:
            if not meeting.proxies.filter(
                principal=mandate, holder=cast_by, status=ProxyStatus.ACTIVE
            ).exists():
                raise _refuse(_("There is no proxy for this vote."), "no_proxy")
            if not present.filter(mandate=cast_by).exists():
                raise _refuse(_("The proxy holder must be checked in."), "not_present")
        if vote.ballots.filter(mandate=mandate).exists():
            raise _refuse(_("This member has already voted."), "already_voted")
        secret = vote.method == VoteMethod.SECRET
        ballot = Ballot.objects.create(
            vote=vote, mandate=mandate, cast_by=cast_by, choice="" if secret else choice
        )
        if secret:
            tally = vote.secret_tally
            college = tally.setdefault(mandate.college.code, {})
            college[choice] = college.get(choice, 0) + 1
            vote.save(update_fields=["secret_tally", "updated"])
        log_action(
            vote,
            "governance.vote.cast",
            by=by,
            data={"mandate": mandate.pk, "proxy": cast_by.pk != mandate.pk},
        )
    return ballot


def close_vote(vote: Vote, *, by: User) -> Vote:
    """Close the vote and freeze its record: the quorum at closing, who could vote, who voted
    and through whom, the counts and the result (overall and per college; a secret vote keeps
    per college only whether the majority was reached). Without quorum nothing is adopted. An
    item's proposal becomes adopted or not adopted. Logs `governance.vote.closed`."""
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update(of=("self",))
            .select_related("item__meeting__body", "item__proposal")
            .get(pk=vote.pk)
        )
        VOTE_WORKFLOW.apply(vote, VoteStatus.CLOSED)
        meeting = vote.item.meeting
        check = queries.quorum(meeting, vote.item)
        conflicted = set(vote.item.conflicts.values_list("mandate_id", flat=True))
        day = timezone.localdate(meeting.starts_at)
        electorate = [
            {"mandate": m.pk, "person": m.person_id, "college": m.college.code}
            for m in queries.current_mandates(meeting.body, day).select_related("college")
            if m.pk not in conflicted
        ]
        ballots = list(vote.ballots.select_related("mandate__college"))
        voted = [
            {"mandate": b.mandate_id, "person": b.mandate.person_id, "cast_by": b.cast_by_id}
            for b in ballots
        ]
        colleges = [c.code for c in meeting.body.colleges.all()]
        if vote.method == VoteMethod.SECRET:
            per_college = {
                code: {k: vote.secret_tally.get(code, {}).get(k, 0) for k in Choice.values}
                for code in colleges
            }
        else:
            per_college = {code: dict.fromkeys(Choice.values, 0) for code in colleges}
            for b in ballots:
                per_college[b.mandate.college.code][b.choice] += 1
        overall = {k: sum(c[k] for c in per_college.values()) for k in Choice.values}
        rule = Majority.SIMPLE if vote.majority == Majority.DOUBLE else vote.majority
        passed = {
            code: queries.majority_reached(rule, counts) for code, counts in per_college.items()
        }
        carried = queries.majority_reached(rule, overall)
        if vote.majority == Majority.DOUBLE:
            carried = carried and all(
                passed[code] for code, counts in per_college.items() if sum(counts.values())
            )
        adopted = carried and check.reached
        vote.record = {
            "quorum": check.as_dict(),
            "electorate": electorate,
            "voted": voted,
            "counts": overall,
            "colleges": {
                code: {"passed": passed[code]}
                if vote.method == VoteMethod.SECRET
                else {**per_college[code], "passed": passed[code]}
                for code in colleges
            },
            "majority_reached": carried,
        }
        vote.secret_tally = {}
        vote.adopted = adopted
        vote.closed_at = timezone.now()
        vote.save(
            update_fields=["status", "record", "secret_tally", "adopted", "closed_at", "updated"]
        )
        log_action(vote, "governance.vote.closed", by=by, data={"adopted": adopted})
        proposal = vote.item.proposal
        if proposal is not None and proposal.status == ProposalStatus.ON_AGENDA:
            proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
            PROPOSAL_WORKFLOW.apply(
                proposal, ProposalStatus.ADOPTED if adopted else ProposalStatus.REJECTED
            )
            proposal.save(update_fields=["status", "updated"])
            log_action(
                proposal,
                "governance.proposal.adopted" if adopted else "governance.proposal.rejected",
                by=by,
                data={"vote": vote.pk},
            )
    return vote


# --- Proposals --------------------------------------------------------------------------------


def _clarity(text: str) -> tuple[int | None, list[dict[str, str]]]:
    try:
        # a proposal is short by nature: score it whatever its length (as before issue 15)
        report = analyze(
            text, language="auto", document_kind="other", config=Config(min_words_to_judge=0)
        )
    except ValueError:
        return None, []
    findings = [{"text": f.text[:200], "message": f.message} for f in report.findings[:10]]
    return report.score, findings


def draft_proposal(
    body: Body,
    *,
    author: User,
    title: str,
    text: str,
    rationale: str = "",
    expected_impact: str = "",
    easy_read_summary: str = "",
) -> Proposal:
    """A member drafts a proposal; its text gets the plain-language check. Logs
    `governance.proposal.drafted`."""
    if queries.mandate_of(author, body) is None:
        raise _refuse(_("Only members of the body can draft a proposal."), "not_member")
    if not text.strip():
        raise _refuse(_("Write the proposal."), "empty")
    score, findings = _clarity(text)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            body=body,
            author=author,
            title=title,
            text=text,
            rationale=rationale,
            expected_impact=expected_impact,
            easy_read_summary=easy_read_summary,
            clarity_score=score,
            clarity_findings=findings,
        )
        log_action(proposal, "governance.proposal.drafted", by=author)
    return proposal


def cosign(proposal: Proposal, *, person: User) -> CoSignature:
    """Another member co-signs a proposal before it is voted. Logs `governance.proposal.cosigned`."""
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=proposal.pk)
        )
        if queries.mandate_of(person, proposal.body) is None:
            raise _refuse(_("Only members of the body can co-sign."), "not_member")
        if proposal.author_id == person.pk:
            raise _refuse(_("The author does not co-sign their own proposal."), "author")
        if proposal.status not in (ProposalStatus.DRAFT, ProposalStatus.ON_AGENDA):
            raise _refuse(_("This proposal can no longer be co-signed."), "cosign_closed")
        signature, created = CoSignature.objects.get_or_create(proposal=proposal, person=person)
        if created:
            log_action(proposal, "governance.proposal.cosigned", by=person)
    return signature


def put_on_agenda(proposal: Proposal, *, meeting: Meeting, by: User) -> AgendaItem:
    """Put a draft proposal on a coming meeting's agenda. Logs `governance.proposal.scheduled`."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        PROPOSAL_WORKFLOW.apply(proposal, ProposalStatus.ON_AGENDA)
        if meeting.body_id != proposal.body_id:
            raise _refuse(_("Choose a meeting of the same body."), "other_body")
        proposal.save(update_fields=["status", "updated"])
        item = add_agenda_item(
            meeting,
            title=proposal.title,
            by=by,
            owner=proposal.author,
            duration_minutes=20,
            description=proposal.easy_read_summary or proposal.text[:1000],
            proposal=proposal,
        )
        log_action(proposal, "governance.proposal.scheduled", by=by, data={"meeting": meeting.pk})
    return item


def transmit(proposal: Proposal, *, by: User) -> Proposal:
    """Send an adopted proposal to the Directorate General with a deadline for its answer (the
    body's rules). Logs `governance.proposal.transmitted` and tells the directors."""
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=proposal.pk)
        )
        PROPOSAL_WORKFLOW.apply(proposal, ProposalStatus.TRANSMITTED)
        proposal.transmitted_at = timezone.now()
        proposal.answer_due = timezone.localdate() + dt.timedelta(days=proposal.body.answer_days)
        proposal.save(update_fields=["status", "transmitted_at", "answer_due", "updated"])
        log_action(
            proposal,
            "governance.proposal.transmitted",
            by=by,
            data={"due": proposal.answer_due.isoformat()},
        )
        directors = list(User.objects.filter(role_assignments__role=Role.DIRECTOR, is_active=True))
        url, title, due = proposal.get_absolute_url(), proposal.title, proposal.answer_due
        transaction.on_commit(
            lambda: [
                notify(
                    d,
                    kind="governance.proposal",
                    title=_("A GRAM proposal awaits your answer"),
                    body=_("“%(title)s”: answer due on %(due)s.")
                    % {"title": title, "due": due.isoformat()},
                    url=url,
                )
                for d in directors
            ]
        )
    return proposal


def answer_proposal(proposal: Proposal, *, decision: str, reason: str = "", by: User) -> Answer:
    """The Directorate General answers: accepted, accepted in part or declined (a reason is
    required unless accepted). Logs `governance.proposal.answered` and tells the author."""
    if decision not in Decision.values:
        raise _refuse(_("Choose accepted, accepted in part or declined."), "decision")
    if decision != Decision.ACCEPTED and not reason.strip():
        raise _refuse(
            _("Give the reason: it is required unless the proposal is accepted."), "reason"
        )
    if not by.has_role(Role.DIRECTOR):
        raise _refuse(_("Only the Directorate General answers proposals."), "not_director")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("author")
            .get(pk=proposal.pk)
        )
        PROPOSAL_WORKFLOW.apply(proposal, ProposalStatus.ANSWERED)
        proposal.save(update_fields=["status", "updated"])
        answer = Answer.objects.create(proposal=proposal, decision=decision, reason=reason, by=by)
        log_action(proposal, "governance.proposal.answered", by=by, data={"decision": decision})
        author, url, title = proposal.author, proposal.get_absolute_url(), proposal.title
        transaction.on_commit(
            lambda: notify(
                author,
                kind="governance.answer",
                title=_("The Directorate General answered “%(title)s”") % {"title": title},
                url=url,
            )
        )
    return answer


def add_action(proposal: Proposal, *, title: str, owner: User, due: dt.date, by: User) -> Action:
    """An action that follows an answer (not for a declined proposal). Logs
    `governance.action.added` and tells the owner."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        answer = Answer.objects.filter(proposal=proposal).first()
        if (
            proposal.status != ProposalStatus.ANSWERED
            or answer is None
            or answer.decision == Decision.DECLINED
        ):
            raise _refuse(
                _("Actions follow a proposal accepted in whole or in part."), "no_actions"
            )
        action = Action.objects.create(proposal=proposal, title=title, owner=owner, due=due)
        log_action(action, "governance.action.added", by=by, data={"proposal": proposal.pk})
        url = proposal.get_absolute_url()
        transaction.on_commit(
            lambda: notify(
                owner,
                kind="governance.action",
                title=_("A GRAM action is yours: %(title)s") % {"title": title},
                body=_("Due on %(due)s.") % {"due": due.isoformat()},
                url=url,
            )
        )
    return action


def update_action(
    action: Action, *, status: str, progress: int, evidence: str = "", by: User
) -> Action:
    """Report progress on an action. When the last open action of a proposal is done, the
    proposal is implemented. Logs `governance.action.updated`."""
    if not 0 <= progress <= 100:
        raise _refuse(_("Progress is between 0 and 100%."), "progress")
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if status != action.status:
            ACTION_WORKFLOW.apply(action, status)
        action.progress = 100 if status == ActionStatus.DONE else progress
        if evidence:
            action.evidence = evidence
        action.save(update_fields=["status", "progress", "evidence", "updated"])
        log_action(
            action,
            "governance.action.updated",
            by=by,
            data={"status": status, "progress": action.progress},
        )
        proposal = Proposal.objects.select_for_update().get(pk=action.proposal_id)
        remaining = proposal.actions.filter(
            Q(status=ActionStatus.PLANNED) | Q(status=ActionStatus.IN_PROGRESS)
        )
        if (
            proposal.status == ProposalStatus.ANSWERED
            and not remaining.exists()
            and proposal.actions.filter(status=ActionStatus.DONE).exists()
        ):
            PROPOSAL_WORKFLOW.apply(proposal, ProposalStatus.IMPLEMENTED)
            proposal.save(update_fields=["status", "updated"])
            log_action(proposal, "governance.proposal.implemented", by=by)
    return action


def send_reminders(*, today: dt.date | None = None) -> int:
    """Remind the directors of overdue answers and the owners of overdue actions, once a day
    each (run daily by `tandem governance_reminders`). Returns how many were reminded."""
    today = today or timezone.localdate()
    sent = 0
    directors = list(User.objects.filter(role_assignments__role=Role.DIRECTOR, is_active=True))
    overdue = Proposal.objects.filter(status=ProposalStatus.TRANSMITTED, answer_due__lt=today)
    for pk in overdue.exclude(reminded_on=today).values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=pk)
            if proposal.reminded_on == today:
                continue
            proposal.reminded_on = today
            proposal.save(update_fields=["reminded_on", "updated"])
            for director in directors:
                notify(
                    director,
                    kind="governance.reminder",
                    title=_("Overdue answer: %(title)s") % {"title": proposal.title},
                    url=proposal.get_absolute_url(),
                )
            sent += 1
    late = Action.objects.filter(queries.open_actions_overdue(today)).exclude(reminded_on=today)
    for pk in late.values_list("pk", flat=True):
        with transaction.atomic():
            action = (
                Action.objects.select_for_update(of=("self",))
                .select_related("owner", "proposal")
                .get(pk=pk)
            )
            if action.reminded_on == today:
                continue
            action.reminded_on = today
            action.save(update_fields=["reminded_on", "updated"])
            notify(
                action.owner,
                kind="governance.reminder",
                title=_("Overdue action: %(title)s") % {"title": action.title},
                url=action.proposal.get_absolute_url(),
            )
            sent += 1
    return sent


# --- Minutes ----------------------------------------------------------------------------------


def _minutes_text(meeting: Meeting) -> str:
    attendance = list(queries.attendance_of(meeting))
    items = []
    for item in meeting.items.prefetch_related("votes", "conflicts__mandate__person"):
        items.append(
            {
                "item": item,
                "conflicts": [c.mandate.person.get_full_name() for c in item.conflicts.all()],
                "votes": [v for v in item.votes.all() if v.status == VoteStatus.CLOSED],
            }
        )
    return render_to_string(
        "governance/minutes.txt",
        {
            "meeting": meeting,
            "present": [a for a in attendance if a.presence != Presence.ABSENT],
            "absent": [a for a in attendance if a.presence == Presence.ABSENT],
            "proxies": list(queries.active_proxies(meeting)),
            "items": items,
        },
    ).strip()


def draft_minutes(meeting: Meeting, *, by: User) -> Minutes:
    """Draft the minutes of a held meeting from its record (attendance, proxies, conflicts of
    interest, the votes' quorum and results): version 1, open to amendments by those who
    attended for the body's amendment period. Logs `governance.minutes.drafted` and tells the
    attendees."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.status != MeetingStatus.CLOSED:
            raise _refuse(_("Minutes are drafted once the meeting is held."), "not_held")
        if Minutes.objects.filter(meeting=meeting).exists():
            raise _refuse(_("These minutes are already drafted."), "minutes_exist")
        with translation.override(by.language or "fr"):
            text = _minutes_text(meeting)
        until = timezone.localdate() + dt.timedelta(days=meeting.body.amendment_days)
        minutes = Minutes.objects.create(meeting=meeting, amendments_until=until)
        MinutesVersion.objects.create(minutes=minutes, number=1, text=text, author=by)
        log_action(minutes, "governance.minutes.drafted", by=by, data={"meeting": meeting.pk})
        attendees = [
            a.mandate.person
            for a in queries.attendance_of(meeting).exclude(presence=Presence.ABSENT)
        ]
        url = minutes.get_absolute_url()
        transaction.on_commit(
            lambda: [
                notify(
                    person,
                    kind="governance.minutes",
                    title=_("Draft minutes to read: %(title)s") % {"title": meeting.title},
                    body=_("You can propose amendments until %(day)s.")
                    % {"day": until.isoformat()},
                    url=url,
                )
                for person in attendees
            ]
        )
    return minutes


def _latest(minutes: Minutes) -> MinutesVersion:
    version = minutes.versions.order_by("-number").first()
    assert version is not None
    return version


def amend_minutes(minutes: Minutes, *, line: int, replacement: str, by: User) -> Amendment:
    """Someone who attended proposes a new wording for one line of the latest version, within
    the amendment period. Refused after the period, to someone absent, on approved minutes or
    a line that does not exist. Logs `governance.minutes.amended`."""
    with transaction.atomic():
        minutes = (
            Minutes.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=minutes.pk)
        )
        if minutes.status != MinutesStatus.DRAFT:
            raise _refuse(_("These minutes are approved: they can no longer change."), "locked")
        if timezone.localdate() > minutes.amendments_until:
            raise _refuse(
                _("The amendment period ended on %(day)s.")
                % {"day": minutes.amendments_until.isoformat()},
                "amendment_closed",
            )
        attended = minutes.meeting.attendances.filter(mandate__person=by).exclude(
            presence=Presence.ABSENT
        )
        if not attended.exists():
            raise _refuse(
                _("Only those who attended the meeting amend its minutes."), "not_attendee"
            )
        version = _latest(minutes)
        if not 1 <= line <= len(version.lines):
            raise _refuse(_("There is no line %(n)s in these minutes.") % {"n": line}, "line")
        amendment = Amendment.objects.create(
            minutes=minutes, version=version, line=line, replacement=replacement.strip(), author=by
        )
        log_action(minutes, "governance.minutes.amended", by=by, data={"line": line})
    return amendment


def decide_amendment(amendment: Amendment, *, accept: bool, by: User) -> Amendment:
    """The secretariat accepts an amendment (a new version with the line replaced) or not.
    Logs `governance.minutes.amendment_decided`."""
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=amendment.minutes_id)
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if minutes.status != MinutesStatus.DRAFT:
            raise _refuse(_("These minutes are approved: they can no longer change."), "locked")
        if amendment.status != AmendmentStatus.PROPOSED:
            return amendment
        if accept:
            latest = _latest(minutes)
            lines = latest.lines
            if amendment.line > len(lines):
                raise _refuse(
                    _("There is no line %(n)s in these minutes.") % {"n": amendment.line}, "line"
                )
            lines[amendment.line - 1] = amendment.replacement
            MinutesVersion.objects.create(
                minutes=minutes,
                number=latest.number + 1,
                text="\n".join(lines),
                author=by,
                note=str(_("Amendment to line %(n)s") % {"n": amendment.line}),
            )
        AMENDMENT_WORKFLOW.apply(
            amendment, AmendmentStatus.ACCEPTED if accept else AmendmentStatus.REJECTED
        )
        amendment.save(update_fields=["status", "updated"])
        log_action(
            minutes,
            "governance.minutes.amendment_decided",
            by=by,
            data={"amendment": amendment.pk, "accepted": accept},
        )
    return amendment


def approve_minutes(minutes: Minutes, *, at: Meeting, is_public: bool = True, by: User) -> Minutes:
    """Approve the minutes at a later meeting in progress; they are then locked (and public
    unless said otherwise). Logs `governance.minutes.approved`."""
    with transaction.atomic():
        minutes = (
            Minutes.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=minutes.pk)
        )
        MINUTES_WORKFLOW.check(minutes.status, MinutesStatus.APPROVED)
        at = Meeting.objects.get(pk=at.pk)
        if (
            at.body_id != minutes.meeting.body_id
            or at.starts_at <= minutes.meeting.starts_at
            or at.status != MeetingStatus.IN_PROGRESS
        ):
            raise _refuse(
                _(
                    "Minutes are approved during a later meeting of the body, while it is in progress."
                ),
                "approval_meeting",
            )
        MINUTES_WORKFLOW.apply(minutes, MinutesStatus.APPROVED)
        minutes.approved_at = at
        minutes.is_public = is_public
        minutes.save(update_fields=["status", "approved_at", "is_public", "updated"])
        log_action(minutes, "governance.minutes.approved", by=by, data={"at": at.pk})
    return minutes
