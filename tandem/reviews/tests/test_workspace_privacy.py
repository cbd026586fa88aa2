"""The review workspace shows a reviewer their own anchored comments only: another reviewer's
draft stays theirs until it is sent (and even then it is read on the comparison page)."""

from __future__ import annotations

from django.urls import reverse

from tandem.reviews import services
from tandem.reviews.models import Assignment

SECRET = "Remarque de brouillon de Ben, pas encore envoyée"


def _accepted(request, person):
    assignment = Assignment.objects.get(round=request.current_round, reviewer=person)
    return services.accept_assignment(assignment, by=person)


def test_a_reviewers_workspace_hides_another_reviewers_draft_comments(client, in_review, pool):
    mine = _accepted(in_review, pool[0])
    theirs = _accepted(in_review, pool[1])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    services.add_comment(
        theirs, by=pool[1], version=leaflet, comment=SECRET, quote="ponction articulaire"
    )

    client.force_login(pool[1])
    own_page = client.get(reverse("reviews:workspace", args=[theirs.pk]) + "?document=leaflet")
    assert SECRET in own_page.content.decode()  # the page does show comments: to their author

    client.force_login(pool[0])
    page = client.get(reverse("reviews:workspace", args=[mine.pk]) + "?document=leaflet")
    assert page.status_code == 200
    assert page.context["comments"] == []
    assert SECRET not in page.content.decode()
