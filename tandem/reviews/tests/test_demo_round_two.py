"""The demo shows what issue 13 added: remarks of each kind and severity, answered; a request
withdrawn by its team and one closed, each with its reason; a second round whose reviewer sees
the earlier comments and the comparison; API tokens, one per purpose."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts import demo as account_demo
from tandem.accounts.models import ApiToken, User
from tandem.directory import demo as directory_demo
from tandem.reviews import demo
from tandem.reviews.models import (
    AnchoredComment,
    Assignment,
    AssignmentState,
    Outcome,
    RequestStatus,
    ReviewRequest,
)


@pytest.fixture
def loaded(db):
    account_demo.load()
    directory_demo.load()
    demo.load()


def test_remarks_of_each_kind_and_severity_answered(loaded):
    comments = AnchoredComment.objects.filter(
        version__document__request__acronym="ASTHME-DUO", version__number=1
    )
    assert {"unclear", "missing", "inaccurate"} <= set(comments.values_list("kind", flat=True))
    assert {"minor", "important", "essential"} <= set(comments.values_list("severity", flat=True))
    assert set(comments.values_list("answer", flat=True)) == {"accepted", "rejected"}
    assert comments.filter(answer="rejected").exclude(answer_reason="").exists()


def test_withdrawn_and_closed_requests_carry_their_reasons(loaded):
    withdrawn = ReviewRequest.objects.get(acronym="APNEE-NUIT")
    assert withdrawn.status == RequestStatus.CLOSED
    assert withdrawn.outcome == Outcome.WITHDRAWN
    assert "promoteur" in withdrawn.outcome_note
    closed = ReviewRequest.objects.get(acronym="RARE-REG")
    assert closed.outcome == Outcome.REVISED and closed.outcome_note


@pytest.mark.parametrize("language", ["fr", "en"])
def test_round_two_shows_the_earlier_comments_and_the_comparison(client, loaded, language):
    request = ReviewRequest.objects.get(acronym="ASTHME-DUO")
    assert request.status == RequestStatus.IN_REVIEW
    assert request.current_round.number == 2
    seat = Assignment.objects.get(round=request.current_round, state=AssignmentState.ACCEPTED)
    assert seat.reason_code == "previous_round"
    seat.reviewer.language = language
    seat.reviewer.save()
    client.force_login(seat.reviewer)
    page = client.get(seat.get_absolute_url()).content.decode()
    assert 'id="earlier-title"' in page
    assert "double aveugle" in page
    compare = reverse("reviews:compare", args=[request.pk, "leaflet"])
    assert compare in page
    compared = client.get(compare)
    assert compared.status_code == 200
    assert "pile ou face" in compared.content.decode()


def test_tokens_one_per_purpose(loaded):
    coordinator = User.objects.get(email="coordinator@example.org")
    queue = ApiToken.objects.filter(user=coordinator).order_by("pk")
    assert queue.count() == 2
    assert queue[0].revoked_at is not None and queue[1].is_active  # the second replaced it
    reviewer = User.objects.get(email="reviewer1@example.org")
    tokens = {t.name: t for t in ApiToken.objects.filter(user=reviewer)}
    assert tokens["Relectures (ancien script)"].revoked_at is not None
    assert tokens["Mes relectures"].is_active


def test_loading_twice_adds_nothing(loaded):
    counts = (ReviewRequest.objects.count(), ApiToken.objects.count())
    demo.load()
    assert (ReviewRequest.objects.count(), ApiToken.objects.count()) == counts
