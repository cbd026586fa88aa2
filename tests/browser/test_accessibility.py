"""axe-core on every page of the foundation, signed out and for each kind of person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.core.notifications import notify
from tests.browser.axe import blocking_violations, layout_problems
from tests.browser.language_mix import mixed_language_words

# serialized_rollback: the reference data seeded by migrations survives the flushes of
# transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/password/reset/", "/nowhere/"]
PERSONAL_PAGES = [
    "/home/",
    "/profile/",
    "/profile/tokens/",
    "/profile/erase/",
    "/notifications/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate",
    "/accounts/email/",
    "/accounts/password/change/",
]
ADMIN_PAGES = ["/invitations/", "/people/", "/activity/", "/outbox/"]


def _check(page, paths):
    problems = {}
    for path in paths:
        page.goto(path)
        found = blocking_violations(page)
        found += mixed_language_words(page)  # tests/browser/language_mix.py
        if found:
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_public_pages_have_no_serious_accessibility_violation(page, language, live_server):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _check(page, PUBLIC_PAGES)


def test_personal_pages_have_no_serious_accessibility_violation(page, sign_in):
    user = UserFactory(roles=["member"])
    notify(user, kind="t", title="Une notification", email=False)
    sign_in(user.email, PASSWORD)
    _check(page, PERSONAL_PAGES)


def test_staff_pages_have_no_serious_accessibility_violation(page, sign_in):
    admin = UserFactory(roles=["admin", "officer"], is_demo=True)
    services.invite_person("guest@example.net", by=admin, roles=["member"])
    sign_in(admin.email, PASSWORD)
    _check(page, ADMIN_PAGES)
    page.goto("/people/")
    # On a phone the people table (a table of records) is laid out one person a block, each
    # value beside its column's name: nothing to scroll, so its region is no tab stop; a table
    # that scrolls is checked in test_wide_tables.py.
    page.set_viewport_size({"width": 390, "height": 800})
    region = page.locator(".table-scroll").first
    first_row = page.locator(".table-scroll tbody tr").first
    # The resize handler runs after the resize: expect() waits for it.
    expect(first_row).to_have_css("display", "block")
    expect(region).not_to_have_attribute("tabindex", "0")
    assert region.evaluate("(r) => r.scrollWidth <= r.clientWidth + 1")
    headers = page.locator(".table-scroll thead th").all_inner_texts()
    labels = [td.get_attribute("data-label") for td in first_row.locator("td").all()]
    assert labels == [h.strip() for h in headers] and len(labels) == 3
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(first_row).to_have_css("display", "table-row")
    with page.expect_navigation():
        page.locator("table a").first.click()
    assert blocking_violations(page) == []


def test_a_form_with_errors_has_no_serious_accessibility_violation(page, sign_in):
    user = UserFactory(roles=["member"])
    sign_in(user.email, PASSWORD)
    page.goto("/profile/erase/")
    page.fill("input[name=confirm]", "not-my-email")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert blocking_violations(page) == []


@pytest.mark.parametrize("role", ["gram", "director"])
def test_the_pages_a_role_reaches_from_its_home_pass_the_checks(page, sign_in, live_server, role):
    """The roles that the other crawls do not sign in as: their home page and every page its
    menu and its cards lead to, each with axe and at a phone's and a desktop's width."""
    person = UserFactory(roles=[role], is_demo=True)
    sign_in(person.email, PASSWORD)
    page.goto("/home/")
    links = page.eval_on_selector_all(
        ".main-nav a, main a", "links => links.map(a => a.getAttribute('href'))"
    )
    reached = {link for link in links if link and link.startswith("/") and "logout" not in link}
    paths = ["/home/", *sorted(reached - {"/home/"})]
    _check(page, paths[:15])


def test_the_responsive_check_sees_a_wide_page_and_a_broken_word(page):
    """What the crawl relies on: the layout check fails on the faults of issue 14."""
    page.set_content(
        "<main><table><tr><td style='overflow-wrap: anywhere; width: 3ch'>Lefèvre</td>"
        "<td>06/12/2026</td></tr></table><div style='width: 600px'>wide</div></main>"
    )
    problems = layout_problems(page)
    assert "390px: the page is 608px wide in a 390px window" in problems
    assert '390px: "Lefèvre" is broken across lines in a table cell' in problems
    assert not any("06/12/2026" in problem for problem in problems)
    page.set_content(
        "<main><table><tr><td style='width: 4ch'>Jean-Pierre Lefèvre art. 13(2)(b)(c) "
        "and/or</td></tr></table></main>"
    )
    assert layout_problems(page) == []


def test_the_reference_forms_with_the_staff_field_pass_the_checks(page, sign_in):
    """The reference page and an institute's form with its staff field, in French and English,
    as typed and once refused (an unknown address named, what was typed kept)."""
    from tandem.directory.models import Institute

    officer = UserFactory(roles=["officer"], is_demo=True)
    institute = Institute.objects.order_by("pk").first()
    sign_in(officer.email, PASSWORD)
    for language in ("fr", "en"):
        officer.language = language  # pages speak their reader's language
        officer.save(update_fields=["language"])
        _check(
            page,
            [
                "/directory/reference/",
                f"/directory/reference/institutes/{institute.pk}/",
                "/directory/reference/offices/new/",
            ],
        )
        page.fill("textarea[name=staff]", "personne@example.org")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator(".error-summary").is_visible()
        assert page.locator("textarea[name=staff]").input_value() == "personne@example.org"
        assert blocking_violations(page) == []
