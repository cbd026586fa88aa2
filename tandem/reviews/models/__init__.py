"""The College of Reviewers' models, one module per aggregate: the reviewer pool (`pool`),
requests with their documents and versions (`requests`), rounds and assignments (`rounds`), the
review grid and anchored comments (`reviewing`) and the consolidated report (`reports`).

Each workflow is a state machine declared next to its model: a `TextChoices` status and one
`tandem.core.transitions.Workflow` (the table of allowed moves and the message for a forbidden
one), which the services apply and the predicates (`rules.py`) ask."""

from tandem.reviews.models.pool import (
    REVIEWER_WORKFLOW,
    ReviewerProfile,
    ReviewerStatus,
    Unavailability,
)
from tandem.reviews.models.reports import REPORT_WORKFLOW, ConsolidatedReport, ReportStatus
from tandem.reviews.models.requests import (
    ANALYSED_DOCUMENTS,
    ANALYSIS_WORKFLOW,
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    REQUEST_WORKFLOW,
    REQUIRED_DOCUMENTS,
    AnalysisStatus,
    Document,
    DocumentKind,
    DocumentVersion,
    Outcome,
    RequestStatus,
    ReviewRequest,
    _version_upload_to,  # named by migration 0001
)
from tandem.reviews.models.reviewing import (
    CRITERIA,
    REVIEW_WORKFLOW,
    SCORE_LABELS,
    AnchoredComment,
    AnswerState,
    CommentKind,
    Criterion,
    Review,
    ReviewState,
    Severity,
)
from tandem.reviews.models.rounds import (
    ASSIGNMENT_WORKFLOW,
    OPEN_STATES,
    SEAT_STATES,
    Assignment,
    AssignmentState,
    Round,
)

__all__ = [
    "ANALYSED_DOCUMENTS",
    "ANALYSIS_WORKFLOW",
    "ASSIGNMENT_WORKFLOW",
    "CRITERIA",
    "EDITABLE_STATUSES",
    "OPEN_STATES",
    "OPEN_STATUSES",
    "REPORT_WORKFLOW",
    "REQUEST_WORKFLOW",
    "REQUIRED_DOCUMENTS",
    "REVIEWER_WORKFLOW",
    "REVIEW_WORKFLOW",
    "SCORE_LABELS",
    "SEAT_STATES",
    "AnalysisStatus",
    "AnchoredComment",
    "AnswerState",
    "Assignment",
    "AssignmentState",
    "CommentKind",
    "ConsolidatedReport",
    "Criterion",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "Outcome",
    "ReportStatus",
    "RequestStatus",
    "Review",
    "ReviewRequest",
    "ReviewState",
    "ReviewerProfile",
    "ReviewerStatus",
    "Round",
    "Severity",
    "Unavailability",
    "_version_upload_to",
]
