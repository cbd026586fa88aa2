"""The page and the API call the same services: the same action records the same data (the
action log and what the objects keep) wherever it comes from."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tandem.core.models import ActionLogEntry
from tandem.reviews.models import AnchoredComment, Assignment, DocumentVersion, Review

from .conftest import GRID


class _Undo(Exception):
    pass


def _recorded(since: int) -> dict:
    """What the action wrote: the log entries after `since` and the assignments, by person."""
    entries = ActionLogEntry.objects.filter(pk__gt=since).order_by("pk")
    return {
        "log": [(e.action, e.actor_id, e.object_repr, e.data) for e in entries],
        "assignments": sorted(
            Assignment.objects.values_list(
                "reviewer_id", "state", "reason_code", "reason_params", "alternate_rank", "due"
            )
        ),
        "reviews": sorted(
            Review.objects.values_list(
                "assignment__reviewer_id",
                "state",
                *(name for name in GRID if name != "burden_suggestions"),
                "burden_suggestions",
            )
        ),
        "comments": sorted(
            AnchoredComment.objects.values_list(
                "author_id", "version_id", "start", "end", "quote", "comment", "suggestion"
            )
        ),
    }


def _each_way(ways: dict) -> dict:
    """Run each way from the same starting point (rolled back after each) and return what each
    recorded."""
    recorded = {}
    for name, way in ways.items():
        since = ActionLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with pytest.raises(_Undo), transaction.atomic():
            way()
            recorded[name] = _recorded(since)
            raise _Undo
    return recorded


def test_assigning_through_the_page_or_the_api_records_the_same_reasons_and_log(
    client, accepted, coordinator, pool
):
    client.force_login(coordinator)
    choice = {"reviewers": [pool[0].pk, pool[1].pk], "alternates": [pool[3].pk]}

    def page():
        response = client.post(
            reverse("reviews:assign", args=[accepted.pk]), {**choice, "deadline": "2099-01-01"}
        )
        assert response.status_code == 302

    def api():
        response = client.post(
            reverse("api-review-assignments", args=[accepted.pk]),
            {**choice, "deadline": "2099-01-01"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    recorded = _each_way({"page": page, "api": api})
    assert recorded["page"] == recorded["api"]
    reasons = {row[0]: (row[2], row[3]) for row in recorded["api"]["assignments"]}
    # The suggestion's reason (a code and its values) is kept on each assignment it named,
    # whoever assigned.
    code, params = reasons[pool[0].pk]
    assert code == "suggested" and params["affinity"] == "exact"
    assert [entry[0] for entry in recorded["api"]["log"]] == [
        "reviews.round.opened",
        "reviews.assignment.invited",
        "reviews.assignment.invited",
        "reviews.assignment.alternate",
    ]


def test_sending_a_review_through_the_page_or_the_api_records_the_same(client, in_review, pool):
    from tandem.reviews import services

    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    quote = "ponction articulaire"
    start = leaflet.text.index(quote)
    comment = {"quote": quote, "start": start, "end": start + len(quote), "comment": "Expliquer."}
    client.force_login(pool[0])

    def page():
        response = client.post(
            reverse("reviews:add_comment", args=[assignment.pk]),
            {**comment, "version": leaflet.pk, "suggestion": "", "document": "leaflet"},
        )
        assert response.status_code == 302, response.content
        response = client.post(
            reverse("reviews:grid", args=[assignment.pk]), {**GRID, "submit": "1"}
        )
        assert response.status_code == 302
        assert client.post(reverse("reviews:send_review", args=[assignment.pk])).status_code == 302

    def api():
        response = client.post(
            reverse("api-assignment-review", args=[assignment.pk]),
            {**GRID, "comments": [{**comment, "version": leaflet.pk}]},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content

    recorded = _each_way({"page": page, "api": api})
    # The page saves the grid as a draft before its confirmation step; then the same.
    saved = [e for e in recorded["page"]["log"] if e[0] == "reviews.review.saved"]
    assert len(saved) == 1
    recorded["page"]["log"] = [e for e in recorded["page"]["log"] if e not in saved]
    assert recorded["page"] == recorded["api"]
    assert [entry[0] for entry in recorded["api"]["log"]] == [
        "reviews.comment.added",
        "reviews.review.submitted",
    ]
