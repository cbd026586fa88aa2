"""Wide tables on a phone (390 px), in French and English. A table of records (`table-stack`)
is laid out one block per row, each value beside its column's name; a table whose columns are
compared (the votes per college) scrolls sideways in a region that is named, focusable and
announced by a visible hint. Both are checked with axe at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.governance import services
from tandem.governance.models import Mandate
from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HINT = "This table is wider than the screen: scroll it sideways to see every column."


@pytest.fixture
def meeting():
    """A meeting in progress, every member in the room, one vote closed (its result per
    college published)."""
    officer = UserFactory(roles=["officer"], language="en", is_demo=True)
    body = services.create_body(name="GRAM", slug="gram", by=officer)
    today = timezone.localdate()
    for code, seats in (("patients", 10), ("researchers", 5), ("administration", 4)):
        college = body.colleges.get(code=code)
        for _ in range(seats):
            services.appoint(
                college,
                person=UserFactory(roles=["gram"]),
                start=today,
                end=today + dt.timedelta(days=900),
                by=officer,
            )
    meeting = services.schedule_meeting(
        body, title="Spring meeting", starts_at=timezone.now(), place="Paris", by=officer
    )
    services.add_agenda_item(meeting, title="Budget", by=officer)
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    for mandate in Mandate.objects.all():
        services.check_in(meeting, mandate=mandate, presence="room", by=officer)
    vote = services.open_vote(meeting.items.get(), question="Budget 2027 ?", by=officer)
    for mandate in Mandate.objects.all():
        services.cast_ballot(vote, mandate=mandate, cast_by=mandate, choice="for", by=officer)
    services.close_vote(vote, by=officer)
    return {"officer": officer, "meeting": meeting, "vote": vote}


def _sign_in(page, user, language):
    user.language = language
    user.save(update_fields=["language"])
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


# What the page shows of a table: how its rows are laid out, what is written beside each value,
# whether its region scrolls, and its hint.
TABLE = """(caption) => {
  const table = Array.from(document.querySelectorAll("main table"))
    .find((t) => t.caption && t.caption.textContent.trim() === caption);
  const region = table.closest(".table-scroll");
  const hint = document.getElementById(region.getAttribute("aria-describedby") || "")
    || region.previousElementSibling;
  const row = table.tBodies[0].rows[0];
  return {
    row: getComputedStyle(row).display,
    header: table.tHead.getBoundingClientRect().height > 1,
    labels: Array.from(row.cells).map((cell) => getComputedStyle(cell, "::before").content === "none"
      ? null : cell.getAttribute("data-label")),
    scrolls: region.scrollWidth > region.clientWidth + 1,
    role: region.getAttribute("role"),
    tabindex: region.getAttribute("tabindex"),
    named: region.getAttribute("aria-labelledby") === table.caption.id,
    hint: hint && hint.classList.contains("table-scroll-hint") && !hint.hidden
      && hint.getBoundingClientRect().height > 0 ? hint.textContent.trim() : null,
  };
}"""


def _words(language: str, text: str) -> str:
    """A column's words; "context|text" for a message with a context."""
    context, _bar, message = text.rpartition("|")
    with translation.override(language):
        return pgettext(context, message) if context else gettext(message)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_attendance_is_laid_out_one_member_a_block_on_a_phone(page, meeting, language):
    _sign_in(page, meeting["officer"], language)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(meeting["meeting"].get_absolute_url())
    for caption, columns in (
        ("Attendance", ["College", "Answer", "Presence"]),
        ("Quorum per college", ["quorum count|Present", "Represented", "Needed", "Reached"]),
    ):
        shown = page.evaluate(TABLE, _words(language, caption))
        assert shown["row"] == "block" and not shown["header"], caption
        assert shown["labels"] == [None, *(_words(language, c) for c in columns)], caption
        assert not shown["scrolls"] and shown["tabindex"] is None and shown["hint"] is None
    assert blocking_violations(page) == []  # at 390 and 1280 px; the window is left at 1280
    assert mixed_language_words(page) == []
    shown = page.evaluate(TABLE, _words(language, "Attendance"))
    assert shown["row"] == "table-row" and shown["header"]
    assert shown["labels"] == [None, None, None, None]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_votes_per_college_scroll_in_a_named_region_with_a_visible_hint(
    page, meeting, language
):
    _sign_in(page, meeting["officer"], language)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(meeting["vote"].get_absolute_url())
    caption = _words(language, "Per college")
    shown = page.evaluate(TABLE, caption)
    assert shown["scrolls"] and shown["row"] == "table-row"
    assert (shown["role"], shown["tabindex"], shown["named"]) == ("region", "0", True)
    assert shown["hint"] == "↔ " + _words(language, HINT)
    # Scrolled with the keyboard alone.
    region = page.get_by_role("region", name=caption)
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(r) => r.scrollLeft > 0", arg=region.element_handle(), timeout=3000)
    assert blocking_violations(page) == []
    assert mixed_language_words(page) == []
    # On a desktop it fits: no hint, no extra tab stop, once tandem.js has handled the resize
    # (blocking_violations leaves the window at 1280 px; on a busy machine that takes a while).
    page.wait_for_function(
        f"(caption) => {{ const shown = ({TABLE})(caption); return !shown.scrolls && !shown.hint; }}",
        arg=caption,
        timeout=5000,
    )
    shown = page.evaluate(TABLE, caption)
    assert not shown["scrolls"] and shown["hint"] is None and shown["tabindex"] is None


NO_SCRIPT_HINT = (
    "Without JavaScript, tables keep their columns: scroll a table sideways to see them all."
)


@pytest.mark.parametrize("script", [False, True], ids=["without JavaScript", "with JavaScript"])
def test_without_javascript_a_phone_is_told_that_tables_scroll(
    browser, live_server, meeting, script
):
    """Without JavaScript a table of records is not stacked and no table gets its own hint
    (both are tandem.js's): on a phone, one hint at the top of a page that has tables says
    that they scroll. On a desktop, or with JavaScript, it is not shown."""
    for width, shown in ((390, not script), (1280, False)):
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            java_script_enabled=script,
            viewport={"width": width, "height": 900},
        )
        page = context.new_page()
        _sign_in(page, meeting["officer"], "en")
        page.goto(f"/gram/meetings/{meeting['meeting'].pk}/")
        hint = page.locator(".noscript-table-hint")
        assert hint.is_visible() is shown, (width, script)
        if shown:
            assert NO_SCRIPT_HINT in hint.inner_text()
        context.close()
    # A page without a table never shows it.
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    assert page.locator(".noscript-table-hint").count() == 1
    assert not page.locator(".noscript-table-hint").is_visible()
    context.close()


LEAFLET = (
    "Nous vous proposons de participer à une recherche. Vous pouvez retirer votre consentement "
    "à tout moment. Vos données seront traitées par le responsable de traitement."
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_clarity_checklist_is_laid_out_one_element_a_block_on_a_phone(page, language):
    """The trial found the required elements' table 460 px wide at 390 px, its sources cut off."""
    from tandem.checks.services import submit_check

    user = UserFactory(roles=["researcher"], language=language)
    check = submit_check(
        user, title="Leaflet", document_kind="leaflet", language="fr", text=LEAFLET
    )
    _sign_in(page, user, language)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/clarity/{check.pk}/")
    shown = page.evaluate(TABLE, _words(language, "Checklist"))
    assert shown["row"] == "block" and not shown["header"]
    assert shown["labels"] == [None, _words(language, "Status"), _words(language, "Source")]
    assert not shown["scrolls"] and shown["hint"] is None
    assert blocking_violations(page) == []
    assert mixed_language_words(page) == []
