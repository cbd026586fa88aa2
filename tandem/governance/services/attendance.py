"""Writes of attendance: answers to the convocation, proxies, check-in, conflicts of interest."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.governance import queries
from tandem.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceAnswer,
    ConflictOfInterest,
    Mandate,
    Meeting,
    MeetingStatus,
    Presence,
    Proxy,
    ProxyStatus,
)
from tandem.governance.services._common import PROXY_WORKFLOW, _refuse
from tandem.governance.services.meetings import _lock_meeting


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
                title=gettext_noop("%(name)s gave you their proxy"),
                body="%(meeting)s",
                params={"name": person.get_full_name(), "meeting": meeting.title},
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
