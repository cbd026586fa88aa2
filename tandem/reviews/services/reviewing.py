"""Reviewing: the reviewer answers an invitation, writes the grid and anchored comments, sends
the review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import VERBATIM
from tandem.reviews import anchoring
from tandem.reviews.models import (
    ASSIGNMENT_WORKFLOW,
    CRITERIA,
    OPEN_STATES,
    REVIEW_WORKFLOW,
    AnchoredComment,
    Assignment,
    AssignmentState,
    CommentKind,
    DocumentVersion,
    RequestStatus,
    Review,
    ReviewRequest,
    ReviewState,
    Severity,
)
from tandem.reviews.services.notices import notify_coordinators
from tandem.reviews.services.rounds import promote_alternate


def accept_assignment(assignment: Assignment, *, by: User) -> Assignment:
    """The reviewer accepts, while the request is in review. Logs
    `reviews.assignment.accepted`."""
    with transaction.atomic():
        # The request first (as closing, withdrawing and sending the report lock it), then the
        # assignment: an answer racing with the end of the review sees the request as it is.
        request_id = (
            Assignment.objects.filter(pk=assignment.pk).values_list("round__request_id").get()[0]
        )
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request_id)
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        assignment.round.request = request
        if assignment.reviewer_id != by.pk:
            raise DomainError(_("Only the invited reviewer can answer."), code="not_yours")
        if request.status != RequestStatus.IN_REVIEW:
            raise TransitionNotAllowed(
                _("This review is over: the request is “%(status)s”.")
                % {"status": request.get_status_display()},
                code="over",
            )
        ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.ACCEPTED)
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "responded_at", "updated"])
        Review.objects.get_or_create(assignment=assignment)
        log_action(assignment, "reviews.assignment.accepted", by=by)
    return assignment


def decline_assignment(assignment: Assignment, *, by: User, reason: str) -> Assignment:
    """Reviewer declines. Frees the seat, promotes the first alternate, logs
    `reviews.assignment.declined`, notifies the coordinators after commit."""
    if not reason.strip():
        raise DomainError(_("Tell us briefly why you decline."), code="reason")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        if assignment.reviewer_id != by.pk:
            raise DomainError(_("Only the invited reviewer can answer."), code="not_yours")
        ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.DECLINED)
        assignment.decline_reason = reason
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "decline_reason", "responded_at", "updated"])
        promoted = promote_alternate(assignment.round, by=by)
        log_action(
            assignment,
            "reviews.assignment.declined",
            by=by,
            data={"reason": reason, "promoted": promoted.pk if promoted else None},
        )
        notify_coordinators(
            kind="reviews.assignment.declined",
            title=gettext_noop("%(name)s declined “%(title)s”"),
            body=VERBATIM,
            params={"name": str(by), "title": str(assignment.round.request), "text": reason},
            url=assignment.round.request.get_absolute_url(),
        )
    return assignment


def _writable_review(assignment: Assignment, by: User) -> Review:
    if assignment.reviewer_id != by.pk:
        raise DomainError(
            _("Only the reviewer of this assignment can write its review."), code="not_yours"
        )
    if assignment.state == AssignmentState.SUBMITTED:
        raise TransitionNotAllowed(_("This review is already sent; it cannot be changed."))
    if assignment.state != AssignmentState.ACCEPTED:
        raise TransitionNotAllowed(_("Accept the assignment before writing the review."))
    review, _created = Review.objects.get_or_create(assignment=assignment)
    return review


def save_review(
    assignment: Assignment, *, by: User, values: Mapping[str, Any], submit: bool = False
) -> Review:
    """Save the grid as a draft or, with `submit`, send it: then every criterion needs a score.
    Logs `reviews.review.saved` or `reviews.review.submitted`; when the last review of the
    round is in, tells the coordinators."""
    allowed = (
        {f"{c}_score" for c in CRITERIA}
        | {f"{c}_comment" for c in CRITERIA}
        | {"burden_suggestions"}
    )
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        review = _writable_review(assignment, by)
        for name, value in values.items():
            if name in allowed:
                setattr(review, name, value)
        if not submit:
            review.save()
            log_action(review, "reviews.review.saved", by=by)
            return review
        missing = [str(c.label) for c in CRITERIA if review.score(c) is None]
        if missing:
            raise DomainError(
                _("Give a score for every criterion before sending: %(missing)s.")
                % {"missing": ", ".join(missing)},
                code="incomplete",
            )
        REVIEW_WORKFLOW.apply(review, ReviewState.SUBMITTED)
        review.submitted_at = timezone.now()
        review.save()
        ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.SUBMITTED)
        assignment.submitted_at = review.submitted_at
        assignment.save(update_fields=["state", "submitted_at", "updated"])
        log_action(
            review, "reviews.review.submitted", by=by, data={"request": assignment.round.request_id}
        )
        round = assignment.round
        still_open = Assignment.objects.filter(round=round, state__in=OPEN_STATES).exists()
        if not still_open:
            notify_coordinators(
                kind="reviews.round.complete",
                title=gettext_noop("All reviews are in for “%(title)s”"),
                params={"title": str(round.request)},
                url=reverse("reviews:consolidate", args=[round.request_id]),
            )
    return review


def submit_review(
    assignment: Assignment,
    *,
    by: User,
    values: Mapping[str, Any],
    comments: Sequence[Mapping[str, Any]] = (),
) -> Review:
    """Send a review in one transaction, all or nothing: first the comments given (each a
    mapping with `version`, the id of a version of the request's documents, `quote`, `comment`
    and optionally `start`, `end`, `suggestion`), anchored as `add_comment` does, then the grid,
    sent as `save_review(submit=True)` does. The page sends its comments one by one beforehand
    and calls this with none; the API sends everything at once. Logs what those two log."""
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round")
            .get(pk=assignment.pk)
        )
        _writable_review(locked, by)
        for given in comments:
            version = (
                DocumentVersion.objects.filter(
                    pk=given["version"], document__request_id=locked.round.request_id
                )
                .select_related("document")
                .first()
            )
            if version is None:
                raise DomainError(
                    _("Unknown document version for this assignment."), code="version"
                )
            add_comment(
                locked,
                by=by,
                version=version,
                quote=given["quote"],
                comment=given["comment"],
                start=given.get("start"),
                end=given.get("end"),
                suggestion=given.get("suggestion") or "",
                kind=given.get("kind") or CommentKind.OTHER,
                severity=given.get("severity") or Severity.MINOR,
            )
        return save_review(locked, by=by, values=values, submit=True)


def add_comment(
    assignment: Assignment,
    *,
    by: User,
    version: DocumentVersion,
    comment: str,
    quote: str,
    start: int | None = None,
    end: int | None = None,
    suggestion: str = "",
    kind: str = CommentKind.OTHER,
    severity: str = Severity.MINOR,
) -> AnchoredComment:
    """Anchor a comment to a passage, with its kind and severity. With offsets (selection in
    the page), the quote must be what the text holds there; without (no JavaScript), the quote
    is looked up in the text. Logs `reviews.comment.added`."""
    if not comment.strip():
        raise DomainError(_("Write your comment."), code="empty")
    if kind not in CommentKind.values or severity not in Severity.values:
        raise DomainError(_("Choose the kind and the severity of the remark."), code="kind")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round")
            .get(pk=assignment.pk)
        )
        review = _writable_review(assignment, by)
        if version.document.request_id != assignment.round.request_id:
            raise DomainError(
                _("This document is not part of your assignment."), code="wrong_document"
            )
        text = version.text
        span: tuple[int, int] | None = None
        if (
            start is not None
            and end is not None
            and 0 <= start < end <= len(text)
            and anchoring.locate(text[start:end], quote) is not None
        ):
            span = (start, end)
        if span is None:
            span = anchoring.locate(text, quote, near=start)
        if span is None:
            raise DomainError(
                _("This passage was not found in the document. Copy it exactly from the text."),
                code="not_found",
            )
        prefix, suffix = anchoring.context(text, *span)
        made = AnchoredComment.objects.create(
            version=version,
            review=review,
            author=by,
            start=span[0],
            end=span[1],
            quote=text[span[0] : span[1]],
            prefix=prefix,
            suffix=suffix,
            comment=comment,
            suggestion=suggestion,
            kind=kind,
            severity=severity,
        )
        log_action(made, "reviews.comment.added", by=by, data={"version": version.pk})
    return made


def delete_comment(comment: AnchoredComment, *, by: User) -> None:
    """Remove a comment of a draft review. Logs `reviews.comment.deleted`."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update(of=("self",)).get(
            review__pk=comment.review_id
        )
        _writable_review(assignment, by)
        comment = AnchoredComment.objects.get(pk=comment.pk)
        log_action(comment, "reviews.comment.deleted", by=by)
        comment.delete()
