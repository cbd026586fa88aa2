"""Writes of proposals: drafting, co-signatures, agenda, transmission to the Directorate General,
its answer, the actions that follow and their reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, User
from tandem.clarity import analyze
from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.governance import queries
from tandem.governance.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Answer,
    Body,
    CoSignature,
    Decision,
    Meeting,
    Proposal,
    ProposalStatus,
)
from tandem.governance.services._common import ACTION_WORKFLOW, PROPOSAL_WORKFLOW, _refuse
from tandem.governance.services.meetings import add_agenda_item
from tandem.governance.services.minutes import remind_amendments_closing

QUOTE_LIMIT = 200


def _quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A finding's passage as quoted on the page: a long sentence is cut at the last word
    boundary before `limit`, with an ellipsis, never in the middle of a word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _clarity(text: str) -> tuple[int | None, list[dict[str, str]]]:
    try:
        # the analyzer's minimum, as in Check my document and the College: a score out of 100
        # for fifty words contradicted its "too short to judge"; the findings stay
        report = analyze(text, language="auto", document_kind="other")
    except ValueError:
        return None, []
    # the language the passage and the message are written in, for the page's `lang`
    findings = [
        {"text": _quote(f.text), "message": f.message, "language": report.language}
        for f in report.findings[:10]
    ]
    return report.score, findings


def refresh_clarity(proposal_id: int) -> None:
    """Check a proposal's text again, as drafting does: after the text was rewritten by other
    means than the drafting form (erasure takes a person's name out of it), so that its
    findings, which quote the text, quote what it now says."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        proposal.clarity_score, proposal.clarity_findings = _clarity(proposal.text)
        proposal.save(update_fields=["clarity_score", "clarity_findings", "updated"])


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


EDITABLE_FIELDS = ("title", "text", "rationale", "expected_impact", "easy_read_summary")


@dataclass(frozen=True)
class ProposalEdit:
    """What `update_proposal` did: the proposal as saved, and who no longer co-signs it."""

    proposal: Proposal
    cosigners_withdrawn: list[int]


def update_proposal(proposal: Proposal, *, by: User, **changes: str) -> ProposalEdit:
    """The author rewrites their draft (`queries.can_edit_proposal`): only the fields given
    change (a PATCH gives some); the plain-language check is run again on the new text.
    Co-signers support a text: a new text withdraws their co-signatures, and each former
    co-signer is told after commit (notification `governance.cosignature_withdrawn`). Logs
    `governance.proposal.edited` with the names of the fields changed and the co-signers
    withdrawn."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "text" in changes and not changes["text"].strip():
        raise _refuse(_("Write the proposal."), "empty")
    if "title" in changes and not changes["title"].strip():
        raise _refuse(_("Give the proposal a title."), "empty_title")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=proposal.pk)
        )
        if not queries.can_edit_proposal(proposal, by):
            raise _refuse(
                _("Only its author edits a proposal, while it is a draft."), "not_editable"
            )
        changed = [name for name, value in changes.items() if getattr(proposal, name) != value]
        for name in changed:
            setattr(proposal, name, changes[name])
        withdrawn: list[int] = []
        if "text" in changed:
            proposal.clarity_score, proposal.clarity_findings = _clarity(proposal.text)
            changed += ["clarity_score", "clarity_findings"]
            signatures = CoSignature.objects.filter(proposal=proposal)
            withdrawn = list(signatures.values_list("person_id", flat=True))
            signatures.delete()
        if changed:
            proposal.save(update_fields=[*changed, "updated"])
            log_action(
                proposal,
                "governance.proposal.edited",
                by=by,
                data={
                    "fields": [n for n in changed if n in EDITABLE_FIELDS],
                    "cosigners_withdrawn": withdrawn,
                },
            )
        if withdrawn:
            _tell_cosigners_withdrawn(proposal, withdrawn)
    return ProposalEdit(proposal=proposal, cosigners_withdrawn=withdrawn)


def _tell_cosigners_withdrawn(proposal: Proposal, people: list[int]) -> None:
    """After commit, tell each former co-signer that the text they supported changed (message
    ids and the title: each reads it in their own language)."""
    url, params = proposal.get_absolute_url(), {"title": proposal.title}
    signers = list(User.objects.filter(pk__in=people))
    transaction.on_commit(
        lambda: [
            notify(
                person,
                kind="governance.cosignature_withdrawn",
                title=gettext_noop("“%(title)s” was rewritten: your co-signature is withdrawn"),
                body=gettext_noop(
                    "Its author changed the text of the draft you co-signed. Read it again and "
                    "co-sign it if you still support it."
                ),
                params=params,
                url=url,
            )
            for person in signers
        ]
    )


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
                    title=gettext_noop("A GRAM proposal awaits your answer"),
                    body=gettext_noop("“%(title)s”: answer due on %(due)s."),
                    params={"title": title, "due": due},
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
                title=gettext_noop("The Directorate General answered “%(title)s”"),
                params={"title": title},
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
                title=gettext_noop("A GRAM action is yours: %(title)s"),
                body=gettext_noop("Due on %(due)s."),
                params={"title": title, "due": due},
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
    each, the owners of actions due within a week, once, and the attendees of a meeting when the amendment period of its minutes is closing,
    once (run daily by `tandem governance_reminders`). Returns how many were reminded."""
    today = today or timezone.localdate()
    sent = remind_amendments_closing(today)
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
                    title=gettext_noop("Overdue answer: %(title)s"),
                    params={"title": proposal.title},
                    url=proposal.get_absolute_url(),
                )
            sent += 1
    late = Action.objects.filter(queries.open_actions_overdue(today)).exclude(reminded_on=today)
    sent += _remind_actions(late, today, gettext_noop("Overdue action: %(title)s"))
    soon = Action.objects.filter(queries.open_actions_due_soon(today))
    sent += _remind_actions(soon, today, gettext_noop("Action due on %(day)s: %(title)s"))
    return sent


def _remind_actions(actions: QuerySet[Action], today: dt.date, title: str) -> int:
    """Tell each action's owner (`title`: a message id with the action's title and due day),
    recording the day so that a second run, or a second process, does not tell them twice."""
    sent = 0
    for pk in actions.values_list("pk", flat=True):
        with transaction.atomic():
            action = (
                Action.objects.select_for_update(of=("self",))
                .select_related("owner", "proposal")
                .get(pk=pk)
            )
            if not actions.filter(pk=pk).exists():  # re-read under the lock
                continue
            action.reminded_on = today
            action.save(update_fields=["reminded_on", "updated"])
            notify(
                action.owner,
                kind="governance.reminder",
                title=title,
                params={"title": action.title, "day": action.due},
                url=action.proposal.get_absolute_url(),
            )
            sent += 1
    return sent
