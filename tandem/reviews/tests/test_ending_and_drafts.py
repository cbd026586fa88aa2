"""Every request can end: closed by the coordinator or withdrawn by its team at any stage, with a
reason, everyone involved told; drafts are edited and deleted; open invitations end when the
report is sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry, Notification
from tandem.reviews import services
from tandem.reviews.models import (
    Assignment,
    AssignmentState,
    DocumentVersion,
    Outcome,
    RequestStatus,
    ReviewRequest,
)

from .conftest import GRID


def test_a_request_in_review_with_every_seat_withdrawn_can_be_closed(in_review, coordinator):
    for assignment in Assignment.objects.filter(round=in_review.current_round):
        if assignment.state != AssignmentState.DISMISSED:
            services.dismiss_assignment(assignment, by=coordinator, promote=False)
    with pytest.raises(DomainError) as refused:
        services.close_request(in_review, by=coordinator, outcome=Outcome.UNCHANGED, note="")
    assert refused.value.code == "reason"
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW
    closed = services.close_request(
        in_review, by=coordinator, outcome=Outcome.UNCHANGED, note="Plus de relecteurs."
    )
    assert closed.status == RequestStatus.CLOSED and closed.outcome_note == "Plus de relecteurs."


@pytest.mark.parametrize("stage", ["submitted", "accepted", "in_review"])
def test_the_team_withdraws_at_any_stage(request, stage, researcher, coordinator):
    review_request = request.getfixturevalue(stage)
    withdrawn = services.withdraw_request(review_request, by=researcher, reason="Étude arrêtée.")
    assert (withdrawn.status, withdrawn.outcome) == (RequestStatus.CLOSED, Outcome.WITHDRAWN)
    assert Notification.objects.filter(
        recipient=coordinator, kind="reviews.request.withdrawn"
    ).exists()


def test_only_the_team_withdraws_and_a_draft_is_not_withdrawn(draft, submitted, coordinator):
    with pytest.raises(DomainError) as refused:
        services.withdraw_request(submitted, by=coordinator, reason="x")
    assert refused.value.code == "not_yours"
    assert ReviewRequest.objects.get(pk=submitted.pk).status == RequestStatus.SUBMITTED


def test_open_invitations_end_when_the_report_is_sent(in_review, coordinator, pool):
    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(first, by=pool[0])
    services.save_review(first, by=pool[0], values=GRID, submit=True)
    report = services.start_consolidation(in_review, by=coordinator, force=True)
    services.send_report(report, by=coordinator)
    states = dict(
        Assignment.objects.filter(round=in_review.current_round).values_list("reviewer_id", "state")
    )
    assert states[pool[0].pk] == AssignmentState.SUBMITTED
    assert states[pool[1].pk] == states[pool[2].pk] == AssignmentState.EXPIRED
    assert states[pool[3].pk] == AssignmentState.DISMISSED  # the alternate
    late = Assignment.objects.get(round=in_review.current_round, reviewer=pool[1])
    with pytest.raises(DomainError):
        services.accept_assignment(late, by=pool[1])
    assert Notification.objects.filter(recipient=pool[1], kind="reviews.assignment.ended").exists()


def test_a_reviewer_cannot_accept_once_consolidation_started(in_review, coordinator, pool):
    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(first, by=pool[0])
    services.save_review(first, by=pool[0], values=GRID, submit=True)
    services.start_consolidation(in_review, by=coordinator, force=True)
    late = Assignment.objects.get(round=in_review.current_round, reviewer=pool[1])
    with pytest.raises(DomainError) as refused:
        services.accept_assignment(late, by=pool[1])
    assert refused.value.code == "over"


def test_the_team_edits_its_draft_on_the_page(client, draft, researcher, areas, other_org):
    client.force_login(researcher)
    url = reverse("reviews:edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Titre corrigé",
            "category": "riph3",
            "language": "fr",
            "reviewers_wanted": 4,
            "disease_areas": [areas["cancer"].pk],
            "organizations": [other_org.pk],
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.category, draft.reviewers_wanted) == ("Titre corrigé", "riph3", 4)
    assert list(draft.organizations.all()) == [other_org]
    entry = ActionLogEntry.objects.get(action="reviews.request.edited")
    assert {"title", "category", "reviewers_wanted", "disease_areas", "organizations"} <= set(
        entry.data["fields"]
    )


def test_an_invalid_edit_keeps_what_was_typed(client, draft, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("reviews:edit", args=[draft.pk]),
        {"title": "Gardé", "category": "nonsense", "language": "fr", "reviewers_wanted": 3},
    )
    assert response.status_code == 422
    assert 'value="Gardé"' in response.content.decode()
    assert ReviewRequest.objects.get(pk=draft.pk).title == "Étude GENOU-CALME"


@pytest.mark.parametrize("who", ["coordinator", "pool_reviewer", "outsider"])
def test_others_cannot_edit_delete_or_withdraw(client, request, in_review, draft, who, pool):
    person = pool[0] if who == "pool_reviewer" else request.getfixturevalue(who)
    client.force_login(person)
    for name in ("edit", "delete"):
        assert client.get(reverse(f"reviews:{name}", args=[draft.pk])).status_code in (403, 404)
    response = client.post(reverse("reviews:withdraw", args=[in_review.pk]), {"reason": "x"})
    assert response.status_code == 404


def test_the_team_deletes_its_draft_after_confirming(client, draft, researcher):
    client.force_login(researcher)
    url = reverse("reviews:delete", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    assert ReviewRequest.objects.filter(pk=draft.pk).exists()
    assert client.post(url).status_code == 302
    assert not ReviewRequest.objects.filter(pk=draft.pk).exists()
    assert not DocumentVersion.objects.exists()


def test_the_team_withdraws_on_the_page_with_a_reason(client, in_review, researcher):
    client.force_login(researcher)
    page = client.get(reverse("reviews:request", args=[in_review.pk])).content.decode()
    assert reverse("reviews:withdraw", args=[in_review.pk]) in page
    assert "reviews are due on" in page  # the team sees the deadline and the progress
    client.post(reverse("reviews:withdraw", args=[in_review.pk]), {"reason": ""})
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW
    client.post(reverse("reviews:withdraw", args=[in_review.pk]), {"reason": "Arrêtée."})
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.CLOSED


def test_an_upload_after_the_report_asks_to_start_the_revision(
    client, in_review, researcher, coordinator
):
    from .conftest import review_all, upload

    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    client.force_login(researcher)
    page = client.get(reverse("reviews:request", args=[in_review.pk])).content.decode()
    assert 'name="start_revision"' in page
    client.post(
        reverse("reviews:upload", args=[in_review.pk]), {"kind": "leaflet", "file": upload()}
    )
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.REPORT_SENT
    client.post(
        reverse("reviews:upload", args=[in_review.pk]),
        {"kind": "leaflet", "file": upload(), "start_revision": "on"},
    )
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.REVISION
