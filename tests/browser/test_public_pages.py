"""The public pages as a visitor meets them (issue 14, point 7), at a phone's width and a
desktop's, in both languages; a language switch keeps what was typed (point 5)."""

from __future__ import annotations

import os

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.directory.tests.factories import UnitFactory
from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/",
    "/about/college/",
    "/about/check/",
    "/accessibility/",
    "/legal/",
    "/privacy/",
    "/contact/",
]
WIDTHS = {"phone": 390, "desktop": 1280}
# TANDEM_SCREENSHOTS=/some/dir keeps a picture of each page at each width, to look at.
SHOTS = os.environ.get("TANDEM_SCREENSHOTS", "")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_public_pages_read_well_on_a_phone_and_a_desktop(page, live_server, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    unit = UnitFactory(name="Unité de recherche clinique")
    problems = {}
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        for path in [*PAGES, f"/directory/units/{unit.pk}/"]:
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            found = blocking_violations(page)
            found += mixed_language_words(page)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                found.append(f"{overflow} px wider than the window")
            if found:
                problems[f"{path} at {width} px"] = found
            if SHOTS:
                name = path.strip("/").replace("/", "-") or "home"
                page.screenshot(path=f"{SHOTS}/{name}-{language}-{width_name}.png", full_page=True)
    assert problems == {}


def test_a_visitor_finds_each_public_page_from_the_home_page(page):
    page.goto("/")
    for name in ("Collège des relecteurs", "Vérifier un document"):
        with page.expect_navigation():
            page.get_by_role("navigation", name="Menu principal").get_by_role(
                "link", name=name
            ).click()
        assert page.locator("h1").count() == 1
        page.goto("/")
    for footer_link in ("Mentions légales", "Confidentialité", "Contact"):
        with page.expect_navigation():
            page.locator("footer").get_by_role("link", name=footer_link).click()
        page.goto("/")
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Accessibilité", exact=False).click()
    assert "partiellement conforme" in page.locator("main").inner_text()
    assert page.request.get("/favicon.ico").headers["content-type"] == "image/x-icon"


def test_switching_language_keeps_what_was_typed(page, sign_in):
    """Issue 14: switching language on /reviews/new/ emptied the typed fields."""
    researcher = UserFactory(roles=["researcher"], language="fr")
    sign_in(researcher.email, PASSWORD)
    page.goto("/reviews/new/")
    page.fill("input[name=title]", "Étude du genou")
    page.fill("input[name=acronym]", "GENOU")
    page.select_option("select[name=language]", "en")
    with page.expect_navigation():
        page.locator("form.language-switcher button").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("input[name=title]") == "Étude du genou"
    assert page.input_value("input[name=acronym]") == "GENOU"
    assert page.input_value("select[name=language]") == "en"
    # Kept for the switch only: reloading shows the empty form again.
    page.reload()
    assert page.input_value("input[name=title]") == ""


def test_the_browser_bubble_never_replaces_the_pages_own_errors(page):
    """A French page with an empty required field: the server's French error summary, not the
    browser's bubble in the browser's own language."""
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main form").evaluate("f => f.noValidate")
