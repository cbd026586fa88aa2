"""Writes of votes: opening, ballots (own or by proxy), closing with the frozen record."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.governance import queries
from tandem.governance.models import (
    AgendaItem,
    Ballot,
    Choice,
    Majority,
    Mandate,
    MeetingStatus,
    Presence,
    Proposal,
    ProposalStatus,
    ProxyStatus,
    Vote,
    VoteMethod,
    VoteStatus,
)
from tandem.governance.services._common import PROPOSAL_WORKFLOW, VOTE_WORKFLOW, _refuse
from tandem.governance.services.meetings import _lock_meeting


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
            short = next((c for c in check.colleges if not c.reached), None)
            if check.counted >= check.needed and short is not None:
                # Enough members overall: name the college that is short, not "10 of 10".
                raise _refuse(
                    _(
                        "The quorum of “%(college)s” is not reached (%(counted)s of "
                        "%(needed)s): no vote can be held."
                    )
                    % {"college": short.name, "counted": short.counted, "needed": short.needed},
                    "no_quorum",
                )
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
    proxy). Refused for a non-member, an absent member without a present proxy holder, a
    conflict of interest, a closed vote, or a second ballot, except that a member may change
    the vote the secretariat recorded on their behalf (`queries.can_change_recorded`). Logs
    `governance.vote.cast` (without the choice)."""
    return _cast(vote, mandate=mandate, cast_by=cast_by, choice=choice, by=by, recorded=False)


def record_ballot(vote: Vote, *, mandate: Mandate, choice: str, by: User) -> Ballot:
    """The secretariat records a member's vote read from a show of hands, on their behalf: only
    in an open vote (`queries.secretariat_can_record`), never in a secret ballot. The member is
    told and may change it while the vote is open. Logs `governance.vote.cast`."""
    return _cast(vote, mandate=mandate, cast_by=mandate, choice=choice, by=by, recorded=True)


def _cast(
    vote: Vote, *, mandate: Mandate, cast_by: Mandate, choice: str, by: User, recorded: bool
) -> Ballot:
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
        if recorded and not queries.secretariat_can_record(vote):
            raise _refuse(
                _("Secret ballot: each member votes in person or through their proxy holder."),
                "secret_ballot",
            )
        day = timezone.localdate(meeting.starts_at)
        mandate = Mandate.objects.select_related("college", "person").get(pk=mandate.pk)
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
        earlier = vote.ballots.select_for_update().filter(mandate=mandate).first()
        if earlier is not None:
            own = cast_by.pk == mandate.pk and not recorded
            if not (own and queries.can_change_recorded(vote, earlier, mandate)):
                raise _refuse(_("This member has already voted."), "already_voted")
            # The member corrects what the secretariat recorded (open votes only).
            earlier.choice, earlier.recorded_by = choice, None
            earlier.save(update_fields=["choice", "recorded_by", "updated"])
            log_action(vote, "governance.vote.changed", by=by, data={"mandate": mandate.pk})
            return earlier
        secret = vote.method == VoteMethod.SECRET
        ballot = Ballot.objects.create(
            vote=vote,
            mandate=mandate,
            cast_by=cast_by,
            choice="" if secret else choice,
            recorded_by=by if recorded else None,
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
            data={"mandate": mandate.pk, "proxy": cast_by.pk != mandate.pk, "recorded": recorded},
        )
        if recorded:
            member, url = mandate.person, vote.get_absolute_url()
            params = {"name": by.get_full_name(), "question": vote.question}
            transaction.on_commit(
                lambda: notify(
                    member,
                    kind="governance.ballot_recorded",
                    title=gettext_noop("%(name)s recorded your vote"),
                    body=RECORDED_BODIES[choice],
                    params=params,
                    url=url,
                )
            )
    return ballot


# What the member is told, one message per choice so that the choice is read in their language.
RECORDED_BODIES: dict[str, str] = {
    Choice.FOR: gettext_noop(
        "“%(question)s”: recorded as for, on your behalf. You can change it while the vote is open."
    ),
    Choice.AGAINST: gettext_noop(
        "“%(question)s”: recorded as against, on your behalf. You can change it while the vote "
        "is open."
    ),
    Choice.ABSTAIN: gettext_noop(
        "“%(question)s”: recorded as abstain, on your behalf. You can change it while the vote "
        "is open."
    ),
}


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
