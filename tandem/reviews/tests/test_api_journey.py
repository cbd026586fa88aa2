"""The whole journey through the API alone: a research team, a coordinator and reviewers, each
with their own Bearer token, complete two rounds (request, triage, assignment, reviews with
comments, consolidation, report, answers, a new version, a second round, closing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.services import create_api_token
from tandem.core.models import ActionLogEntry, Notification
from tandem.reviews.models import Assignment, AssignmentState, RequestStatus, ReviewRequest

from .conftest import GRID, LEAFLET, upload


class Api:
    """One person's API client: their Bearer token on every call, JSON bodies."""

    def __init__(self, user):
        _token, key = create_api_token(user, name="test", second_factor=True)
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, name, *args, **params):
        return self.client.get(reverse(name, args=args), params)

    def post(self, name, *args, body=None, multipart=False):
        if multipart:
            return self.client.post(reverse(name, args=args), body or {})
        return self.client.post(
            reverse(name, args=args), body or {}, content_type="application/json"
        )

    def put(self, name, *args, body):
        return self.client.put(reverse(name, args=args), body, content_type="application/json")

    def patch(self, name, *args, body):
        return self.client.patch(reverse(name, args=args), body, content_type="application/json")

    def delete(self, name, *args):
        return self.client.delete(reverse(name, args=args))


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json() if response.content and status != 204 else None


@pytest.fixture
def team(researcher):
    return Api(researcher)


@pytest.fixture
def coord(coordinator):
    return Api(coordinator)


