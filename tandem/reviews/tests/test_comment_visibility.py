"""Earlier reviewers' comments are read by the same rule everywhere: the workspace and the
comparison of two versions show them to a reviewer only once that reviewer sent a review in
the comments' round (issue 11, finding 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.reviews import services
from tandem.reviews.models import AnchoredComment, Assignment, AssignmentState, DocumentVersion

from .conftest import GRID, LEAFLET, review_all, upload

COMMENT = "Expliquer ce mot savant."


@pytest.fixture
def second_round(in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks):
    """Round 1 reviewed (pool[0] commented the leaflet), the report sent, a new leaflet, round 2
    open with pool[0..2]; pool[2] declines and pool[3], never seated before, is invited."""
    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(first, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    services.add_comment(
        first, by=pool[0], version=leaflet, quote="ponction articulaire", comment=COMMENT
    )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            in_review,
            kind="leaflet",
            upload=upload(LEAFLET + "\n\nMerci."),
            by=researcher,
            start_revision=True,
        )
    in_review.refresh_from_db()
    new = services.open_new_round(
        in_review, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    leaving = Assignment.objects.get(round=new, reviewer=pool[2])
    services.decline_assignment(leaving, by=pool[2], reason="Absent")
    newcomer = services.assign(new, pool[3], by=coordinator)
    assert newcomer.state == AssignmentState.INVITED
    in_review.refresh_from_db()
    return in_review


def _compare(client, person, request) -> str:
    client.force_login(person)
    response = client.get(reverse("reviews:compare", args=[request.pk, "leaflet"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_invited_to_a_later_round_does_not_read_earlier_comments(
    client, second_round, pool
):
    assert COMMENT not in _compare(client, pool[3], second_round)


def test_a_reviewer_who_sent_a_review_in_that_round_reads_its_comments(client, second_round, pool):
    assert COMMENT in _compare(client, pool[1], second_round)


@pytest.mark.parametrize("persona", ["researcher", "coordinator"])
def test_the_researcher_and_the_coordinator_read_the_comments(
    client, second_round, persona, request
):
    assert COMMENT in _compare(client, request.getfixturevalue(persona), second_round)


def test_the_workspace_hides_the_earlier_round_from_the_newcomer_too(client, second_round, pool):
    newcomer = Assignment.objects.get(round=second_round.current_round, reviewer=pool[3])
    services.accept_assignment(newcomer, by=pool[3])
    client.force_login(pool[3])
    response = client.get(reverse("reviews:workspace", args=[newcomer.pk]))
    assert response.status_code == 200
    assert COMMENT not in response.content.decode()


def _second_round_seat(second_round, reviewer) -> Assignment:
    seat = Assignment.objects.get(round=second_round.current_round, reviewer=reviewer)
    services.accept_assignment(seat, by=reviewer)
    return seat


@pytest.mark.parametrize("persona", ["researcher", "coordinator"])
def test_a_draft_comment_is_read_by_nobody_but_its_author(
    client, second_round, pool, persona, request
):
    """A reviewer of round 2 writes (not sends) a comment on the earlier version."""
    seat = _second_round_seat(second_round, pool[1])
    earlier = DocumentVersion.objects.get(
        document__request=second_round, document__kind="leaflet", number=1
    )
    services.add_comment(
        seat, by=pool[1], version=earlier, quote="ponction articulaire", comment="Brouillon privé."
    )
    page = _compare(client, request.getfixturevalue(persona), second_round)
    assert COMMENT in page
    assert "Brouillon privé." not in page


def test_the_comparison_lists_the_comments_on_the_earlier_version_only(
    client, second_round, pool, researcher
):
    """Comments sent in round 2 on the new version are not those of the version compared."""
    seat = _second_round_seat(second_round, pool[1])
    newer = DocumentVersion.objects.get(
        document__request=second_round, document__kind="leaflet", number=2
    )
    services.add_comment(
        seat, by=pool[1], version=newer, quote="ponction articulaire", comment="Sur la version 2."
    )
    review_all(second_round)
    page = _compare(client, researcher, second_round)
    assert COMMENT in page
    assert "Sur la version 2." not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_comparison_reads_its_comments_in_a_constant_number_of_queries(
    client, second_round, researcher
):
    client.force_login(researcher)
    url = reverse("reviews:compare", args=[second_round.pk, "leaflet"])
    one = _queries(client, url)
    for text in ("Deuxième remarque.", "Troisième remarque."):
        copy = AnchoredComment.objects.get(comment=COMMENT, version__number=1)
        copy.pk, copy.comment = None, text
        copy.save()
    assert _queries(client, url) == one


def test_sending_a_review_in_round_two_does_not_open_the_comments_of_round_one(
    client, second_round, pool
):
    seat = _second_round_seat(second_round, pool[3])
    services.save_review(seat, by=pool[3], values=GRID, submit=True)
    assert COMMENT not in _compare(client, pool[3], second_round)


def test_a_delegate_of_the_request_reads_the_comments_as_its_author_does(client, second_round):
    delegate = UserFactory(roles=[Role.RESEARCHER], first_name="Delphine")
    second_round.delegates.add(delegate)
    assert COMMENT in _compare(client, delegate, second_round)
