"""The workspace never loses typing: the grid and a comment typed but not added are kept across
document tabs and draft saves, on the server (no JavaScript needed); a failed send names each
missing field; the irreversible send asks for confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.reviews import services
from tandem.reviews.models import Assignment, AssignmentState

from .conftest import GRID


@pytest.fixture
def writing(client, in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    client.force_login(pool[0])
    return assignment


def _leaflet(assignment):
    return assignment.round.request.documents.get(kind="leaflet").latest_version


def test_a_tab_keeps_the_grid_and_the_comment_typed(client, writing):
    leaflet = _leaflet(writing)
    response = client.post(
        reverse("reviews:grid", args=[writing.pk]),
        {
            "document": "leaflet",
            "goto": "consent",
            "version": leaflet.pk,
            "quote": "ponction articulaire",
            "comment": "Commentaire pas encore ajouté",
            "readability_comment": "Grille tapée",
        },
    )
    assert response.url == f"{writing.get_absolute_url()}?document=consent"
    writing.refresh_from_db()
    assert writing.review.comment("readability") == "Grille tapée"
    assert leaflet.comments.count() == 0
    consent = client.get(response.url).content.decode()
    assert "Commentaire pas encore ajouté" not in consent  # it belongs to the leaflet
    back = client.get(f"{writing.get_absolute_url()}?document=leaflet").content.decode()
    assert "Commentaire pas encore ajouté" in back and "Grille tapée" in back


def test_saving_the_draft_keeps_the_comment_until_it_is_added(client, writing):
    leaflet = _leaflet(writing)
    typed = {
        "document": "leaflet",
        "version": leaflet.pk,
        "quote": "ponction articulaire",
        "comment": "Expliquer ce geste",
        "suggestion": "",
    }
    client.post(reverse("reviews:grid", args=[writing.pk]), {**typed, "save": "1", **GRID})
    page = client.get(writing.get_absolute_url()).content.decode()
    assert "Expliquer ce geste" in page
    client.post(reverse("reviews:add_comment", args=[writing.pk]), {**typed, **GRID})
    assert leaflet.comments.count() == 1
    page = client.get(writing.get_absolute_url()).content.decode()
    assert page.count("Expliquer ce geste") == 1  # the comment added, no longer in the form


def test_a_failed_send_names_and_links_each_missing_score(client, writing):
    response = client.post(
        reverse("reviews:grid", args=[writing.pk]),
        {
            "document": "leaflet",
            "readability_score": "2",
            "readability_comment": "Gardé",
            "submit": "1",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "data-focus-on-load" in body
    for criterion in ("framework", "constraints", "rights"):
        assert f'href="#id_{criterion}_score"' in body
    assert 'href="#id_readability_score"' not in body
    assert "Gardé" in body
    writing.refresh_from_db()
    assert writing.state == AssignmentState.ACCEPTED
    assert writing.review.comment("readability") == "Gardé"  # kept as a draft


def test_sending_asks_for_confirmation_and_warns_of_a_comment_not_added(client, writing):
    leaflet = _leaflet(writing)
    asked = client.post(
        reverse("reviews:grid", args=[writing.pk]),
        {**GRID, "submit": "1", "version": leaflet.pk, "comment": "Oublié", "quote": "genou"},
    )
    assert asked.url == reverse("reviews:send_review", args=[writing.pk])
    page = client.get(asked.url).content.decode()
    assert "cannot be changed" in page and "not added yet" in page
    writing.refresh_from_db()
    assert writing.state == AssignmentState.ACCEPTED
    assert client.post(asked.url).status_code == 302
    writing.refresh_from_db()
    assert writing.state == AssignmentState.SUBMITTED
    assert client.get(asked.url).status_code == 302  # nothing left to send


def test_only_the_reviewer_reaches_the_confirmation(client, writing, pool, researcher):
    for person in (pool[1], researcher):
        client.force_login(person)
        assert client.get(reverse("reviews:send_review", args=[writing.pk])).status_code == 404
