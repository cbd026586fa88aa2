from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.axe import blocking_violations

# serialized_rollback: the reference data seeded by migrations survives the flushes of
# transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_signs_in_and_reads_tandem_in_both_languages(page, sign_in):
    user = UserFactory(roles=["member"], first_name="Mona", language="fr")
    sign_in(user.email, PASSWORD)
    assert page.locator("h1").inner_text().startswith("Bonjour")
    assert page.locator("html").get_attribute("lang") == "fr"
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("English")).click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Hello")
    page.goto("/profile/")  # the choice follows the person
    assert page.locator("html").get_attribute("lang") == "en"
    user.refresh_from_db()
    assert user.language == "en"


def test_a_wrong_password_shows_one_generic_message_and_keeps_the_email(page):
    user = UserFactory()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", "wrong")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.input_value("input[name=login]") == user.email


def test_a_person_sets_up_two_factor_authentication(page, sign_in):
    user = UserFactory(roles=["researcher"], language="en")
    sign_in(user.email, PASSWORD)
    page.goto("/accounts/2fa/totp/activate")
    if "reauthenticate" in page.url:  # allauth asks for the password again before a security change
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    secret = page.input_value("#authenticator_secret")
    counter = next(yield_hotp_counters_from_time())
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, counter)))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert user.authenticator_set.filter(type="totp").exists()
    # Signing in again now asks for the second factor.
    page.context.clear_cookies()
    sign_in(user.email, PASSWORD)
    assert "/accounts/2fa/authenticate" in page.url


def test_an_invited_person_creates_their_account(page, db):
    officer = UserFactory(roles=["officer"])
    _invitation, token = services.invite_person(
        "nina@example.net", by=officer, roles=["reviewer"], first_name="Nina", language="en"
    )
    page.goto(f"/invitation/{token}/")
    assert page.input_value("input[name=first_name]") == "Nina"
    assert blocking_violations(page) == []
    page.fill("input[name=last_name]", "Simon")
    page.fill("input[name=password1]", "a-long-passphrase-42")
    page.fill("input[name=password2]", "a-long-passphrase-42")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/home/")
    assert "Nina" in page.locator("h1").inner_text()
    # The same link, used again, explains itself and offers a way forward.
    page.context.clear_cookies()
    page.goto(f"/invitation/{token}/")
    assert page.locator("h1").inner_text() == "Cette invitation ne peut pas être utilisée"
    assert blocking_violations(page) == []
