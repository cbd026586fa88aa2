"""Named predicates of the College of Reviewers (STYLE.md 10). Which objects a person may see is
decided by `queries`; these say what a role may do, and what an object's state allows.

State predicates take the object only and ask its workflow (`models`, `tandem.core.transitions`)
rather than comparing raw statuses; the services guard with the same ones. They are registered
as rules (`reviews.<object>.<predicate>`) for templates (`{% test_rule %}`), and combined with
the roles into permissions (`user.has_perm("reviews.close_request", request)`) for views and
the API. `presenters.request_actions` gathers them for the request page."""

from __future__ import annotations

from typing import Any

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role
from tandem.reviews.models import (
    ANALYSIS_WORKFLOW,
    ASSIGNMENT_WORKFLOW,
    EDITABLE_STATUSES,
    REQUEST_WORKFLOW,
    REVIEW_WORKFLOW,
    REVIEWER_WORKFLOW,
    AnalysisStatus,
    Assignment,
    AssignmentState,
    DocumentVersion,
    RequestStatus,
    Review,
    ReviewerProfile,
    ReviewerStatus,
    ReviewRequest,
    ReviewState,
)

is_coordinator = has_role(Role.COORDINATOR, Role.ADMIN)
is_reviewer = has_role(Role.REVIEWER)
is_researcher = has_role(Role.RESEARCHER)
can_apply = has_role(Role.MEMBER, Role.REVIEWER)


@rules.predicate
def is_submitter(user: Any, request: Any) -> bool:
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    if request.submitted_by_id == user.pk:
        return True
    return any(d.pk == user.pk for d in request.delegates.all())


@rules.predicate
def has_sent_review_in(user: Any, round: Any) -> bool:
    """The person sent their own review in this round (pretalx's rule: read the others' reviews
    only once yours is in)."""
    if round is None or not getattr(user, "is_authenticated", False):
        return False
    from tandem.reviews.queries import rounds_reviewed_by

    return rounds_reviewed_by(user).filter(pk=round.pk).exists()


# --- What a request's state allows ----------------------------------------------------------


def request_can_be_sent(request: ReviewRequest) -> bool:
    """A draft, or a request whose documents were asked for."""
    return REQUEST_WORKFLOW.can(request, RequestStatus.SUBMITTED)


def request_takes_documents(request: ReviewRequest) -> bool:
    """Its authors may upload documents (after a report, uploading starts the revision)."""
    return request.status in EDITABLE_STATUSES


def request_can_be_edited(request: ReviewRequest) -> bool:
    """Its authors may still correct it: a draft, or a request whose documents were asked for."""
    return request.status in (RequestStatus.DRAFT, RequestStatus.MISSING_DOCUMENTS)


def request_can_be_deleted(request: ReviewRequest) -> bool:
    return request.status == RequestStatus.DRAFT


def request_can_be_withdrawn(request: ReviewRequest) -> bool:
    """Sent and not ended: its team may withdraw it (a draft is deleted instead)."""
    return request.status != RequestStatus.DRAFT and REQUEST_WORKFLOW.can(
        request, RequestStatus.CLOSED
    )


def request_awaits_triage(request: ReviewRequest) -> bool:
    """Sent (or sent again) and not yet accepted or declined."""
    return request.status in (RequestStatus.SUBMITTED, RequestStatus.MISSING_DOCUMENTS)


def request_takes_reviewers(request: ReviewRequest) -> bool:
    """The coordinator chooses or completes the reviewers of the current round."""
    return request.status in (RequestStatus.ACCEPTED, RequestStatus.IN_REVIEW)


def request_can_be_consolidated(request: ReviewRequest) -> bool:
    return REQUEST_WORKFLOW.can(request, RequestStatus.CONSOLIDATING)


def request_report_in_preparation(request: ReviewRequest) -> bool:
    return REQUEST_WORKFLOW.can(request, RequestStatus.REPORT_SENT)


def request_comments_to_answer(request: ReviewRequest) -> bool:
    """The report is sent: the authors answer the comments while they revise."""
    return request.status in (RequestStatus.REPORT_SENT, RequestStatus.REVISION)


def request_awaits_new_round(request: ReviewRequest) -> bool:
    """Being revised: the coordinator may open a new round with the same reviewers."""
    return request.status == RequestStatus.REVISION


def request_can_be_closed(request: ReviewRequest) -> bool:
    return REQUEST_WORKFLOW.can(request, RequestStatus.CLOSED)


def request_ends_before_report(request: ReviewRequest) -> bool:
    """Closing or withdrawing it now needs a reason: no report was sent yet."""
    return request.report_sent_at is None


# --- What an assignment, a review, a reviewer or a version allows ----------------------------


def assignment_awaits_answer(assignment: Assignment) -> bool:
    """Invited: the reviewer accepts or declines."""
    return ASSIGNMENT_WORKFLOW.can(assignment, AssignmentState.ACCEPTED)


def assignment_can_be_withdrawn(assignment: Assignment) -> bool:
    return ASSIGNMENT_WORKFLOW.can(assignment, AssignmentState.DISMISSED)


