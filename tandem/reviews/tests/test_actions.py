"""What may be done with a request comes from named predicates over its workflow: the request
page shows exactly those actions, and the permissions made of the same predicates agree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.reviews import presenters
from tandem.reviews.models import RequestStatus, ReviewRequest

# Status → the actions of the authors and of the coordinator (what the page offered before the
# predicates, status by status).
EXPECTED = {
    RequestStatus.DRAFT: ({"send", "upload", "edit", "delete"}, set()),
    RequestStatus.SUBMITTED: ({"upload", "withdraw"}, {"triage", "close"}),
    RequestStatus.MISSING_DOCUMENTS: (
        {"send", "upload", "edit", "withdraw"},
        {"triage", "close"},
    ),
    RequestStatus.ACCEPTED: ({"withdraw"}, {"choose_reviewers", "close"}),
    RequestStatus.IN_REVIEW: ({"withdraw"}, {"choose_reviewers", "consolidate", "close"}),
    RequestStatus.CONSOLIDATING: ({"withdraw"}, {"edit_report", "close"}),
    RequestStatus.REPORT_SENT: ({"upload", "answer_comments", "withdraw"}, {"close"}),
    RequestStatus.REVISION: (
        {"upload", "answer_comments", "withdraw"},
        {"open_round", "close"},
    ),
    RequestStatus.CLOSED: (set(), set()),
    RequestStatus.DECLINED: (set(), set()),
}


def _true(actions: presenters.RequestActions) -> set[str]:
    return {name for name, value in vars(actions).items() if value}


@pytest.mark.parametrize("status", list(RequestStatus))
def test_each_status_allows_the_actions_its_workflow_allows(status):
    request = ReviewRequest(status=status)
    authors, coordinator = EXPECTED[status]
    assert _true(presenters.request_actions(request, is_author=True, is_coordinator=False)) == (
        authors
    )
    assert _true(presenters.request_actions(request, is_author=False, is_coordinator=True)) == (
        coordinator
    )
    assert _true(presenters.request_actions(request, is_author=False, is_coordinator=False)) == (
        set()
    )


PERMISSIONS = {
    "send": "reviews.send_request",
    "upload": "reviews.upload_document",
    "answer_comments": "reviews.answer_comments",
    "triage": "reviews.triage_request",
    "choose_reviewers": "reviews.assign_reviewers",
    "consolidate": "reviews.consolidate_request",
    "edit_report": "reviews.edit_report",
    "open_round": "reviews.open_round",
    "close": "reviews.close_request",
    "edit": "reviews.edit_request",
    "delete": "reviews.delete_request",
    "withdraw": "reviews.withdraw_request",
}


def test_the_permissions_agree_with_the_page(draft, researcher, coordinator, outsider):
    for status in RequestStatus:
        draft.status = status
        authors, coordinators = EXPECTED[status]
        for action, permission in PERMISSIONS.items():
            assert researcher.has_perm(permission, draft) == (action in authors), permission
            assert coordinator.has_perm(permission, draft) == (action in coordinators), permission
            assert not outsider.has_perm(permission, draft)


def test_the_request_page_offers_what_the_predicates_allow(client, in_review, coordinator):
    client.force_login(coordinator)
    text = client.get(reverse("reviews:request", args=[in_review.pk])).content.decode()
    assert reverse("reviews:assign", args=[in_review.pk]) in text
    assert reverse("reviews:consolidate", args=[in_review.pk]) in text
    assert reverse("reviews:close", args=[in_review.pk]) in text  # at any stage, with a reason
    assert reverse("reviews:triage", args=[in_review.pk]) not in text
