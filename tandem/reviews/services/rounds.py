"""Rounds and assignment: the suggestion, opening rounds, seating reviewers and alternates,
promoting an alternate, withdrawing and expiring assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import notify
from tandem.reviews import assignment as optimiser
from tandem.reviews import queries, rules
from tandem.reviews.conf import setting
from tandem.reviews.explanations import (
    PREVIOUS_ROUND,
    SUGGESTED,
    blocker_sentence,
    reason_params,
)
from tandem.reviews.models import (
    ASSIGNMENT_WORKFLOW,
    OPEN_STATES,
    REQUEST_WORKFLOW,
    SEAT_STATES,
    Assignment,
    AssignmentState,
    RequestStatus,
    ReviewerProfile,
    ReviewRequest,
    Round,
)
from tandem.reviews.services.notices import notify_coordinators


def suggest_reviewers(
    request: ReviewRequest, *, deadline: dt.date | None = None
) -> optimiser.NeedResult:
    """The best set of reviewers for the seats still free, with alternates and blockers."""
    need = queries.need_for(request, deadline=deadline, alternates=setting("REVIEWS_ALTERNATES"))
    return optimiser.solve([need], queries.candidates()).results[0]


def open_round(request: ReviewRequest, *, by: User, deadline: dt.date) -> Round:
    """Open the next review round with its deadline. Logs `reviews.round.opened`."""
    if deadline <= timezone.localdate():
        raise DomainError(_("The deadline must be a date to come."), code="past")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        number = (request.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
        round = Round.objects.create(
            request=request, number=number, deadline=deadline, opened_by=by
        )
        request.current_round = round
        request.save(update_fields=["current_round", "updated"])
        log_action(
            request,
            "reviews.round.opened",
            by=by,
            data={"round": number, "deadline": str(deadline)},
        )
    return round


def _check_pair(round: Round, profile: ReviewerProfile) -> None:
    """Hard constraints for one seat, read inside the locking transaction."""
    request = round.request
    candidate = next(iter(queries.candidates(users=[profile.user_id])), None)
    if candidate is None:
        raise DomainError(_("This person is not in the College."), code="not_reviewer")
    need = queries.need_for(request, deadline=round.deadline)
    need = optimiser.Need(**{**need.__dict__, "excluded": frozenset()})
    reason = optimiser.blocker(candidate, need)
    if reason is not None:
        raise DomainError(
            _("%(name)s cannot review this request: %(reason)s")
            % {"name": profile.user, "reason": blocker_sentence(reason)},
            code=reason,
        )


def assign(
    round: Round,
    reviewer: User,
    *,
    by: User,
    reason: str = "",
    reason_code: str = "",
    reason_params: dict[str, Any] | None = None,
    alternate_rank: int | None = None,
) -> Assignment:
    """Seat one reviewer (invited) or record an alternate (ranked, not invited yet). The round
    and the reviewer's profile are locked (`select_for_update` on PostgreSQL, an IMMEDIATE
    transaction on SQLite) so that concurrent assignments can exceed neither the seats wanted
    nor the reviewer's maximum load. Why the reviewer was chosen is stored as a code and its
    parameters (`explanations.reason_sentence`), or as `reason`'s free text. Logs `reviews.assignment.invited` or
    `reviews.assignment.alternate`; notifies the reviewer after commit."""
    with transaction.atomic():
        # The request first (as assign_reviewers and open_new_round lock it), then the round,
        # each re-read once locked: a request closed meanwhile is seen as closed.
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=round.request_id)
        round = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
        round.request = request
        profile = (
            ReviewerProfile.objects.select_for_update(of=("self",)).filter(user=reviewer).first()
        )
        if profile is None:
            raise DomainError(_("This person is not in the College."), code="not_reviewer")
        if request.status not in (
            RequestStatus.ACCEPTED,
            RequestStatus.IN_REVIEW,
            RequestStatus.REVISION,
        ):
            raise TransitionNotAllowed(
                _("Reviewers cannot be assigned while the request is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        existing = Assignment.objects.filter(round=round, reviewer=reviewer).first()
        if existing is not None:
            raise DomainError(
                _("%(name)s is already on this round (%(state)s).")
                % {"name": reviewer, "state": existing.get_state_display()},
                code="duplicate",
            )
        _check_pair(round, profile)
        now = timezone.now()
        # A new assignment starts as invited (a seat) or as a ranked alternate.
        assignment = Assignment(
            round=round,
            reviewer=reviewer,
            reason=reason,
            reason_code=reason_code,
            reason_params=reason_params or {},
            due=round.deadline,
            assigned_by=by,
            state=AssignmentState.INVITED if alternate_rank is None else AssignmentState.PROPOSED,
            alternate_rank=alternate_rank,
        )
        if alternate_rank is None:
            seats = Assignment.objects.filter(round=round, state__in=SEAT_STATES).count()
            if seats >= request.reviewers_wanted:
                raise DomainError(
                    _("All %(n)s seats of this round are taken.") % {"n": request.reviewers_wanted},
                    code="seats_full",
                )
            assignment.invited_at = now
            assignment.respond_by = now + dt.timedelta(hours=setting("REVIEWS_RESPONSE_HOURS"))
        assignment.save()
        if request.status == RequestStatus.ACCEPTED and assignment.state == AssignmentState.INVITED:
            REQUEST_WORKFLOW.apply(request, RequestStatus.IN_REVIEW)
            request.review_started_at = request.review_started_at or now
            request.save(update_fields=["status", "review_started_at", "updated"])
        log_action(
            assignment,
            "reviews.assignment.invited"
            if alternate_rank is None
            else "reviews.assignment.alternate",
            by=by,
            data={"request": request.pk, "round": round.number, "rank": alternate_rank},
        )
        if assignment.state == AssignmentState.INVITED:
            _invite_notification(assignment)
    return assignment


def _invite_notification(assignment: Assignment) -> None:
    notify(
        assignment.reviewer,
        kind="reviews.assignment.invited",
        title=gettext_noop("You are invited to review “%(title)s”"),
        body=gettext_noop("Please accept or decline by %(date)s."),
        params={
            "title": str(assignment.round.request),
            # written in the reader's language when shown
            "date": assignment.respond_by or "",
        },
        url=reverse("reviews:my_assignments"),
    )


_UNCHECKED = object()


def assign_reviewers(
    request: ReviewRequest,
    *,
    by: User,
    reviewers: Sequence[User],
    alternates: Sequence[User] = (),
    deadline: dt.date | None = None,
    seen_round: object = _UNCHECKED,
) -> list[Assignment]:
    """The coordinator's choice (the suggestion, or their own): open the round if needed, seat
    the reviewers, rank the alternates. All or nothing. Each assignment records why its person
    was suggested (a SUGGESTED code and its parameters; none for a person the suggestion did
    not name), the same whether the page or the API calls. Logs what `open_round` and `assign` log.

    The request row is locked and re-read first, and whether a round exists is decided on that
    fresh row: of two coordinators assigning at the same moment, one opens the round. The page
    and the API pass `seen_round` (the current round's id as the coordinator saw it): when
    another coordinator opened or changed the round meanwhile, the call is refused (`stale`)
    and writes nothing. A deadline given when the round exists moves the round's deadline
    (`change_round_deadline`)."""
    if not reviewers and not alternates:
        raise DomainError(_("Choose at least one reviewer."), code="no_reviewers")
    with transaction.atomic():
        # No join here: a row re-read after waiting for the lock must not come with the
        # current round as it was before the wait.
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if seen_round is not _UNCHECKED and request.current_round_id != seen_round:
            raise DomainError(
                _(
                    "Another coordinator has just assigned reviewers to this request. "
                    "Reload the page to see the round as it is now, then choose again."
                ),
                code="stale",
            )
        if request.status not in (
            RequestStatus.ACCEPTED,
            RequestStatus.IN_REVIEW,
            RequestStatus.REVISION,
        ):
            raise TransitionNotAllowed(
                _(
                    "Reviewers can be assigned once the request is accepted at triage; "
                    "it is “%(status)s”."
                )
                % {"status": request.get_status_display()}
            )
        if len({r.pk for r in reviewers}) > request.reviewers_wanted:
            raise DomainError(
                _("Choose at most %(n)s reviewers for this request.")
                % {"n": request.reviewers_wanted},
                code="too_many",
            )
        round = (
            Round.objects.filter(pk=request.current_round_id).first()
            if request.current_round_id
            else None
        )
        opening = round is None or request.status == RequestStatus.REVISION
        if opening and not reviewers:
            raise DomainError(
                _("Choose at least one reviewer to open the round; alternates come after."),
                code="no_reviewers",
            )
        reasons = suggestion_reasons(request, deadline=deadline)
        if round is None or opening:
            round = open_round(
                request,
                by=by,
                deadline=deadline
                or timezone.localdate() + dt.timedelta(days=setting("REVIEWS_REVIEW_DAYS")),
            )
        elif deadline is not None and deadline != round.deadline:
            round = change_round_deadline(round, by=by, deadline=deadline)
        made = [assign(round, r, by=by, **_why(reasons, r)) for r in reviewers]
        start = (
            Assignment.objects.filter(round=round, alternate_rank__isnull=False).aggregate(
                n=Max("alternate_rank")
            )["n"]
            or 0
        )
        made += [
            assign(round, r, by=by, alternate_rank=start + i, **_why(reasons, r))
            for i, r in enumerate(alternates, start=1)
            if r.pk not in {x.pk for x in reviewers}
        ]
    return made


def change_round_deadline(round: Round, *, by: User, deadline: dt.date) -> Round:
    """Move a round's deadline, and the due date of its assignments still open. Logs
    `reviews.round.deadline_changed` with the old and new dates."""
    if deadline <= timezone.localdate():
        raise DomainError(_("The deadline must be a date to come."), code="past")
    with transaction.atomic():
        round = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
        previous = round.deadline
        if previous == deadline:
            return round
        round.deadline = deadline
        round.save(update_fields=["deadline"])
        Assignment.objects.filter(
            round=round, state__in=[*OPEN_STATES, AssignmentState.PROPOSED]
        ).update(due=deadline)
        log_action(
            round.request,
            "reviews.round.deadline_changed",
            by=by,
            data={"round": round.number, "from": str(previous), "to": str(deadline)},
        )
    return round


def suggestion_reasons(
    request: ReviewRequest, *, deadline: dt.date | None = None
) -> dict[int, dict[str, Any]]:
    """Why each person of the suggestion (chosen or alternate) is proposed, by user id: the
    parameters of a SUGGESTED reason (`explanations.reason_params`), never words."""
    result = suggest_reviewers(request, deadline=deadline)
    return {
        c.candidate.id: reason_params(c, request.language)
        for c in [*result.chosen, *result.alternates]
    }


def _why(reasons: dict[int, dict[str, Any]], reviewer: User) -> dict[str, Any]:
    params = reasons.get(reviewer.pk)
    if params is None:  # the coordinator's own choice: the suggestion did not name them
        return {}
    return {"reason_code": SUGGESTED, "reason_params": params}


def promote_alternate(round: Round, *, by: User | None = None) -> Assignment | None:
    """Invite the first alternate who can still take the seat; tell the coordinators when none
    can. Called inside the caller's transaction; the round is locked before its seats are
    counted, so that an assignment made at the same moment cannot take the same seat."""
    request = round.request
    Round.objects.select_for_update(of=("self",)).only("pk").get(pk=round.pk)
    seats = Assignment.objects.filter(round=round, state__in=SEAT_STATES).count()
    if seats >= request.reviewers_wanted:
        return None
    now = timezone.now()
    for alternate in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(round=round, state=AssignmentState.PROPOSED)
        .order_by("alternate_rank", "pk")
    ):
        profile = (
            ReviewerProfile.objects.select_for_update(of=("self",))
            .filter(user_id=alternate.reviewer_id)
            .first()
        )
        try:
            if profile is None:
                raise DomainError(_("Not in the College any more."))
            _check_pair(round, profile)
        except DomainError:
            continue
        ASSIGNMENT_WORKFLOW.apply(alternate, AssignmentState.INVITED)
        alternate.alternate_rank = None
        alternate.invited_at = now
        alternate.respond_by = now + dt.timedelta(hours=setting("REVIEWS_RESPONSE_HOURS"))
        alternate.save()
        log_action(alternate, "reviews.assignment.promoted", by=by, data={"request": request.pk})
        _invite_notification(alternate)
        return alternate
    notify_coordinators(
        kind="reviews.round.short",
        title=gettext_noop("A seat is free on “%(title)s” and no alternate can take it"),
        params={"title": request},
        url=reverse("reviews:assign", args=[request.pk]),
    )
    return None


def open_new_round(request: ReviewRequest, *, by: User, deadline: dt.date) -> Round:
    """After a revision, a new round with the same reviewers (those who sent a review in the
    previous round and can still take it). Logs `reviews.round.opened` and the invitations."""
    with transaction.atomic():
        locked = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not rules.request_awaits_new_round(locked):
            raise TransitionNotAllowed(
                _("A new round opens after a revision, not while the request is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        previous = locked.current_round
        reviewers = (
            [
                a.reviewer
                for a in Assignment.objects.filter(
                    round=previous, state=AssignmentState.SUBMITTED
                ).select_related("reviewer")
            ]
            if previous
            else []
        )
        round = open_round(locked, by=by, deadline=deadline)
        locked.refresh_from_db()
        REQUEST_WORKFLOW.apply(locked, RequestStatus.IN_REVIEW)
        locked.save(update_fields=["status", "updated"])
        for reviewer in reviewers:
            assign(round, reviewer, by=by, reason_code=PREVIOUS_ROUND)
    return round


def dismiss_assignment(assignment: Assignment, *, by: User, promote: bool = True) -> Assignment:
    """The coordinator withdraws a reviewer (or an alternate) and, by default, promotes the
    next alternate. Logs `reviews.assignment.dismissed`."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.DISMISSED)
        assignment.alternate_rank = None
        assignment.save(update_fields=["state", "alternate_rank", "updated"])
        promoted = promote_alternate(assignment.round, by=by) if promote else None
        log_action(
            assignment,
            "reviews.assignment.dismissed",
            by=by,
            data={"promoted": promoted.pk if promoted else None},
        )
    return assignment


def expire_assignment(assignment: Assignment) -> Assignment:
    """No answer in time: the seat goes to the first alternate. Logs
    `reviews.assignment.expired`."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.EXPIRED)
        assignment.save(update_fields=["state", "updated"])
        promoted = promote_alternate(assignment.round)
        log_action(
            assignment,
            "reviews.assignment.expired",
            by=None,
            data={"promoted": promoted.pk if promoted else None},
        )
    return assignment