def assignment_is_writable(assignment: Assignment) -> bool:
    """Accepted: the review is being written and may be sent."""
    return ASSIGNMENT_WORKFLOW.can(assignment, AssignmentState.SUBMITTED)


def assignment_review_sent(assignment: Assignment) -> bool:
    return assignment.state == AssignmentState.SUBMITTED


def assignment_ended_without_review(assignment: Assignment) -> bool:
    """Declined, expired or withdrawn: nothing is left to read or write."""
    return assignment.state in (
        AssignmentState.DECLINED,
        AssignmentState.EXPIRED,
        AssignmentState.DISMISSED,
    )


def review_is_draft(review: Review | None) -> bool:
    return review is not None and REVIEW_WORKFLOW.can(review, ReviewState.SUBMITTED)


def reviewer_is_applicant(profile: ReviewerProfile) -> bool:
    """An application waiting for validation."""
    return profile.status == ReviewerStatus.APPLIED


def reviewer_can_be_activated(profile: ReviewerProfile) -> bool:
    """Inactive (an application is validated, not activated)."""
    return not reviewer_is_applicant(profile) and REVIEWER_WORKFLOW.can(
        profile, ReviewerStatus.ACTIVE
    )


def analysis_in_progress(version: DocumentVersion) -> bool:
    """Waiting or running: the analysis has somewhere left to go."""
    return bool(ANALYSIS_WORKFLOW.allowed_targets(version))


def analysis_failed(version: DocumentVersion) -> bool:
    return version.analysis_status == AnalysisStatus.FAILED


def _state(function: Any) -> rules.Predicate:
    """A rules predicate over the object only (`{% test_rule name obj as var %}`)."""
    return rules.predicate(lambda obj: obj is not None and function(obj), name=function.__name__)


for _name, _function in {
    "request.can_be_sent": request_can_be_sent,
    "request.takes_documents": request_takes_documents,
    "request.awaits_triage": request_awaits_triage,
    "request.takes_reviewers": request_takes_reviewers,
    "request.can_be_consolidated": request_can_be_consolidated,
    "request.report_in_preparation": request_report_in_preparation,
    "request.comments_to_answer": request_comments_to_answer,
    "request.awaits_new_round": request_awaits_new_round,
    "request.can_be_closed": request_can_be_closed,
    "request.can_be_edited": request_can_be_edited,
    "request.can_be_deleted": request_can_be_deleted,
    "request.can_be_withdrawn": request_can_be_withdrawn,
    "request.ends_before_report": request_ends_before_report,
    "assignment.awaits_answer": assignment_awaits_answer,
    "assignment.can_be_withdrawn": assignment_can_be_withdrawn,
    "assignment.is_writable": assignment_is_writable,
    "assignment.review_sent": assignment_review_sent,
    "review.is_draft": review_is_draft,
    "reviewer.is_applicant": reviewer_is_applicant,
    "reviewer.can_be_activated": reviewer_can_be_activated,
    "version.analysis_in_progress": analysis_in_progress,
    "version.analysis_failed": analysis_failed,
}.items():
    rules.add_rule(f"reviews.{_name}", _state(_function))


def _on(function: Any) -> rules.Predicate:
    """A rules predicate (user, object) true when the object's state allows it."""
    return rules.predicate(
        lambda user, obj: obj is not None and function(obj), name=function.__name__
    )


rules.add_perm("reviews.coordinate", is_coordinator)
# Reviews and comments of a round: the workspace and the comparison of versions both ask this.
rules.add_perm("reviews.read_round_reviews", is_coordinator | has_sent_review_in)
rules.add_perm("reviews.submit_request", is_researcher | is_coordinator)
rules.add_perm("reviews.review", is_reviewer)
rules.add_perm("reviews.apply", can_apply)
rules.add_perm("reviews.act_for_request", is_submitter)
# What may be done with one request (the request page shows these actions, the API may ask).
rules.add_perm("reviews.send_request", is_submitter & _on(request_can_be_sent))
rules.add_perm("reviews.upload_document", is_submitter & _on(request_takes_documents))
rules.add_perm("reviews.answer_comments", is_submitter & _on(request_comments_to_answer))
rules.add_perm("reviews.triage_request", is_coordinator & _on(request_awaits_triage))
rules.add_perm("reviews.assign_reviewers", is_coordinator & _on(request_takes_reviewers))
rules.add_perm("reviews.consolidate_request", is_coordinator & _on(request_can_be_consolidated))
rules.add_perm("reviews.edit_report", is_coordinator & _on(request_report_in_preparation))
rules.add_perm("reviews.open_round", is_coordinator & _on(request_awaits_new_round))
rules.add_perm("reviews.close_request", is_coordinator & _on(request_can_be_closed))
rules.add_perm("reviews.edit_request", is_submitter & _on(request_can_be_edited))
rules.add_perm("reviews.delete_request", is_submitter & _on(request_can_be_deleted))
rules.add_perm("reviews.withdraw_request", is_submitter & _on(request_can_be_withdrawn))
