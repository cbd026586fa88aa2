"""Writes of the minutes: drafted from the meeting's record, amended line by line, approved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.formatting import local_date
from tandem.core.models import Notification
from tandem.core.notifications import notify
from tandem.governance import queries
from tandem.governance.models import (
    Amendment,
    AmendmentStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    MinutesVersion,
    Presence,
    VoteStatus,
)
from tandem.governance.services._common import AMENDMENT_WORKFLOW, MINUTES_WORKFLOW, _refuse
from tandem.governance.services.meetings import _lock_meeting


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
        version = MinutesVersion.objects.create(minutes=minutes, number=1, text=text, author=by)
        # One record per agenda item, to be written by the secretariat; an item that discussed
        # a proposal is linked to it from the start.
        MinutesItem.objects.bulk_create(
            MinutesItem(version=version, item=item, proposal_id=item.proposal_id)
            for item in meeting.items.all()
        )
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
                    title=gettext_noop("Draft minutes to read: %(title)s"),
                    body=gettext_noop("You can propose amendments until %(day)s."),
                    params={"title": meeting.title, "day": until},
                    url=url,
                )
                for person in attendees
            ]
        )
    return minutes


# How many days before the end of the amendment period the attendees are reminded.
AMENDMENTS_CLOSING_DAYS = 2


def remind_amendments_closing(today: dt.date) -> int:
    """Remind those who attended a meeting that the amendment period of its draft minutes ends
    within `AMENDMENTS_CLOSING_DAYS` days: once per minutes (the reminder is itself the record
    that it was sent, read again under the minutes' lock). Returns how many minutes were
    reminded."""
    sent = 0
    closing = Minutes.objects.filter(
        status=MinutesStatus.DRAFT,
        amendments_until__gte=today,
        amendments_until__lte=today + dt.timedelta(days=AMENDMENTS_CLOSING_DAYS),
    )
    for pk in closing.values_list("pk", flat=True):
        with transaction.atomic():
            minutes = (
                Minutes.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=pk)
            )
            url = minutes.get_absolute_url()
            if Notification.objects.filter(kind="governance.amendments_closing", url=url).exists():
                continue
            for attendance in queries.attendance_of(minutes.meeting).exclude(
                presence=Presence.ABSENT
            ):
                notify(
                    attendance.mandate.person,
                    kind="governance.amendments_closing",
                    title=gettext_noop("Amendments close soon: %(title)s"),
                    body=gettext_noop("You can propose amendments until %(day)s."),
                    params={
                        "title": minutes.meeting.title,
                        "day": minutes.amendments_until,
                    },
                    url=url,
                )
            sent += 1
    return sent


def lock_draft(minutes: Minutes) -> Minutes:
    """The minutes locked and read again, refused (`locked`) once approved: they are frozen."""
    minutes = (
        Minutes.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=minutes.pk)
    )
    if minutes.status != MinutesStatus.DRAFT:
        raise _refuse(_("These minutes are approved: they can no longer change."), "locked")
    return minutes


def new_version(
    latest: MinutesVersion,
    *,
    text: str,
    note: str,
    by: User,
    records: dict[int, dict[str, Any]] | None = None,
) -> MinutesVersion:
    """Version n + 1 of the minutes after `latest` (whose minutes the caller has locked): the
    text given and the records of the agenda items copied from `latest`, with `records` (by
    agenda item id) written over them."""
    version = MinutesVersion.objects.create(
        minutes_id=latest.minutes_id, number=latest.number + 1, text=text, note=note, author=by
    )
    fields: dict[int, dict[str, Any]] = {
        record.item_id: {
            "discussion": record.discussion,
            "outcome": record.outcome,
            "proposal_id": record.proposal_id,
        }
        for record in latest.items.all()
    }
    for item_id, changed in (records or {}).items():
        fields[item_id] = {**fields.get(item_id, {}), **changed}
    MinutesItem.objects.bulk_create(
        MinutesItem(version=version, item_id=item_id, **values)
        for item_id, values in fields.items()
    )
    return version


def amend_minutes(minutes: Minutes, *, line: int, replacement: str, by: User) -> Amendment:
    """Someone who attended proposes a new wording for one line of the latest version, within
    the amendment period. Refused after the period, to someone absent, on approved minutes or
    a line that does not exist. Logs `governance.minutes.amended`."""
    with transaction.atomic():
        minutes = lock_draft(minutes)
        if timezone.localdate() > minutes.amendments_until:
            raise _refuse(
                _("The amendment period ended on %(day)s.")
                % {"day": local_date(minutes.amendments_until)},
                "amendment_closed",
            )
        attended = minutes.meeting.attendances.filter(mandate__person=by).exclude(
            presence=Presence.ABSENT
        )
        if not attended.exists():
            raise _refuse(
                _("Only those who attended the meeting amend its minutes."), "not_attendee"
            )
        version = queries.latest_version(minutes)
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
            latest = queries.latest_version(minutes)
            lines = latest.lines
            if amendment.line > len(lines):
                raise _refuse(
                    _("There is no line %(n)s in these minutes.") % {"n": amendment.line}, "line"
                )
            lines[amendment.line - 1] = amendment.replacement
            new_version(
                latest,
                text="\n".join(lines),
                note=str(_("Amendment to line %(n)s") % {"n": amendment.line}),
                by=by,
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
