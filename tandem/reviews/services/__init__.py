"""Writes of the College of Reviewers, one module per aggregate: the reviewer pool (`pool`),
requests and their documents (`requests`), the documents' analysis (`analysis`), rounds and
assignment (`rounds`), reviewing (`reviewing`), consolidation and the report (`reports`) and the
reminders (`reminders`).

Each state change is one function: it owns the transaction, locks and re-reads what it changes
(`select_for_update`), moves workflows only through their `Workflow` (models), logs the action
and schedules notifications and tasks after the commit. Forbidden changes raise a translated
DomainError and change nothing. Pages, the API, commands and tasks all call them as
`services.<function>`; the package re-exports them so that callers need not know the module."""

from tandem.reviews.services.analysis import analyse_version, reanchor_comments
from tandem.reviews.services.pool import (
    add_unavailability,
    apply_to_college,
    invite_reviewer,
    set_reviewer_status,
    update_reviewer_profile,
    validate_application,
    waive_training,
)
from tandem.reviews.services.reminders import send_reminders
from tandem.reviews.services.reports import (
    answer_comment,
    draft_report,
    save_report,
    send_report,
    start_consolidation,
)
from tandem.reviews.services.requests import (
    accept_request,
    add_document_version,
    ask_for_documents,
    close_request,
    create_request,
    decline_request,
    delete_draft,
    submit_request,
    update_draft,
    withdraw_request,
)
from tandem.reviews.services.reviewing import (
    accept_assignment,
    add_comment,
    decline_assignment,
    delete_comment,
    save_review,
    submit_review,
)
from tandem.reviews.services.rounds import (
    assign,
    assign_reviewers,
    dismiss_assignment,
    expire_assignment,
    open_new_round,
    open_round,
    promote_alternate,
    suggest_reviewers,
    suggestion_reasons,
)

__all__ = [
    "accept_assignment",
    "accept_request",
    "add_comment",
    "add_document_version",
    "add_unavailability",
    "analyse_version",
    "answer_comment",
    "apply_to_college",
    "ask_for_documents",
    "assign",
    "assign_reviewers",
    "close_request",
    "create_request",
    "decline_assignment",
    "decline_request",
    "delete_comment",
    "delete_draft",
    "dismiss_assignment",
    "draft_report",
    "expire_assignment",
    "invite_reviewer",
    "open_new_round",
    "open_round",
    "promote_alternate",
    "reanchor_comments",
    "save_report",
    "save_review",
    "send_reminders",
    "send_report",
    "set_reviewer_status",
    "start_consolidation",
    "submit_request",
    "submit_review",
    "suggest_reviewers",
    "suggestion_reasons",
    "update_draft",
    "update_reviewer_profile",
    "validate_application",
    "waive_training",
    "withdraw_request",
]
