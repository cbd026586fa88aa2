"""Form controls a person with low vision can read and hit on a phone (390 px): the date and
time fields, the file chooser, the choices whose label wraps, and allauth's own fields (the
authenticator's secret) have the size of the other fields."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def _box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        """e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                  return {width: r.width, height: r.height, font: parseFloat(s.fontSize),
                          scroll: e.scrollWidth, client: e.clientWidth}; }"""
    )


def test_date_and_time_fields_are_as_large_as_the_others(page, sign_in):
    officer = UserFactory(roles=["officer"], is_demo=True, language="fr")
    page.set_viewport_size(PHONE)
    sign_in(officer.email, PASSWORD)
    page.goto(reverse("events:new_event"))
    title = _box(page, "#id_title")
    for selector in ("#id_registration_opens", "#id_sessions-0-starts_at"):
        field = _box(page, selector)
        assert field["height"] >= title["height"] - 2, selector
        assert field["width"] >= title["width"] - 2, selector
        assert field["font"] >= 16, selector


def test_the_file_chooser_and_wrapped_choices_are_easy_to_hit(page, sign_in, live_server):
    from tandem.events.tests.conftest import make_event

    member = UserFactory(roles=["member"], language="fr")
    event = make_event(UserFactory(roles=["officer"]), capacity=5)
    page.set_viewport_size(PHONE)
    sign_in(member.email, PASSWORD)
    page.goto(reverse("checks:check"))
    chooser = _box(page, "input[type=file]")
    assert chooser["height"] >= 40 and chooser["font"] >= 16
    page.goto(reverse("events:register", args=[event.pk]))
    boxes = page.locator(".choice input[type=checkbox]").evaluate_all(
        "all => all.map(e => e.getBoundingClientRect().width)"
    )
    assert len(boxes) >= 5
    assert min(boxes) >= 19  # the one whose label wraps (easy-to-read documents) too


def test_the_authenticator_secret_is_shown_whole_and_readable(page, sign_in):
    member = UserFactory(roles=["member"], language="fr")
    page.set_viewport_size(PHONE)
    sign_in(member.email, PASSWORD)
    page.goto(reverse("mfa_activate_totp"))
    if "reauthenticate" in page.url:  # allauth asks for the password again first
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    secret = page.locator("#authenticator_secret")
    assert secret.get_attribute("readonly") is not None and not secret.is_disabled()
    box = _box(page, "#authenticator_secret")
    assert box["font"] >= 16 and box["height"] >= 40
    assert box["scroll"] <= box["client"]  # all of it is visible, none cut off
    assert len(secret.input_value()) >= 16
    help_id = secret.get_attribute("aria-describedby")
    assert help_id and "réinstaller" in page.locator(f"#{help_id}").inner_text()


def test_the_gram_menu_is_a_row_of_links_without_bullets(page, sign_in):
    # The GRAM's own menu (a list laid out as a row) showed its list bullets between the
    # links, over their last letter, on a phone.
    from tandem.governance import services

    officer = UserFactory(roles=["officer"], language="fr", is_demo=True)
    services.create_body(name="GRAM", slug="gram", by=officer)
    page.set_viewport_size(PHONE)
    sign_in(officer.email, PASSWORD)
    page.goto(reverse("governance:proposals"))
    menu = page.locator("main nav ul.actions-row")
    markers = menu.locator("li").evaluate_all(
        "all => all.map(e => getComputedStyle(e).listStyleType)"
    )
    assert len(markers) >= 4 and set(markers) == {"none"}
    heading = page.get_by_role("heading", level=1).bounding_box()
    first = menu.locator("a").first.bounding_box()
    assert heading and first and abs(first["x"] - heading["x"]) <= 1  # aligned, not indented
