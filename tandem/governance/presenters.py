"""What the GRAM's pages show and allow, decided here once (templates never test raw statuses)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.clarity import Config
from tandem.core.formatting import local_date
from tandem.governance import queries
from tandem.governance.models import (
    ActionStatus,
    Attendance,
    AttendanceAnswer,
    Body,
    Choice,
    Decision,
    DocumentComment,
    Mandate,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    Presence,
    Proposal,
    ProposalStatus,
    ProxyStatus,
    Vote,
    VoteMethod,
    VoteStatus,
)
from tandem.governance.services import MEETING_WORKFLOW, PROPOSAL_WORKFLOW


def warnings(found: list[queries.Warning]) -> list[str]:
    words = []
    for w in found:
        if w.code == "under_quota" and w.college is not None:
            words.append(
                _("“%(college)s” is under its quota: %(n)s seat(s) vacant.")
                % {"college": w.college.label, "n": w.missing}
            )
        elif w.code == "ending_soon" and w.mandate is not None:
            words.append(
                _("The mandate of %(name)s (%(college)s) ends on %(end)s and is not renewed.")
                % {
                    "name": w.mandate.person.get_full_name(),
                    "college": w.mandate.college.label,
                    "end": local_date(w.mandate.end),
                }
            )
        elif w.code == "empty_quarter":
            words.append(_("No meeting is planned in quarter %(q)s.") % {"q": w.quarter})
    return words


def year_plan(plan: dict[int, list[Meeting]]) -> list[dict[str, Any]]:
    return [{"quarter": q, "meetings": meetings} for q, meetings in plan.items()]


def proposal_row(proposal: Proposal, today: dt.date) -> dict[str, Any]:
    answer = (
        getattr(proposal, "answer", None)
        if proposal.status
        in (
            ProposalStatus.ANSWERED,
            ProposalStatus.IMPLEMENTED,
        )
        else None
    )
    return {
        "proposal": proposal,
        "waiting_days": queries.waiting_days(proposal, today),
        "overdue": queries.answer_overdue(proposal, today),
        "answer": answer,
    }


PUBLIC_MEETINGS = 8


def public_page(body: Body) -> dict[str, Any]:
    """What the GRAM's public page shows everyone, signed in or not (the page and the API):
    the composition, the next and the last meetings, the latest public minutes and every
    public proposal with where it stands. A handful of queries, whatever the numbers."""
    now, today = timezone.now(), timezone.localdate()
    proposals = (
        queries.public_proposals()
        .filter(body=body)
        .prefetch_related("actions")
        .order_by("-transmitted_at", "-pk")
    )
    return {
        "composition": queries.composition(body),
        "upcoming": list(
            queries.public_meetings(body)
            .filter(starts_at__gte=now)
            .order_by("starts_at")[:PUBLIC_MEETINGS]
        ),
        "past": list(queries.public_meetings(body).filter(starts_at__lt=now)[:PUBLIC_MEETINGS]),
        "proposals": [proposal_row(p, today) for p in proposals],
        "minutes": list(
            queries.public_minutes()
            .filter(meeting__body=body)
            .order_by("-meeting__starts_at")[:PUBLIC_MEETINGS]
        ),
    }


def document_rows(meeting: Meeting, documents: list[MeetingDocument]) -> list[dict[str, Any]]:
    """Each document's latest version, with the versions it replaced (kept, still downloadable)
    and the comments on every version, oldest first; one query for the comments."""
    by_pk = {d.pk: d for d in documents}
    replaced = {d.previous_id for d in documents if d.previous_id}
    comments: dict[int, list[DocumentComment]] = {}
    for comment in DocumentComment.objects.filter(document__meeting=meeting).select_related(
        "author", "document"
    ):
        comments.setdefault(comment.document_id, []).append(comment)
    rows = []
    for document in documents:
        if document.pk in replaced:
            continue
        older = []
        previous = by_pk.get(document.previous_id) if document.previous_id else None
        while previous is not None:
            older.append(previous)
            previous = by_pk.get(previous.previous_id) if previous.previous_id else None
        chain = [*reversed(older), document]
        rows.append(
            {
                "document": document,
                "older": older,
                "comments": [c for d in chain for c in comments.get(d.pk, [])],
            }
        )
    return rows


def attendance_labels(meeting: Meeting, attendance: Attendance) -> dict[str, str]:
    """A member's answer and presence in words that fit the meeting's time: before it nobody is
    "Absent" (nothing is recorded yet); after it an answer is no longer "Will attend"."""
    before = meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED)
    past = (
        meeting.status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED)
        or meeting.ends_at < timezone.now()
    )
    answers_after = {
        AttendanceAnswer.YES: _("Had said they would attend"),
        AttendanceAnswer.NO: _("Had said they would not attend"),
        AttendanceAnswer.UNKNOWN: _("Did not answer"),
    }
    return {
        "answer": answers_after[AttendanceAnswer(attendance.answer)]
        if past
        else attendance.get_answer_display(),
        "presence": _("not recorded yet") if before else attendance.get_presence_display(),
    }


def meeting_page(
    meeting: Meeting, *, user: User, mandate: Mandate | None, secretariat: bool
) -> dict[str, Any]:
    attendance = list(queries.attendance_of(meeting))
    proxies = list(queries.active_proxies(meeting))
    mine: Attendance | None = next(
        (a for a in attendance if mandate and a.mandate_id == mandate.pk), None
    )
    conflicts_of_mine = {
        c.item_id
        for item in meeting.items.all()
        for c in item.conflicts.all()
        if mandate and c.mandate_id == mandate.pk
    }
    documents = document_rows(meeting, list(meeting.documents.all()))
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return {
        "minutes": minutes,
        "can_draft_minutes": secretariat
        and minutes is None
        and meeting.status == MeetingStatus.CLOSED,
        "meeting": meeting,
        "items": [
            {
                "item": item,
                "my_conflict": item.pk in conflicts_of_mine,
                "votes": list(item.votes.all()),
            }
            for item in meeting.items.all()
        ],
        "documents": documents,
        "attendance": [{"a": a, **attendance_labels(meeting, a)} for a in attendance],
        "proxies": proxies,
        "quorum": queries.quorum(meeting) if meeting.status != MeetingStatus.PLANNED else None,
        "mandate": mandate,
        "mine": mine,
        "mine_labels": attendance_labels(meeting, mine) if mine else None,
        "proxy_given": next((p for p in proxies if mandate and p.principal_id == mandate.pk), None),
        "proxy_held": next((p for p in proxies if mandate and p.holder_id == mandate.pk), None),
        "secretariat": secretariat,
        "can_convene": secretariat and MEETING_WORKFLOW.can(meeting, MeetingStatus.CONVENED),
        "can_open": secretariat and MEETING_WORKFLOW.can(meeting, MeetingStatus.IN_PROGRESS),
        "opens_on": queries.session_opens_on(meeting)
        if queries.too_early_to_open(meeting)
        else None,
        "can_close": secretariat and MEETING_WORKFLOW.can(meeting, MeetingStatus.CLOSED),
        "can_cancel": secretariat and MEETING_WORKFLOW.can(meeting, MeetingStatus.CANCELLED),
        "convened": meeting.status in (MeetingStatus.CONVENED, MeetingStatus.IN_PROGRESS),
        "in_progress": meeting.status == MeetingStatus.IN_PROGRESS,
        "editable": meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED),
        "notice_late": meeting.convened_at is not None and queries.notice_is_late(meeting),
        "presence_choices": Presence.choices,
        "can_comment": meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CONVENED)
        and (secretariat or mandate is not None),
    }


def vote_page(vote: Vote, *, mandate: Mandate | None, secretariat: bool) -> dict[str, Any]:
    meeting = vote.item.meeting
    ballots = list(vote.ballots.select_related("mandate__person", "cast_by__person", "recorded_by"))
    voted = {b.mandate_id for b in ballots}
    mine = next((b for b in ballots if mandate and b.mandate_id == mandate.pk), None)
    is_open = vote.status == VoteStatus.OPEN
    present = set(
        meeting.attendances.exclude(presence=Presence.ABSENT).values_list("mandate_id", flat=True)
    )
    conflicted = set(vote.item.conflicts.values_list("mandate_id", flat=True))
    can_vote_self = bool(
        is_open
        and mandate
        and mandate.pk in present
        and mandate.pk not in voted
        and mandate.pk not in conflicted
    )
    proxy = (
        meeting.proxies.filter(holder=mandate, status=ProxyStatus.ACTIVE)
        .select_related("principal__person")
        .first()
        if mandate
        else None
    )
    can_vote_proxy = bool(
        is_open
        and proxy
        and mandate
        and mandate.pk in present
        and proxy.principal_id not in voted
        and proxy.principal_id not in conflicted
    )
    result = None
    if queries.can_see_result(vote):
        record = vote.record
        colleges = {c.code: c.label for c in meeting.body.colleges.all()}
        result = {
            "counts": [(Choice(k).label, record["counts"].get(k, 0)) for k in Choice.values],
            "adopted": vote.adopted,
            "quorum": record["quorum"],
            "majority_reached": record["majority_reached"],
            "secret": vote.method == VoteMethod.SECRET,
            "colleges": [
                {
                    "name": colleges.get(code, code),
                    "passed": data["passed"],
                    "counts": [(Choice(k).label, data[k]) for k in Choice.values if k in data],
                }
                for code, data in record["colleges"].items()
            ],
            "electorate": len(record["electorate"]),
            "voted": len(record["voted"]),
            "by_proxy": sum(1 for v in record["voted"] if v["cast_by"] != v["mandate"]),
        }
    return {
        "vote": vote,
        "meeting": meeting,
        "is_open": is_open,
        "ballots": ballots,
        "show_choices": vote.method == VoteMethod.OPEN and not is_open,
        "can_vote_self": can_vote_self,
        "proxy": proxy if can_vote_proxy else None,
        "already_voted": bool(mandate and mandate.pk in voted),
        "my_ballot": mine,
        "can_change": queries.can_change_recorded(vote, mine, mandate),
        "conflicted": bool(mandate and mandate.pk in conflicted),
        "secretariat": secretariat,
        "can_record": secretariat and queries.secretariat_can_record(vote),
        "quorum": queries.quorum(meeting, vote.item) if is_open else None,
        "result": result,
    }


def proposal_page(proposal: Proposal, *, user: User | AnonymousUser) -> dict[str, Any]:
    is_member = queries.mandate_of(user, proposal.body) is not None
    secretariat = user.has_perm("governance.run_secretariat")
    answer = (
        getattr(proposal, "answer", None)
        if proposal.status
        in (
            ProposalStatus.ANSWERED,
            ProposalStatus.IMPLEMENTED,
        )
        else None
    )
    signers = [c.person for c in proposal.cosignatures.all()]
    today = timezone.localdate()
    actions = [
        {
            "action": a,
            "overdue": a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
            and a.due < today,
            "can_update": a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
            and (user.has_perm("governance.follow_actions") or a.owner_id == user.pk),
        }
        for a in proposal.actions.all()
    ]
    return {
        "proposal": proposal,
        # the clarity check's minimum, said when the proposal is too short for an indicator
        "min_words": Config().min_words_to_judge,
        "signers": signers,
        "answer": answer,
        "actions": actions,
        "action_statuses": ActionStatus.choices,
        "waiting_days": queries.waiting_days(proposal, today),
        "overdue": queries.answer_overdue(proposal, today),
        "can_cosign": is_member
        and proposal.author_id != user.pk
        and user not in signers
        and proposal.status in (ProposalStatus.DRAFT, ProposalStatus.ON_AGENDA),
        "can_edit": queries.can_edit_proposal(proposal, user),
        "can_schedule": secretariat and PROPOSAL_WORKFLOW.can(proposal, ProposalStatus.ON_AGENDA),
        "can_transmit": secretariat and PROPOSAL_WORKFLOW.can(proposal, ProposalStatus.TRANSMITTED),
        "can_answer": user.has_perm("governance.answer_proposals")
        and PROPOSAL_WORKFLOW.can(proposal, ProposalStatus.ANSWERED),
        "can_add_action": user.has_perm("governance.follow_actions")
        and answer is not None
        and answer.decision != Decision.DECLINED
        and proposal.status == ProposalStatus.ANSWERED,
        "steps": _steps(proposal),
    }


STEPS = (
    ProposalStatus.DRAFT,
    ProposalStatus.ON_AGENDA,
    ProposalStatus.ADOPTED,
    ProposalStatus.TRANSMITTED,
    ProposalStatus.ANSWERED,
    ProposalStatus.IMPLEMENTED,
)


def _steps(proposal: Proposal) -> list[dict[str, Any]]:
    """Where the proposal stands, from draft to implemented (a rejected or withdrawn proposal
    stops where it stopped)."""
    if proposal.status not in STEPS:
        return [{"label": proposal.get_status_display(), "state": "current"}]
    here = STEPS.index(ProposalStatus(proposal.status))
    return [
        {
            "label": step.label,
            "state": "done" if i < here else "current" if i == here else "todo",
        }
        for i, step in enumerate(STEPS)
    ]


def minutes_page(
    minutes: Minutes, *, user: User | AnonymousUser, number: int | None = None
) -> dict[str, Any]:
    """The minutes as their page, PDF and Word file show them: version `number` (the latest
    if None; a version that does not exist raises MinutesVersion.DoesNotExist), its text and
    its records of the agenda items. The forms are for the latest version only."""
    versions = list(minutes.versions.select_related("author"))
    latest = versions[-1]
    shown = latest if number is None else next((v for v in versions if v.number == number), None)
    if shown is None:
        raise MinutesVersion.DoesNotExist
    current = shown == latest
    draft = minutes.status == MinutesStatus.DRAFT
    period_open = draft and timezone.localdate() <= minutes.amendments_until
    attended = (
        getattr(user, "is_authenticated", False)
        and minutes.meeting.attendances.filter(mandate__person=user.pk)
        .exclude(presence=Presence.ABSENT)
        .exists()
    )
    secretariat = user.has_perm("governance.run_secretariat")
    return {
        "minutes": minutes,
        "item_rows": minutes_item_rows(minutes, shown),
        "meeting": minutes.meeting,
        "latest": latest,
        "shown": shown,
        "current": current,
        "lines": shown.lines,
        "versions": versions,
        "amendments": list(minutes.amendments.select_related("author", "version"))
        if draft or secretariat
        else [],
        "draft": draft,
        "period_open": period_open,
        "can_amend": bool(current and period_open and attended),
        "can_decide": bool(draft and secretariat),
        "can_approve": bool(current and draft and secretariat),
        "can_record": bool(current and draft and secretariat),
    }


def minutes_item_rows(minutes: Minutes, version: MinutesVersion) -> list[dict[str, Any]]:
    """Each agenda item of the minutes' meeting with what `version` records of it (None for a
    version made before items had their record)."""
    records = {r.item_id: r for r in version.items.select_related("proposal")}
    return [{"item": item, "record": records.get(item.pk)} for item in minutes.meeting.items.all()]


def minutes_items_for_word(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`minutes_item_rows` as the Word file's headings and paragraphs (one per line typed)."""
    items = []
    for row in rows:
        item, record = row["item"], row["record"]
        paragraphs: list[str] = []
        if record and record.discussion:
            paragraphs += [str(_("Summary of the discussion:")), *record.discussion.splitlines()]
        if record and record.outcome:
            paragraphs += [str(_("Decision or outcome:")), *record.outcome.splitlines()]
        if record and record.proposal:
            paragraphs.append(
                str(_("Proposal to the Directorate General: %(title)s (%(status)s)"))
                % {"title": record.proposal.title, "status": record.proposal.get_status_display()}
            )
        items.append(
            {
                "heading": f"{item.position}. {item.title}",
                "paragraphs": paragraphs or [str(_("Nothing is recorded for this item yet."))],
            }
        )
    return items
