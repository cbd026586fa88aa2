"""axe-core on every page of the foundation, signed out and for each kind of person."""

from __future__ import annotations

import pytest

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.core.notifications import notify
from tests.browser.axe import blocking_violations
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