def test_two_full_rounds_through_the_api_alone(
    researcher, coordinator, pool, areas, org, django_capture_on_commit_callbacks
):
    team, coord = Api(researcher), Api(coordinator)
    reviewers = {person.pk: Api(person) for person in pool}
    deadline = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        # The team creates a draft with two documents, corrects it, adds the third, sends it.
        made = ok(
            team.post(
                "api-review-requests",
                body={
                    "title": "Étude brouillon",
                    "category": "riph1",
                    "protocol_summary": upload("Résumé du protocole.", "p.docx"),
                    "leaflet": upload(),
                },
                multipart=True,
            ),
            201,
        )
        pk = made["id"]
        assert made["status"] == RequestStatus.DRAFT
        edited = ok(
            team.patch(
                "api-review-request",
                pk,
                body={
                    "title": "Étude GENOU-CALME",
                    "category": "riph2",
                    "disease_areas": [areas["type1"].pk],
                    "organizations": [org.pk],
                    "reviewers_wanted": 2,
                },
            )
        )
        assert (edited["title"], edited["category"], edited["reviewers_wanted"]) == (
            "Étude GENOU-CALME",
            "riph2",
            2,
        )
        refused = team.post("api-review-send", pk)
        assert refused.status_code == 409 and refused.json()["code"] == "missing_documents"
        ok(
            team.post(
                "api-review-documents",
                pk,
                body={"kind": "consent", "file": upload("Je consens. Je peux arrêter.", "c.docx")},
                multipart=True,
            ),
            201,
        )
        assert ok(team.post("api-review-send", pk))["status"] == RequestStatus.SUBMITTED

    # The coordinator finds it in the queue, asks for a document, then accepts it.
    queue = ok(coord.get("api-review-requests", scope="queue"))["results"]
    assert [r["id"] for r in queue] == [pk]
    asked = ok(
        coord.post(
            "api-review-triage",
            pk,
            body={"decision": "missing_documents", "note": "Le résumé est illisible."},
        )
    )
    assert asked["status"] == RequestStatus.MISSING_DOCUMENTS
    ok(team.post("api-review-send", pk))
    accepted = ok(coord.post("api-review-triage", pk, body={"decision": "accept"}))
    assert accepted["status"] == RequestStatus.ACCEPTED and accepted["current_round"] is None

    # Assignment with the suggestion, passing the round as read.
    suggestion = ok(coord.get("api-review-assignments", pk))
    chosen = [c["reviewer"] for c in suggestion["reviewers"]]
    assert len(chosen) == 2
    ok(
        coord.post(
            "api-review-assignments",
            pk,
            body={
                "reviewers": chosen,
                "alternates": [c["reviewer"] for c in suggestion["alternates"]][:1],
                "deadline": deadline,
                "seen_round": None,
            },
        ),
        201,
    )
    stale = coord.post("api-review-assignments", pk, body={"reviewers": chosen, "seen_round": None})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    # Each reviewer reads the summary, accepts, reads the text, comments, fills the grid, sends.
    comments_made = 0
    for reviewer_pk in chosen:
        api = reviewers[reviewer_pk]
        assignment = ok(api.get("api-assignments"))["results"][0]
        detail = ok(api.get("api-assignment", assignment["id"]))
        summary = next(d for d in detail["documents"] if d["kind"] == "protocol_summary")
        assert "Résumé" in ok(api.get("api-version", summary["id"]))["text"]
        assert api.client.get(summary["download_url"]).status_code == 200
        ok(api.post("api-assignment-accept", assignment["id"]))
        leaflet = next(d for d in detail["documents"] if d["kind"] == "leaflet")
        version = ok(api.get("api-version", leaflet["id"]))
        start = version["text"].index("ponction articulaire")
        ok(
            api.post(
                "api-assignment-comments",
                assignment["id"],
                body={
                    "version": leaflet["id"],
                    "quote": "ponction articulaire",
                    "start": start,
                    "end": start + len("ponction articulaire"),
                    "comment": f"Expliquer ce geste ({reviewer_pk}).",
                },
            ),
            201,
        )
        comments_made += 1
        draft = ok(
            api.put(
                "api-assignment-grid",
                assignment["id"],
                body={"readability_score": 2, "readability_comment": "Long."},
            )
        )
        assert draft["state"] == "draft" and draft["readability_score"] == 2
        sent = ok(api.post("api-assignment-review", assignment["id"], body=GRID))
        assert sent["state"] == AssignmentState.SUBMITTED

    # During the review the team sees the deadline and the progress.
    progress = ok(team.get("api-review-request", pk))["progress"]
    assert progress == {"round": 1, "deadline": deadline, "seats": 2, "reviews_in": 2}

    # Consolidation, edition and sending of the report.
    ok(coord.post("api-review-consolidate", pk), 201)
    ok(coord.patch("api-review-report-draft", pk, body={"summary": "Bon travail."}))
    ok(coord.post("api-review-report-send", pk))
    report = ok(team.get("api-review-report", pk))
    assert report["summary"] == "Bon travail." and report["round"] == 1
    assert sum(len(g["comments"]) for g in report["passages"]) == comments_made
    assert team.client.get(reverse("api-review-report-docx", args=[pk])).status_code == 200

    # The team answers every comment, then uploads a new version, starting the revision.
    comments = ok(team.get("api-review-comments", pk))
    assert len(comments) == comments_made
    first, *others = comments
    refused = team.post("api-comment-answer", first["id"], body={"accepted": False})
    assert refused.status_code == 409 and refused.json()["code"] == "reason"
    ok(team.post("api-comment-answer", first["id"], body={"accepted": False, "reason": "Non."}))
    for comment in others:
        ok(team.post("api-comment-answer", comment["id"], body={"accepted": True}))
    revised = LEAFLET.replace("ponction articulaire", "prise de liquide dans le genou")
    asked = team.post(
        "api-review-documents",
        pk,
        body={"kind": "leaflet", "file": upload(revised)},
        multipart=True,
    )
    assert asked.status_code == 409 and asked.json()["code"] == "revision"
    with django_capture_on_commit_callbacks(execute=True):  # the new version is analysed
        ok(
            team.post(
                "api-review-documents",
                pk,
                body={"kind": "leaflet", "file": upload(revised), "start_revision": "true"},
                multipart=True,
            ),
            201,
        )
    assert ok(team.get("api-review-request", pk))["status"] == RequestStatus.REVISION

    # Round 2: the same reviewers, the new version, and the closing.
    second = ok(coord.post("api-review-rounds", pk, body={"deadline": deadline}))
    assert [r["number"] for r in second["rounds"]] == [1, 2]
    for reviewer_pk in chosen:
        api = reviewers[reviewer_pk]
        mine = ok(api.get("api-assignments"))["results"]
        current = next(a for a in mine if a["round"] == 2)
        ok(api.post("api-assignment-accept", current["id"]))
        ok(api.post("api-assignment-review", current["id"], body=GRID))
    ok(coord.post("api-review-consolidate", pk), 201)
    ok(coord.post("api-review-report-send", pk))
    assert ok(team.get("api-review-report", pk))["round"] == 2
    closed = ok(coord.post("api-review-close", pk, body={"outcome": "revised", "note": "Merci."}))
    assert closed["status"] == RequestStatus.CLOSED and closed["outcome"] == "revised"
    assert (
        Assignment.objects.filter(round__request_id=pk, state=AssignmentState.SUBMITTED).count()
        == 4
    )
    assert ActionLogEntry.objects.filter(action="reviews.request.closed").count() == 1


