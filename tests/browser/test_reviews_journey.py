"""The College of Reviewers in the browser: submission → triage → assignment → accept → review
with an anchored comment and the grid → consolidation → report read by the researcher; axe-core
on every page visited."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.reviews import services
from tandem.reviews.models import Assignment, ReviewRequest
from tandem.reviews.tests.conftest import GRID, LEAFLET, docx_bytes, make_reviewer
from tests.browser.axe import blocking_violations

# serialized_rollback: the reference data seeded by migrations survives the flushes of
# transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ok(page, problems):
    found = blocking_violations(page)
    if found:
        problems[page.url] = found


def _file(name, text):
    return {"name": name, "mimeType": DOCX, "buffer": docx_bytes(text)}


def test_a_request_goes_from_submission_to_the_report(page, sign_in):
    problems: dict[str, list[str]] = {}
    researcher = UserFactory(roles=["researcher"], language="en")
    coordinator = UserFactory(roles=["coordinator"], language="en", is_demo=True)
    reviewers = [make_reviewer(first_name=name, language="en") for name in ("Ana", "Ben", "Cid")]
    for person in (researcher, coordinator, *reviewers):
        person.set_password(PASSWORD)
        person.save()

    # The researcher submits.
    sign_in(researcher.email, PASSWORD)
    page.goto("/reviews/new/")
    _ok(page, problems)
    page.fill("input[name=title]", "Knee study")
    page.select_option("select[name=category]", "riph2")
    page.select_option("select[name=language]", "fr")
    page.set_input_files(
        "input[name=protocol_summary]", _file("protocol.docx", "Résumé du protocole.")
    )
    page.set_input_files("input[name=leaflet]", _file("leaflet.docx", LEAFLET))
    page.set_input_files("input[name=consent]", _file("consent.docx", "Je consens à participer."))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Knee study"
    _ok(page, problems)
    with page.expect_navigation():
        page.get_by_role("button", name="Send to the College").click()
    request = ReviewRequest.objects.get(title="Knee study")
    page.context.clear_cookies()

    # The coordinator accepts and assigns the suggestion.
    sign_in(coordinator.email, PASSWORD)
    page.goto("/reviews/queue/")
    _ok(page, problems)
    page.goto(f"/reviews/{request.pk}/")
    page.check("input[name=decision][value=accept]")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    assert "/assign/" in page.url
    _ok(page, problems)
    with page.expect_navigation():
        page.get_by_role("button", name="Invite the reviewers").click()
    assert Assignment.objects.filter(round__request=request, state="invited").count() == 3
    page.context.clear_cookies()

    # Two reviewers answer through the services; the third in the browser.
    for person in reviewers[1:]:
        assignment = Assignment.objects.get(round__request=request, reviewer=person)
        services.accept_assignment(assignment, by=person)
        services.save_review(assignment, by=person, values=GRID, submit=True)
    sign_in(reviewers[0].email, PASSWORD)
    page.goto("/reviews/assignments/")
    _ok(page, problems)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept").first.click()
    _ok(page, problems)
    page.fill("textarea[name=quote]", "ponction articulaire")
    page.fill("textarea[name=comment]", "Explain this word.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the comment").click()
    assert page.locator(".comment-list blockquote").first.inner_text() == "ponction articulaire"
    for field, value in GRID.items():
        if field.endswith("_score"):
            page.select_option(f"select[name={field}]", str(value))
        else:
            page.fill(f"textarea[name={field}]", value)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my review", exact=True).click()
    assert "/send/" in page.url  # the irreversible send asks for confirmation
    _ok(page, problems)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my review for good").click()
    assert page.locator(".others-title, #others-title").count() == 1
    page.context.clear_cookies()

    # The coordinator consolidates and sends.
    sign_in(coordinator.email, PASSWORD)
    page.goto(f"/reviews/{request.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Consolidate the reviews received").click()
    _ok(page, problems)
    page.fill("textarea[name=summary]", "Thank you for this clear study.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the report to the researcher").click()
    page.context.clear_cookies()

    # The researcher reads the report.
    sign_in(researcher.email, PASSWORD)
    page.goto(f"/reviews/{request.pk}/report/")
    _ok(page, problems)
    assert "Thank you for this clear study." in page.locator("main").inner_text()
    assert "Phrases trop longues" in page.locator("main").inner_text()
    assert problems == {}
