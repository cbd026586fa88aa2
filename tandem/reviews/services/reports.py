"""Consolidation and the report: the draft merged from the reviews, its edition and sending, and
the researcher's answers to the comments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import notify
from tandem.reviews import consolidate, queries, rules
from tandem.reviews.models import (
    ASSIGNMENT_WORKFLOW,
    CRITERIA,
    OPEN_STATES,
    REPORT_WORKFLOW,
    REQUEST_WORKFLOW,
    AnchoredComment,
    AnswerState,
    Assignment,
    AssignmentState,
    ConsolidatedReport,
    ReportStatus,
    RequestStatus,
    ReviewRequest,
    ReviewState,
    Round,
)
from tandem.reviews.services.notices import notify_authors


def draft_report(round: Round) -> dict[str, Any]:
    """Merge the submitted reviews of a round: per criterion, the scores and the comments said
    once; the burden suggestions; the names of reviewers who agreed to be named."""
    assignments = list(queries.round_assignments(round).filter(state=AssignmentState.SUBMITTED))
    reviews = [a.review for a in assignments]
    texts: dict[str, Any] = {}
    scores: dict[str, Any] = {}
    for criterion in CRITERIA:
        texts[f"{criterion}_text"] = consolidate.merge([r.comment(criterion) for r in reviews])
        scores[str(criterion)] = consolidate.ScoreSummary(
            tuple(s for r in reviews if (s := r.score(criterion)) is not None)
        ).as_dict()
    texts["burden_text"] = consolidate.merge([r.burden_suggestions for r in reviews])
    names = [
        str(a.reviewer)
        for a in assignments
        if getattr(getattr(a.reviewer, "reviewer_profile", None), "show_name_to_researchers", False)
    ]
    return {"texts": texts, "scores": scores, "names": names, "count": len(reviews)}


def start_consolidation(
    request: ReviewRequest, *, by: User, force: bool = False
) -> ConsolidatedReport:
    """Close the round's reviewing and draft the report from the reviews received. Without
    `force`, every seated reviewer must have sent their review. Logs
    `reviews.request.consolidating`."""
    with transaction.atomic():
        request = (
            ReviewRequest.objects.select_for_update(of=("self",))
            .select_related("current_round")
            .get(pk=request.pk)
        )
        REQUEST_WORKFLOW.apply(request, RequestStatus.CONSOLIDATING)
        round = request.current_round
        if round is None:
            raise DomainError(_("This request has no review round."), code="no_round")
        submitted = Assignment.objects.filter(round=round, state=AssignmentState.SUBMITTED).count()
        if not submitted:
            raise DomainError(_("No review has been sent yet."), code="no_review")
        if not force and Assignment.objects.filter(round=round, state__in=OPEN_STATES).exists():
            raise DomainError(
                _("Some reviewers have not sent their review yet. Wait, or withdraw them first."),
                code="waiting",
            )
        draft = draft_report(round)
        report, _created = ConsolidatedReport.objects.update_or_create(
            round=round,
            defaults={
                **draft["texts"],
                "scores": draft["scores"],
                "reviewer_names": draft["names"],
            },
        )
        request.save(update_fields=["status", "updated"])
        log_action(request, "reviews.request.consolidating", by=by, data={"reviews": submitted})
    return report


def save_report(
    report: ConsolidatedReport, *, by: User, values: Mapping[str, str]
) -> ConsolidatedReport:
    """The coordinator edits the draft report. Logs `reviews.report.saved`."""
    allowed = {"summary", "burden_text"} | {f"{c}_text" for c in CRITERIA}
    with transaction.atomic():
        report = ConsolidatedReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
        if report.status == ReportStatus.SENT:
            raise TransitionNotAllowed(_("This report is already sent; it cannot be changed."))
        for name, value in values.items():
            if name in allowed:
                setattr(report, name, value)
        report.save()
        log_action(report, "reviews.report.saved", by=by)
    return report


def send_report(report: ConsolidatedReport, *, by: User) -> ConsolidatedReport:
    """Send the consolidated report to the researcher and the delegates (a page and a DOCX
    file). Logs `reviews.report.sent`."""
    with transaction.atomic():
        report = (
            ConsolidatedReport.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=report.pk)
        )
        REPORT_WORKFLOW.apply(report, ReportStatus.SENT)
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(
            pk=report.round.request_id
        )
        REQUEST_WORKFLOW.apply(request, RequestStatus.REPORT_SENT)
        now = timezone.now()
        request.report_sent_at = now
        request.save(update_fields=["status", "report_sent_at", "updated"])
        report.sent_at = now
        report.sent_by = by
        report.save()
        _end_open_assignments(report.round, by=by)
        log_action(report, "reviews.report.sent", by=by, data={"request": request.pk})
        log_action(request, "reviews.request.report_sent", by=by)
        notify_authors(
            request,
            kind="reviews.report.sent",
            title=gettext_noop("The College's report on “%(title)s” is ready"),
            params={"title": str(request)},
        )
    return report


def _end_open_assignments(round: Round, *, by: User) -> None:
    """The report is sent: invitations still open end (nobody can accept any more), reviews
    begun and not sent are withdrawn, alternates are dropped; each reviewer is told."""
    for assignment in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(round=round, state__in=(*OPEN_STATES, AssignmentState.PROPOSED))
        .select_related("reviewer")
    ):
        was = assignment.state
        to = (
            AssignmentState.EXPIRED if was == AssignmentState.INVITED else AssignmentState.DISMISSED
        )
        ASSIGNMENT_WORKFLOW.apply(assignment, to)
        assignment.alternate_rank = None
        assignment.save(update_fields=["state", "alternate_rank", "updated"])
        log_action(assignment, "reviews.assignment.ended", by=by, data={"was": was})
        if was != AssignmentState.PROPOSED:
            notify(
                assignment.reviewer,
                kind="reviews.assignment.ended",
                title=gettext_noop("The report on “%(title)s” is sent: your seat is closed"),
                params={"title": round.request},
                url=reverse("reviews:my_assignments"),
            )


def answer_comment(
    comment: AnchoredComment, *, by: User, accepted: bool, reason: str = ""
) -> AnchoredComment:
    """The researcher answers a comment: taken into account, or not (with a reason). Logs
    `reviews.comment.answered`."""
    if not accepted and not reason.strip():
        raise DomainError(_("Say why this comment is not taken into account."), code="reason")
    with transaction.atomic():
        comment = (
            AnchoredComment.objects.select_for_update(of=("self",))
            .select_related("version__document__request", "review")
            .get(pk=comment.pk)
        )
        request = comment.version.document.request
        if not rules.request_comments_to_answer(request):
            raise TransitionNotAllowed(_("Comments are answered once the report is sent."))
        if comment.review.state != ReviewState.SUBMITTED:
            raise DomainError(_("This comment is not part of a sent review."), code="draft")
        comment.answer = AnswerState.ACCEPTED if accepted else AnswerState.REJECTED
        comment.answer_reason = reason
        comment.answered_at = timezone.now()
        comment.save(update_fields=["answer", "answer_reason", "answered_at", "updated"])
        log_action(comment, "reviews.comment.answered", by=by, data={"accepted": accepted})
    return comment
