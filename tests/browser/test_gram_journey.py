"""The GRAM in Chromium: convocation → attendance → a vote cast with the keyboard → result
published at closing; a proposal answered by the director; every page checked with axe, and at
phone width (390 px) without horizontal scrolling."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.governance import services
from tandem.governance.models import Mandate, Proposal, ProposalStatus
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gram():
    # Demo accounts: their roles would otherwise ask for a second factor first.
    officer = UserFactory(roles=["officer"], language="en", is_demo=True)
    director = UserFactory(roles=["director"], language="en", is_demo=True)
    body = services.create_body(name="GRAM", slug="gram", by=officer)
    today = timezone.localdate()
    people = []
    for code, seats in (("patients", 10), ("researchers", 5), ("administration", 4)):
        college = body.colleges.get(code=code)
        for _ in range(seats):
            person = UserFactory(roles=["gram"], language="en")
            services.appoint(
                college, person=person, start=today, end=today + dt.timedelta(days=900), by=officer
            )
            people.append(person)
    starts = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=30), dt.time(14)))
    meeting = services.schedule_meeting(
        body, title="Spring meeting", starts_at=starts, place="Paris", by=officer
    )
    proposal = services.draft_proposal(
        body,
        author=people[1],
        title="Documents two weeks early",
        text="Send the documents two weeks before each meeting.",
    )
    services.put_on_agenda(proposal, meeting=meeting, by=officer)
    return {
        "officer": officer,
        "director": director,
        "member": people[0],
        "meeting": meeting,
        "proposal": proposal,
        "body": body,
    }


def _pdf(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


def test_from_convocation_to_approved_minutes_and_the_directors_answer(
    page, sign_in, gram, live_server
):
    meeting, officer = gram["meeting"], gram["officer"]

    def as_(user):
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
        sign_in(user.email, PASSWORD)

    # The secretariat sends the convocation from the meeting's page.
    as_(officer)
    page.goto(f"/gram/meetings/{meeting.pk}/")
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send the convocation").click()
    assert page.get_by_text("The convocation was sent to the members.").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Open the meeting").click()
    for mandate in Mandate.objects.all():
        services.check_in(meeting, mandate=mandate, presence="room", by=officer)
    page.reload()
    assert page.get_by_text("The quorum is reached.").is_visible()
    assert blocking_violations(page) == []
    page.get_by_text("Open a vote on this item").click()
    page.fill(f"input[name=vote-{meeting.items.get().pk}-question]", "Do we adopt the proposal?")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the vote").click()
    vote_url = page.url

    # A member votes with the keyboard alone, at phone width.
    page.set_viewport_size({"width": 390, "height": 844})
    as_(gram["member"])
    page.goto(vote_url)
    assert blocking_violations(page) == []
    assert _no_horizontal_scroll(page)
    group = page.get_by_role("group", name="My vote")
    group.get_by_role("radio", name="For").focus()
    page.keyboard.press("Space")
    assert group.get_by_role("radio", name="For").is_checked()
    with page.expect_navigation():
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    assert page.get_by_text(
        "Your vote is recorded. The result is published when the vote closes."
    ).is_visible()
    assert page.get_by_role("heading", name="Result").count() == 0
    page.goto(f"/gram/meetings/{meeting.pk}/")
    assert _no_horizontal_scroll(page)
    # The member's form for a new proposal, at phone width.
    page.goto("/gram/proposals/new/")
    assert blocking_violations(page) == []
    assert _no_horizontal_scroll(page)

    # The secretariat records the others' votes and closes: the result is published.
    page.set_viewport_size({"width": 1280, "height": 900})
    vote = meeting.items.get().votes.get()
    for mandate in Mandate.objects.exclude(person=gram["member"])[:9]:
        services.cast_ballot(vote, mandate=mandate, cast_by=mandate, choice="for", by=officer)
    as_(officer)
    page.goto(vote_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Close the vote and publish the result").click()
    assert page.get_by_role("heading", name="Result").is_visible()
    assert page.get_by_text("Adopted.").is_visible()
    assert blocking_violations(page) == []
    # The meeting closes; the minutes are drafted from its record, amended, then approved.
    page.goto(f"/gram/meetings/{meeting.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Close the meeting").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Draft the minutes from the meeting's record").click()
    assert page.get_by_text("Do we adopt the proposal?").first.is_visible()
    assert blocking_violations(page) == []
    minutes_url = page.url
    as_(gram["member"])
    page.goto(minutes_url)
    page.fill("input[name=line]", "1")
    page.fill("textarea[name=replacement]", "Minutes of the spring meeting")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my amendment").click()
    assert page.get_by_text("Your amendment was sent to the secretariat.").is_visible()
    as_(officer)
    page.goto(minutes_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="compare with the previous version").click()
    assert page.locator("ins", has_text="Minutes of the spring meeting").is_visible()
    assert blocking_violations(page) == []
    later = services.schedule_meeting(
        gram["body"],
        title="Summer meeting",
        starts_at=meeting.starts_at + dt.timedelta(days=90),
        place="Paris",
        by=officer,
    )
    services.add_agenda_item(later, title="Approve the minutes", by=officer)
    services.convene(later, by=officer)
    services.open_meeting(later, by=officer)
    page.goto(minutes_url)
    page.select_option("select[name=meeting]", str(later.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and lock").click()
    assert page.get_by_text("The minutes are approved and locked.").is_visible()

    proposal = gram["proposal"]
    page.goto(f"/gram/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Send to the Directorate General").click()

    # The director answers; declining needs a reason.
    as_(gram["director"])
    page.goto(f"/gram/proposals/{proposal.pk}/")
    assert blocking_violations(page) == []
    page.get_by_role("radio", name="Accepted in part").check()
    page.fill("textarea[name=reason]", "Ten days rather than fifteen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record my answer").click()
    # The answer is final: a confirmation step first, as for sending a review.
    assert page.get_by_text("Ten days rather than fifteen.").is_visible()
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answer for good").click()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    page.goto("/gram/")
    assert page.get_by_text("Accepted in part").is_visible()
    assert blocking_violations(page) == []
    page.context.clear_cookies()
    page.goto(minutes_url)  # approved and public: a visitor reads them
    assert page.get_by_text("Minutes of the spring meeting").is_visible()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_gram_pages_are_accessible_in_both_languages_and_at_phone_width(
    page, sign_in, gram, language, live_server
):
    officer = gram["officer"]
    officer.language = language
    officer.save(update_fields=["language"])
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(officer.email, PASSWORD)
    Proposal.objects.filter(pk=gram["proposal"].pk).update(status=ProposalStatus.ADOPTED)
    held = services.schedule_meeting(
        gram["body"], title="Held", starts_at=timezone.now(), place="Paris", by=officer
    )
    services.add_agenda_item(held, title="Opening", by=officer)
    services.convene(held, by=officer)
    services.open_meeting(held, by=officer)
    member_seat = Mandate.objects.get(person=gram["member"])
    services.check_in(held, mandate=member_seat, presence="room", by=officer)
    services.close_meeting(held, by=officer)
    minutes = services.draft_minutes(held, by=officer)
    # A second version, so that the comparison page has something to show.
    amendment = services.amend_minutes(
        minutes, line=1, replacement="Minutes of the held meeting", by=gram["member"]
    )
    services.decide_amendment(amendment, accept=True, by=officer)
    # A document replaced by a new version, with a comment: the meeting page's new markup.
    first = services.add_document(
        gram["meeting"], title="Agenda", upload=_pdf("agenda.pdf"), by=officer
    )
    newest = services.add_document(
        gram["meeting"], title="", upload=_pdf("agenda-2.pdf"), replaces=first, by=officer
    )
    services.comment_on_document(newest, person=gram["member"], text="Page 2, please.")
    paths = [
        f"/gram/minutes/{minutes.pk}/",
        f"/gram/minutes/{minutes.pk}/compare/?a=1&b=2",
        "/gram/report/",
        "/gram/",
        "/gram/body/",
        "/gram/meetings/",
        "/gram/meetings/new/",
        f"/gram/meetings/{gram['meeting'].pk}/",
        "/gram/proposals/",
        f"/gram/proposals/{gram['proposal'].pk}/",
    ]
    problems = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(path)
            assert page.url.endswith(path), f"{path} sent to {page.url}"
            found = blocking_violations(page)
            if found:
                problems[f"{path} @{width}"] = found
            if not _no_horizontal_scroll(page):
                problems[f"{path} @{width}"] = ["scrolls horizontally"]
    assert problems == {}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_secretariat_records_presence_with_a_full_size_named_control(
    page, sign_in, gram, live_server, width
):
    """At the meeting, often on a phone: each member's presence select and its button are
    targets of at least 44 px, the select is named after the member, and it fits the screen."""
    meeting, officer = gram["meeting"], gram["officer"]
    services.convene(meeting, by=officer)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(officer.email, PASSWORD)
    page.goto(f"/gram/meetings/{meeting.pk}/")
    page.wait_for_selector(".table-stack[data-stacked]", state="attached")  # tandem.js ran
    name = gram["member"].get_full_name()
    select = page.get_by_role("combobox", name=f"Presence: {name}", exact=True)
    if os.environ.get("SCREENSHOTS"):  # to look at them
        select.scroll_into_view_if_needed()
        page.screenshot(path=f"{os.environ['SCREENSHOTS']}/attendance-{width}.png")
    row_form = select.locator("xpath=ancestor::form")
    button = row_form.get_by_role("button", name="Record")
    for control in (select, button):
        box = control.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert float(select.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 16
    assert _no_horizontal_scroll(page)
    select.select_option(label="In the room")
    with page.expect_navigation():
        button.click()
    assert page.get_by_text("The attendance was recorded.").is_visible()
    assert (
        page.get_by_role("combobox", name=f"Presence: {name}", exact=True).input_value() == "room"
    )
