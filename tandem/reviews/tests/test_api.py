"""The API: the same rules as the pages (own requests, 404 by id, coordinator-only suggestion)."""

from __future__ import annotations

from django.urls import reverse

from tandem.core.models import ActionLogEntry
from tandem.reviews.models import (
    Assignment,
    AssignmentState,
    DocumentVersion,
    RequestStatus,
    ReviewRequest,
)

from .conftest import GRID, review_all, upload


def test_a_researcher_creates_and_sends_a_request_with_documents(
    client, researcher, areas, django_capture_on_commit_callbacks
):
    client.force_login(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api-review-requests"),
            {
                "title": "API study",
                "category": "riph1",
                "disease_areas": [areas["type1"].pk],
                "protocol_summary": upload("Résumé.", "p.docx"),
                "leaflet": upload(),
                "consent": upload("Je consens.", "c.docx"),
                "submit": "true",
            },
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == RequestStatus.SUBMITTED
    assert {d["kind"] for d in body["documents"]} == {"protocol_summary", "leaflet", "consent"}
    assert client.get(reverse("api-review-requests")).json()["count"] == 1


def test_missing_documents_are_a_clear_conflict(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("api-review-requests"),
        {"title": "X", "category": "riph1", "submit": "true"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "missing documents" in response.json()["detail"]


def test_a_refused_submission_writes_nothing_however_often_it_is_retried(client, researcher, areas):
    client.force_login(researcher)
    for _ in range(2):
        response = client.post(
            reverse("api-review-requests"),
            {
                "title": "Sans consentement",
                "category": "riph1",
                "protocol_summary": upload("Résumé.", "p.docx"),
                "leaflet": upload(),
                "submit": "true",
            },
        )
        assert response.status_code == 409
        assert response.json()["code"] == "missing_documents"
        assert "Consent form" in response.json()["detail"]
    assert not ReviewRequest.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert not ActionLogEntry.objects.exists()
    assert client.get(reverse("api-review-requests")).json()["count"] == 0


def test_only_researchers_and_coordinators_create_requests(client, reviewer):
    client.force_login(reviewer)
    assert (
        client.post(
            reverse("api-review-requests"),
            {"title": "X", "category": "riph1"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_a_reviewer_cannot_read_another_request_by_id(client, in_review, reviewer, pool):
    client.force_login(reviewer)
    assert client.get(reverse("api-review-request", args=[in_review.pk])).status_code == 404
    client.force_login(pool[0])
    body = client.get(reverse("api-review-request", args=[in_review.pk])).json()
    assert body["report"] is None and body["rounds"][0]["number"] == 1
    assert client.get(reverse("api-review-report", args=[in_review.pk])).status_code == 404


def test_the_coordinator_gets_a_suggestion_and_assigns(
    client, accepted, coordinator, researcher, pool
):
    client.force_login(researcher)
    assert client.get(reverse("api-review-assignments", args=[accepted.pk])).status_code == 404
    client.force_login(coordinator)
    suggestion = client.get(reverse("api-review-assignments", args=[accepted.pk])).json()
    assert [s["name"].split()[0] for s in suggestion["reviewers"]][:1] == ["Ana"]
    response = client.post(
        reverse("api-review-assignments", args=[accepted.pk]),
        {
            "reviewers": [s["reviewer"] for s in suggestion["reviewers"]],
            "alternates": [s["reviewer"] for s in suggestion["alternates"]],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Assignment.objects.filter(state=AssignmentState.INVITED).count() == 3


def test_a_reviewer_accepts_and_submits_the_grid_with_comments(client, in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    client.force_login(pool[0])
    mine = client.get(reverse("api-assignments")).json()["results"]
    assert [a["id"] for a in mine] == [assignment.pk]
    assert (
        client.post(reverse("api-assignment-accept", args=[assignment.pk])).json()["state"]
        == "accepted"
    )
    version = in_review.documents.get(kind="leaflet").latest_version
    payload = {
        **GRID,
        "comments": [
            {"version": version.pk, "quote": "ponction articulaire", "comment": "Expliquer"}
        ],
    }
    response = client.post(
        reverse("api-assignment-review", args=[assignment.pk]),
        payload,
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    again = client.post(
        reverse("api-assignment-review", args=[assignment.pk]),
        payload,
        content_type="application/json",
    )
    assert again.status_code == 409
    assert version.comments.count() == 1


def test_a_reviewer_cannot_act_on_someone_elses_assignment(client, in_review, pool):
    other = Assignment.objects.get(round=in_review.current_round, reviewer=pool[1])
    client.force_login(pool[0])
    assert (
        client.post(
            reverse("api-assignment-decline", args=[other.pk]),
            {"reason": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_the_researcher_reads_the_report(client, in_review, coordinator, researcher):
    from tandem.reviews import services

    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    client.force_login(researcher)
    report = client.get(reverse("api-review-report", args=[in_review.pk])).json()
    assert report["criteria"][0]["criterion"] == "readability"
    assert report["reviewer_names"] == []


def test_the_schema_stays_valid(client):
    assert client.get(reverse("api-schema")).status_code == 200


def test_a_sent_report_is_refused_to_reviewers_and_outsiders(
    client, in_review, coordinator, researcher, pool, outsider
):
    """The report exists: a 404 here comes from the permission check, not from its absence."""
    from tandem.reviews import services

    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    url = reverse("api-review-report", args=[in_review.pk])
    for allowed in (researcher, coordinator):
        client.force_login(allowed)
        assert client.get(url).status_code == 200
    for refused in (pool[0], outsider):
        client.force_login(refused)
        assert client.get(url).status_code == 404
    client.force_login(pool[0])  # seated, so the request itself is visible, but not its report
    body = client.get(reverse("api-review-request", args=[in_review.pk])).json()
    assert body["report"] is None
