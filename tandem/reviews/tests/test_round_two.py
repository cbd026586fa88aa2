"""Round 2 is not blind: each reviewer finds their round-1 comments with the research team's
answers and where each passage now stands, and a link to the comparison (page and API)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.reviews import services
from tandem.reviews.models import AnchoredComment, Assignment, DocumentVersion

from .conftest import LEAFLET, review_all, upload


@pytest.fixture
def round_two(in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks):
    """pool[0] commented two passages in round 1; the team kept one and rewrote the other."""
    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(first, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    kept = services.add_comment(
        first, by=pool[0], version=leaflet, quote="à tout moment", comment="Très bien dit."
    )
    changed = services.add_comment(
        first, by=pool[0], version=leaflet, quote="ponction articulaire", comment="Jargon."
    )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    services.answer_comment(kept, by=researcher, accepted=False, reason="Déjà clair.")
    services.answer_comment(changed, by=researcher, accepted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            in_review,
            kind="leaflet",
            upload=upload(LEAFLET.replace("ponction articulaire", "prise de liquide")),
            by=researcher,
            start_revision=True,
        )
    in_review.refresh_from_db()
    new = services.open_new_round(
        in_review, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    return Assignment.objects.get(round=new, reviewer=pool[0])


def test_the_workspace_shows_earlier_comments_answers_and_where_each_passage_stands(
    client, round_two, pool
):
    services.accept_assignment(round_two, by=pool[0])
    client.force_login(pool[0])
    page = client.get(round_two.get_absolute_url()).content.decode()
    assert "My comments of the earlier rounds" in page
    assert "Très bien dit." in page and "Déjà clair." in page and "Jargon." in page
    assert "Taken into account" in page and "Not taken into account" in page
    assert page.count("still in this version, unchanged") == 1
    assert page.count("rewritten or removed") == 1
    assert reverse("reviews:compare", args=[round_two.round.request_id, "leaflet"]) in page


def test_round_one_shows_no_earlier_section(client, in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    client.force_login(pool[0])
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "My comments of the earlier rounds" not in page


def test_another_reviewer_sees_only_their_own_earlier_comments(client, round_two, pool):
    mine = Assignment.objects.get(round=round_two.round, reviewer=pool[1])
    client.force_login(pool[1])
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "You made no comment on this document in the earlier rounds." in page
    assert "Jargon." not in page


def test_the_api_gives_the_earlier_comments(client, round_two, pool):
    client.force_login(pool[0])
    body = client.get(reverse("api-assignment", args=[round_two.pk])).json()
    earlier = {c["comment"]: c for c in body["earlier_comments"]}
    assert earlier["Très bien dit."]["still_in_current"] is True
    assert earlier["Très bien dit."]["answer_reason"] == "Déjà clair."
    assert earlier["Jargon."]["still_in_current"] is False
    assert AnchoredComment.objects.filter(carried_from__isnull=False).count() >= 1


def test_the_workspace_reads_a_constant_number_of_queries(
    client, round_two, pool, django_assert_max_num_queries
):
    client.force_login(pool[0])
    with django_assert_max_num_queries(40):
        assert client.get(round_two.get_absolute_url()).status_code == 200
