"""What a reviewer is told once their review is sent: the others' reviews appear on the
workspace as their reviewers send them (rule `reviews.read_round_reviews`), and the page says
so while some are still missing."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from tandem.reviews import services
from tandem.reviews.models import Assignment

from .conftest import GRID


def _accept(request, reviewers):
    seats = [Assignment.objects.get(round=request.current_round, reviewer=r) for r in reviewers]
    for a in seats:
        services.accept_assignment(a, by=a.reviewer)
    return seats


def test_the_first_to_send_is_told_the_others_reviews_will_appear_later(client, in_review, pool):
    (first,) = _accept(in_review, pool[:1])
    services.save_review(first, by=pool[0], values=GRID)
    client.force_login(pool[0])

    response = client.post(reverse("reviews:send_review", args=[first.pk]))

    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert told == [
        "Your review is sent. Thank you! The other reviewers' reviews appear on this page once "
        "they have sent them."
    ]
    page = client.get(response.url).content.decode()
    assert "2 other reviewers have not sent their review yet" in page
    assert "their reviews will appear here once sent" in page


def test_the_page_shows_the_reviews_sent_and_counts_the_missing_ones(client, in_review, pool):
    first, second = _accept(in_review, pool[:2])
    services.save_review(
        first, by=pool[0], values={**GRID, "rights_comment": "Unique remark"}, submit=True
    )
    services.save_review(second, by=pool[1], values=GRID, submit=True)
    client.force_login(pool[1])

    page = client.get(reverse("reviews:workspace", args=[second.pk])).content.decode()

    assert "Unique remark" in page
    assert "1 other reviewer has not sent their review yet" in page


def test_the_last_to_send_reads_no_promise(client, in_review, pool):
    seats = _accept(in_review, pool[:3])
    for a in seats:
        services.save_review(a, by=a.reviewer, values=GRID, submit=True)
    client.force_login(pool[2])

    page = client.get(reverse("reviews:workspace", args=[seats[2].pk])).content.decode()

    assert "not sent their review yet" not in page
    assert page.count("Reviewer 2") == 1
