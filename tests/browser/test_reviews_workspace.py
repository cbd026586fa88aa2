"""The review workspace in the browser: typing is never lost (the grid and a comment not yet
added survive a change of document tab and a saved draft), a failed send focuses an error
summary linking to each missing score, and the send asks for confirmation; axe-core on each
page, at a phone's width and a desktop's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.reviews import services
from tandem.reviews.models import Assignment, AssignmentState
from tandem.reviews.tests.conftest import LEAFLET, make_reviewer, upload
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def assignment(django_capture_on_commit_callbacks):
    researcher = UserFactory(roles=["researcher"], language="en")
    coordinator = UserFactory(roles=["coordinator"], language="en")
    reviewer = make_reviewer(first_name="Ana", language="en")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.create_request(
            by=researcher,
            title="Knee study",
            category="riph2",
            documents={
                "protocol_summary": upload("Résumé du protocole.", "p.docx"),
                "leaflet": upload(LEAFLET),
                "consent": upload("Je consens à participer.", "c.docx"),
            },
            submit=True,
        )
    services.accept_request(request, by=coordinator)
    (seat,) = services.assign_reviewers(
        request,
        by=coordinator,
        reviewers=[reviewer],
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    services.accept_assignment(seat, by=reviewer)
    return seat


@pytest.mark.parametrize("width", [390, 1280])
def test_typing_survives_tabs_and_saves_and_a_failed_send_is_explained(
    page, sign_in, assignment, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(assignment.reviewer.email, PASSWORD)
    page.goto(assignment.get_absolute_url())
    assert blocking_violations(page) == []
    page.fill("textarea[name=quote]", "ponction articulaire")
    page.fill("textarea[name=comment]", "Not added yet")
    page.select_option("select[name=readability_score]", "2")
    page.fill("textarea[name=readability_comment]", "Typed in the grid")

    # Another document, then back: nothing lost.
    with page.expect_navigation():
        page.locator(".doc-tabs").get_by_role("button", name="Consent form").click()
    assert "document=consent" in page.url
    assert page.input_value("textarea[name=readability_comment]") == "Typed in the grid"
    with page.expect_navigation():
        page.locator(".doc-tabs").get_by_role("button", name="Information leaflet").click()
    assert page.input_value("textarea[name=comment]") == "Not added yet"
    assert page.input_value("select[name=readability_score]") == "2"

    # A saved draft keeps the comment typed too.
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    assert page.input_value("textarea[name=comment]") == "Not added yet"

    # A failed send: the summary takes the focus and links to each missing score.
    with page.expect_navigation():
        page.get_by_role("button", name="Send my review", exact=True).click()
    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement")
    links = summary.locator("a")
    assert links.count() == 3
    links.first.click()
    assert page.evaluate("location.hash") == "#id_framework_score"
    assert page.input_value("textarea[name=comment]") == "Not added yet"
    assert blocking_violations(page) == []

    # Complete the grid, add the comment, send after confirming.
    for name in ("framework", "constraints", "rights"):
        page.select_option(f"select[name={name}_score]", "3")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the comment").click()
    assert page.locator(".comment-list blockquote").first.inner_text() == "ponction articulaire"
    assert page.input_value("select[name=rights_score]") == "3"
    with page.expect_navigation():
        page.get_by_role("button", name="Send my review", exact=True).click()
    assert "/send/" in page.url
    assert blocking_violations(page) == []
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED
    with page.expect_navigation():
        page.get_by_role("button", name="Send my review for good").click()
    assert Assignment.objects.get(pk=assignment.pk).state == AssignmentState.SUBMITTED
