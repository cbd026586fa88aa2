"""Writes of the GRAM's meetings: scheduling, the year's plan, agenda, documents, convocation
and the meeting's own workflow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.core.site import site_url
from tandem.core.uploads import clean_filename
from tandem.governance import queries
from tandem.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    DocumentComment,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Proposal,
    Vote,
    VoteStatus,
)
from tandem.governance.services._common import MEETING_WORKFLOW, _refuse
from tandem.governance.tasks import send_convocation_email


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
    """Attach a document, or a new version of one (`replaces`). After the convocation it is
    marked as added late; a document is never overwritten: the new one is its next version and
    the old one is kept (and still downloadable). Refuses a version of a document of another
    meeting, or of one that already has a newer version. Logs `governance.document.added` (or
    `governance.document.replaced`) and, after the convocation, tells the members."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
            raise _refuse(_("This meeting is over: its documents are final."), "meeting_over")
        if replaces is not None:
            replaces = MeetingDocument.objects.select_for_update().get(pk=replaces.pk)
            if replaces.meeting_id != meeting.pk:
                raise _refuse(
                    _("This document belongs to another meeting."), "document_other_meeting"
                )
            if MeetingDocument.objects.filter(previous=replaces).exists():
                raise _refuse(
                    _("This document already has a newer version: replace that one."),
                    "document_superseded",
                )
            item = item or replaces.item
        late = meeting.status != MeetingStatus.PLANNED
        document = MeetingDocument(
            meeting=meeting,
            item=item,
            title=title or (replaces.title if replaces else ""),
            original_filename=clean_filename(upload.name or ""),
            late=late,
            added_by=by,
            previous=replaces,
            version=(replaces.version + 1) if replaces else 1,
        )
        document.file.save("upload", upload, save=False)
        document.save()
        log_action(
            document,
            "governance.document.replaced" if replaces else "governance.document.added",
            by=by,
            data={"late": late, "replaces": replaces.pk if replaces else None},
        )
        if late:
            members = [a.mandate.person for a in queries.attendance_of(meeting)]
            url = meeting.get_absolute_url()
            shown = document.title
            title_text = (
                _("A new version of a document was sent after the convocation")
                if replaces
                else _("A document was added after the convocation")
            )
            transaction.on_commit(
                lambda: [
                    notify(
                        person, kind="governance.document", title=title_text, body=shown, url=url
                    )
                    for person in members
                ]
            )
    return document


def comment_on_document(document: MeetingDocument, *, person: User, text: str) -> DocumentComment:
    """A member (on the meeting's day) or the secretariat comments on a meeting's document,
    before the meeting begins. Logs `governance.document.commented`."""
    text = text.strip()
    if not text:
        raise _refuse(_("Write a comment first."), "empty_comment")
    with transaction.atomic():
        meeting = _lock_meeting(document.meeting)
        document = MeetingDocument.objects.get(pk=document.pk)
        if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.CONVENED):
            raise _refuse(
                _("The meeting has begun: its documents can no longer be commented on."),
                "comments_closed",
            )
        if not (queries.is_secretariat(person) or queries.meeting_mandate(person, meeting)):
            raise _refuse(
                _("Only the members and the secretariat comment on a meeting's documents."),
                "not_member",
            )
        comment = DocumentComment.objects.create(document=document, author=person, text=text)
        log_action(comment, "governance.document.commented", by=person)
    return comment


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
        when = meeting.starts_at  # written in the reader's language when shown
        meeting_id = meeting.pk

        def send() -> None:
            site = site_url()
            for m in mandates:
                notification = notify(
                    m.person,
                    kind="governance.convocation",
                    title=gettext_noop("Convocation: %(title)s"),
                    body=gettext_noop(
                        "The meeting is on %(when)s. The agenda, the documents and the calendar "
                        "file are on the meeting's page; please confirm your attendance."
                    ),
                    params={"title": title, "when": when},
                    url=url,
                    email=False,  # sent below, with the meeting's calendar file attached
                )
                # None: a closed account, told nothing (notify).
                if notification is not None and m.person.contact_by_email:
                    send_convocation_email.enqueue(notification.pk, meeting_id, site)

        transaction.on_commit(send)
    return meeting, not late


def _move(
    meeting: Meeting,
    to: str,
    action: str,
    by: User,
    check: Callable[[Meeting], None] | None = None,
) -> Meeting:
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        MEETING_WORKFLOW.apply(meeting, to)
        if check is not None:
            check(meeting)  # on the locked row
        meeting.save(update_fields=["status", "updated"])
        log_action(meeting, action, by=by)
    return meeting


def open_meeting(meeting: Meeting, *, by: User) -> Meeting:
    """The meeting starts: attendance and votes can be recorded. Refused more than a day before
    the meeting's date (`queries.too_early_to_open`). Logs `governance.meeting.opened`."""
    return _move(
        meeting, MeetingStatus.IN_PROGRESS, "governance.meeting.opened", by, _check_not_too_early
    )


def _check_not_too_early(meeting: Meeting) -> None:
    if queries.too_early_to_open(meeting):
        raise _refuse(
            _(
                "This meeting takes place on %(day)s: its session can be opened from %(opens)s, "
                "not earlier."
            )
            % {
                "day": date_format(timezone.localdate(meeting.starts_at), "DATE_FORMAT"),
                "opens": date_format(queries.session_opens_on(meeting), "DATE_FORMAT"),
            },
            "too_early",
        )


def close_meeting(meeting: Meeting, *, by: User) -> Meeting:
    """The meeting ends. Refused while a vote is open. Logs `governance.meeting.closed`."""
    if Vote.objects.filter(item__meeting=meeting, status=VoteStatus.OPEN).exists():
        raise _refuse(_("Close the open votes first."), "vote_open")
    return _move(meeting, MeetingStatus.CLOSED, "governance.meeting.closed", by)


def cancel_meeting(meeting: Meeting, *, by: User) -> Meeting:
    return _move(meeting, MeetingStatus.CANCELLED, "governance.meeting.cancelled", by)
