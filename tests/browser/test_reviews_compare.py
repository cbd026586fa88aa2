"""The comparison of two versions (issue 13, point 7) and round 2's workspace, on the demo's
second-round request (ASTHME-DUO): axe-core, no mixed languages, and the layout at a phone's
width (rows stacked) and a desktop's (side by side), in French and in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo():
    from tandem.accounts import demo as accounts_demo
    from tandem.checks import demo as checks_demo
    from tandem.directory import demo as directory_demo
    from tandem.reviews import demo as reviews_demo

    for module in (accounts_demo, directory_demo, checks_demo, reviews_demo):
        module.load()


def _problems(page, path):
    page.goto(path)
    return blocking_violations(page) + mixed_language_words(page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_comparison_and_round_two_read_well_at_both_widths(page, sign_in, demo, language):
    from tandem.accounts.models import User
    from tandem.reviews.models import Assignment, AssignmentState, ReviewRequest

    request = ReviewRequest.objects.get(acronym="ASTHME-DUO")
    seat = Assignment.objects.get(round=request.current_round, state=AssignmentState.ACCEPTED)
    User.objects.filter(pk__in=[seat.reviewer_id]).update(language=language)
    User.objects.filter(email="coordinator@example.org").update(language=language)
    compare = reverse("reviews:compare", args=[request.pk, "leaflet"])
    problems = {}

    sign_in("coordinator@example.org", "tandem-demo")
    for path in (compare, reverse("reviews:request", args=[request.pk])):
        if found := _problems(page, path):
            problems[path] = found
    # Side by side on a desktop, one above the other on a phone.
    page.goto(compare)
    for width, side_by_side in ((1280, True), (390, False)):
        page.set_viewport_size({"width": width, "height": 900})
        row = page.locator(".diff-row:not(.diff-head):not(.diff-equal)").first
        before = row.locator(".diff-before").bounding_box()
        after = row.locator(".diff-after").bounding_box()
        assert before and after
        assert (abs(before["y"] - after["y"]) < 2) is side_by_side, width
    assert "pile ou face" in page.locator("main").inner_text()

    page.context.clear_cookies()
    sign_in(seat.reviewer.email, "tandem-demo")
    for path in (seat.get_absolute_url(), compare):
        if found := _problems(page, path):
            problems[path] = found
    assert problems == {}
