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

from tandem.checks.presenters import compare, in_reader_language, marked_text
from tandem.checks.presenters import numbered_findings as _numbered
from tandem.core.formatting import join_clauses
from tandem.reviews import assignment as optimiser
from tandem.reviews import rules
from tandem.reviews.explanations import blocker_sentence, explain
from tandem.reviews.models import SEAT_STATES, AssignmentState, RequestStatus, ReviewRequest

__all__ = ["blocker_sentence", "compare", "explain", "marked_text", "numbered_findings"]


def numbered_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The analyzer's notes, numbered, their messages in the reader's language (the analysis
    wrote them in the language of whoever uploaded the document)."""
    from django.utils.translation import get_language

    return _numbered(in_reader_language(report, get_language() or "fr"))


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
        % {"pool": pool_size, "reasons": join_clauses(blocked)}
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


@dataclass(frozen=True)
class DiffRow:
    """One sentence of the earlier version beside the sentence that replaced it: `equal`,
    `changed` (words struck or added within), `removed` (no sentence after) or `added` (none
    before)."""

    kind: str
    before: list[DiffPiece]
    after: list[DiffPiece]


_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+")
_PAIRS_FROM = 0.4  # two sentences this similar (difflib ratio, words) are one sentence rewritten


def sentences(text: str) -> list[str]:
    """The sentences of a text (and its lines: titles, list items), without their spaces."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _words(sentence: str) -> list[str]:
    return sentence.split()


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _word_diff(before: str, after: str) -> tuple[list[DiffPiece], list[DiffPiece]]:
    """Word-level changes within a rewritten sentence. Words, never spaces, are compared, so a
    removed word and the one that replaced it are never run together: each side reads as a
    sentence with its own words marked."""
    a, b = _words(before), _words(after)
    left: list[DiffPiece] = []
    right: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(DiffPiece("equal", " ".join(a[i1:i2])))
            right.append(DiffPiece("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(DiffPiece("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            right.append(DiffPiece("insert", " ".join(b[j1:j2])))
    return left, right


def _pair(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """The best order-keeping pairing of two runs of differing sentences (most similarity in
    all, pairs only above `_PAIRS_FROM`); the others stand alone. A small dynamic programme: the
    runs are the sentences between two unchanged ones."""
    n, m = len(a), len(b)
    ratio = [[_similarity(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = ratio[i][j] + best[i + 1][j + 1] if ratio[i][j] >= _PAIRS_FROM else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if ratio[i][j] >= _PAIRS_FROM and best[i][j] == ratio[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return pairs


def diff(before: str, after: str) -> list[DiffRow]:
    """Two versions of a text aligned sentence by sentence (the page shows them side by side on
    a wide screen, one above the other on a phone), with word-level changes within the
    sentences that were rewritten."""
    a, b = sentences(before), sentences(after)
    key = [" ".join(_words(x)) for x in a], [" ".join(_words(y)) for y in b]
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow("equal", [DiffPiece("equal", x)], [DiffPiece("equal", y)])
                for x, y in zip(a[i1:i2], b[j1:j2], strict=True)
            ]
            continue
        for i, j in _pair(a[i1:i2], b[j1:j2]):
            if i is not None and j is not None:
                left, right = _word_diff(a[i1 + i], b[j1 + j])
                rows.append(DiffRow("changed", left, right))
            elif i is not None:
                rows.append(DiffRow("removed", [DiffPiece("delete", a[i1 + i])], []))
            elif j is not None:
                rows.append(DiffRow("added", [], [DiffPiece("insert", b[j1 + j])]))
    return rows


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


def assign_choices(
    pool: list[tuple[int, str]], result: optimiser.NeedResult, blockers: dict[int, str]
) -> list[tuple[int, str]]:
    """The people of the assignment form, in the suggestion's order: the suggested reviewers,
    then the alternates in their ranking (the order kept for the alternates ticked), then the
    others who could review, then those who cannot, each marked with why (a conflict of
    interest, a full load…)."""
    ranked = [c.candidate.id for c in (*result.chosen, *result.alternates)]
    rank = {person: i for i, person in enumerate(ranked)}
    names = dict(pool)

    def order(person: int) -> tuple[int, int, str]:
        if person in rank:
            return (0, rank[person], "")
        return (2 if person in blockers else 1, 0, names[person].casefold())

    return [
        (
            person,
            _("%(name)s — cannot review: %(why)s")
            % {"name": names[person], "why": blocker_sentence(blockers[person])}
            if person in blockers
            else names[person],
        )
        for person in sorted(names, key=order)
    ]