def test_downloads_accept_the_bearer_token_and_say_what_was_downloaded(
    in_review, researcher, outsider
):
    version = in_review.documents.get(kind="consent").latest_version
    url = ok(Api(researcher).get("api-review-request", in_review.pk))["documents"][0][
        "download_url"
    ]
    response = Api(researcher).client.get(reverse("api-version-download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert url.startswith("/api/v1/document-versions/")
    entry = ActionLogEntry.objects.get(action="reviews.document.downloaded")
    assert entry.data == {"version": version.pk, "kind": "consent", "number": 1, "format": "docx"}
    assert (
        Api(outsider).client.get(reverse("api-version-download", args=[version.pk])).status_code
        == 404
    )
    assert Client().get(reverse("api-version-download", args=[version.pk])).status_code == 401


def test_each_role_lists_what_it_should(in_review, researcher, coordinator, pool, reviewer):
    assert [r["id"] for r in ok(Api(researcher).get("api-review-requests"))["results"]] == [
        in_review.pk
    ]
    assert [
        r["id"] for r in ok(Api(coordinator).get("api-review-requests", scope="queue"))["results"]
    ] == [in_review.pk]
    assert [
        r["id"] for r in ok(Api(pool[0]).get("api-review-requests", scope="reviewing"))["results"]
    ] == [in_review.pk]
    assert ok(Api(pool[3]).get("api-review-requests"))["count"] == 0  # an alternate only
    assert Api(reviewer).get("api-review-requests", scope="queue").status_code == 403
    assert Api(reviewer).get("api-review-requests", scope="nonsense").status_code == 400


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("api-review-triage", {"decision": "accept"}),
        ("api-review-consolidate", {}),
        ("api-review-rounds", {"deadline": "2030-01-01"}),
        ("api-review-close", {"outcome": "unchanged", "note": "x"}),
        ("api-review-report-send", {}),
    ],
)
def test_coordinator_actions_are_not_found_for_other_roles(in_review, researcher, pool, name, body):
    for person in (researcher, pool[0]):
        assert Api(person).post(name, in_review.pk, body=body).status_code == 404
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("api-review-send", {}),
        ("api-review-withdraw", {"reason": "x"}),
    ],
)
def test_team_actions_are_not_found_for_other_roles(in_review, coordinator, pool, name, body):
    for person in (coordinator, pool[0]):
        assert Api(person).post(name, in_review.pk, body=body).status_code == 404


def test_a_refused_action_writes_nothing(in_review, coordinator):
    api = Api(coordinator)
    before = ActionLogEntry.objects.count()
    refused = api.post("api-review-consolidate", in_review.pk)
    assert refused.status_code == 409 and refused.json()["code"] == "no_review"
    assert ActionLogEntry.objects.count() == before
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW


def test_the_team_withdraws_a_request_in_review_and_everyone_is_told(
    in_review, researcher, coordinator, pool
):
    api = Api(researcher)
    refused = api.post("api-review-withdraw", in_review.pk, body={"reason": " "})
    assert refused.status_code == 400
    body = ok(api.post("api-review-withdraw", in_review.pk, body={"reason": "Étude arrêtée."}))
    assert body["status"] == RequestStatus.CLOSED and body["outcome"] == "withdrawn"
    assert not Assignment.objects.filter(
        round__request=in_review, state__in=[AssignmentState.INVITED, AssignmentState.PROPOSED]
    ).exists()
    told = set(
        Notification.objects.filter(kind="reviews.request.withdrawn").values_list(
            "recipient_id", flat=True
        )
    )
    assert {researcher.pk, coordinator.pk, pool[0].pk, pool[1].pk, pool[2].pk} <= told
    assert pool[3].pk not in told  # an alternate never invited


def test_a_sent_request_cannot_be_deleted(submitted, researcher):
    api = Api(researcher)
    assert api.delete("api-review-request", submitted.pk).status_code == 409
    assert ReviewRequest.objects.filter(pk=submitted.pk).exists()


def test_a_draft_is_deleted_with_its_documents(draft, researcher, coordinator):
    assert Api(coordinator).delete("api-review-request", draft.pk).status_code == 404
    assert Api(researcher).delete("api-review-request", draft.pk).status_code == 204
    assert not ReviewRequest.objects.filter(pk=draft.pk).exists()


def test_the_schema_describes_the_errors_of_the_journey(client):
    schema = client.get(reverse("api-schema")).json()
    operation = schema["paths"]["/api/v1/review-requests/{id}/triage"]["post"]
    assert {"400", "401", "403", "404", "409"} <= set(operation["responses"])
    download = schema["paths"]["/api/v1/document-versions/{id}/download"]["get"]
    assert {"401", "404"} <= set(download["responses"])
