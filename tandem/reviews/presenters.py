"""Words for the pages: what blocks the seats of a suggestion, what changed between two versions,
where a request stands, what a person may do with a request (`request_actions`). Why a reviewer
is proposed and what blocks one seat are said in `explanations` (the services record them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.checks.presenters import compare, marked_text, numbered_findings
from tandem.reviews import assignment as optimiser
from tandem.reviews import rules
from tandem.reviews.explanations import blocker_sentence, explain
from tandem.reviews.models import SEAT_STATES, AssignmentState, RequestStatus, ReviewRequest

__all__ = ["blocker_sentence", "compare", "explain", "marked_text", "numbered_findings"]


def blocker_count(code: str, n: int) -> str:
    return {
        optimiser.INACTIVE: ngettext(
            "%(n)d is not active in the College", "%(n)d are not active in the College", n
        ),
        optimiser.UNTRAINED: ngettext(
            "%(n)d has not completed the training", "%(n)d have not completed the training", n
        ),
        optimiser.ALREADY: ngettext(
            "%(n)d is already on this request or declined it",
            "%(n)d are already on this request or declined it",
            n,
        ),
        optimiser.OWN_ORGANIZATION: ngettext(
            "%(n)d belongs to an organization involved in the study",
            "%(n)d belong to an organization involved in the study",
            n,
        ),
        optimiser.DECLARED_CONFLICT: ngettext(
            "%(n)d declared a conflict of interest", "%(n)d declared a conflict of interest", n
        ),
        optimiser.UNAVAILABLE: ngettext(
            "%(n)d is away during the review period", "%(n)d are away during the review period", n
        ),
        optimiser.LANGUAGE: ngettext(
            "%(n)d does not read the language of the documents",
            "%(n)d do not read the language of the documents",
            n,
        ),
        optimiser.FULL: ngettext(
            "%(n)d already has a full load", "%(n)d already have a full load", n
        ),
    }[code] % {"n": n}


def shortfall(result: optimiser.NeedResult, pool_size: int) -> str:
    """Say plainly that no full valid set exists, and what blocks it."""
    if not result.missing:
        return ""
    head = ngettext(
        "Only %(found)d reviewer of the %(wanted)d wanted can be proposed.",
        "Only %(found)d reviewers of the %(wanted)d wanted can be proposed.",
        len(result.chosen),
    ) % {"found": len(result.chosen), "wanted": result.need.wanted}
    if not pool_size:
        return head + " " + _("The College has no reviewer yet.")
    blocked = [
        blocker_count(code, n) for code in optimiser.BLOCKERS if (n := result.blocked.get(code))
    ]
    reasons = (
        _("Of the %(pool)d reviewers in the College: %(reasons)s.")
        % {"pool": pool_size, "reasons": "; ".join(blocked)}
        if blocked
        else ""
    )
    if result.feasible_count > len(result.chosen):
        reasons += " " + _(
            "The other suitable reviewers are needed by other requests in the same suggestion."
        )
    return f"{head} {reasons}".strip()


@dataclass(frozen=True)
class DiffPiece:
    kind: str  # "equal", "insert" or "delete"
    text: str


def diff(before: str, after: str) -> list[DiffPiece]:
    """Word-level difference between two versions of a text (difflib)."""
    a = re.findall(r"\S+|\s+", before)
    b = re.findall(r"\S+|\s+", after)
    pieces: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(DiffPiece("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(DiffPiece("insert", "".join(b[j1:j2])))
    return pieces


STEPS = [
    (RequestStatus.DRAFT, RequestStatus.DRAFT.label),
    (RequestStatus.SUBMITTED, RequestStatus.SUBMITTED.label),
    (RequestStatus.ACCEPTED, RequestStatus.ACCEPTED.label),
    (RequestStatus.IN_REVIEW, RequestStatus.IN_REVIEW.label),
    (RequestStatus.CONSOLIDATING, RequestStatus.CONSOLIDATING.label),
    (RequestStatus.REPORT_SENT, RequestStatus.REPORT_SENT.label),
    (RequestStatus.CLOSED, RequestStatus.CLOSED.label),
]
_ORDER = {
    RequestStatus.DRAFT: 0,
    RequestStatus.SUBMITTED: 1,
    RequestStatus.MISSING_DOCUMENTS: 1,
    RequestStatus.ACCEPTED: 2,
    RequestStatus.IN_REVIEW: 3,
    RequestStatus.CONSOLIDATING: 4,
    RequestStatus.REPORT_SENT: 5,
    RequestStatus.REVISION: 5,
    RequestStatus.CLOSED: 6,
    RequestStatus.DECLINED: 6,
}


def steps(status: str) -> list[dict[str, Any]]:
    """The stages of a request, with the current one marked (an ordered list on the page)."""
    here = _ORDER[RequestStatus(status)]
    return [
        {"label": str(label), "done": i < here, "current": i == here}
        for i, (_code, label) in enumerate(STEPS)
    ]


@dataclass(frozen=True)
class RequestActions:
    """What the person looking at a request may do with it now, for the request page: the
    roles (asked once by the view) combined with the named state predicates of `rules`, the
    same ones the permissions `reviews.send_request`, `reviews.close_request`… are made of."""

    send: bool = False
    upload: bool = False
    answer_comments: bool = False
    triage: bool = False
    choose_reviewers: bool = False
    consolidate: bool = False
    edit_report: bool = False
    open_round: bool = False
    close: bool = False
    edit: bool = False
    delete: bool = False
    withdraw: bool = False


def request_actions(
    request: ReviewRequest, *, is_author: bool, is_coordinator: bool
) -> RequestActions:
    return RequestActions(
        send=is_author and rules.request_can_be_sent(request),
        upload=is_author and rules.request_takes_documents(request),
        answer_comments=is_author and rules.request_comments_to_answer(request),
        triage=is_coordinator and rules.request_awaits_triage(request),
        choose_reviewers=is_coordinator and rules.request_takes_reviewers(request),
        consolidate=is_coordinator and rules.request_can_be_consolidated(request),
        edit_report=is_coordinator and rules.request_report_in_preparation(request),
        open_round=is_coordinator and rules.request_awaits_new_round(request),
        close=is_coordinator and rules.request_can_be_closed(request),
        edit=is_author and rules.request_can_be_edited(request),
        delete=is_author and rules.request_can_be_deleted(request),
        withdraw=is_author and rules.request_can_be_withdrawn(request),
    )


def round_progress(request: ReviewRequest) -> dict[str, Any] | None:
    """Where the current round stands, for the research team during the review: its number and
    deadline, the reviewers holding a seat and the reviews sent (no names)."""
    round = request.current_round
    if round is None:
        return None
    states = list(round.assignments.values_list("state", flat=True))
    return {
        "round": round.number,
        "deadline": round.deadline,
        "seats": sum(1 for s in states if s in SEAT_STATES),
        "reviews_in": sum(1 for s in states if s == AssignmentState.SUBMITTED),
    }


def editable_values(request: ReviewRequest) -> dict[str, Any]:
    """A request's fields its team may correct (`services.update_draft`), as they are now: the
    edit page's initial values and the API's base for a partial change."""
    return {
        "title": request.title,
        "acronym": request.acronym,
        "category": request.category,
        "language": request.language,
        "sponsor_reference": request.sponsor_reference,
        "planned_submission_on": request.planned_submission_on,
        "reviewers_wanted": request.reviewers_wanted,
        "disease_areas": list(request.disease_areas.all()),
        "organizations": list(request.organizations.all()),
    }
