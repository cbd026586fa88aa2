"""The content security policy is enforced and nothing a page needs is refused by it.

The other browser tests bypass the policy (axe-core is injected into each page); this one
keeps it, and reads the browser's reports of anything the policy blocked.
"""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC = ["/", "/accounts/login/", "/directory/", "/clarity/", "/api/v1/docs", "/nowhere/"]
SIGNED_IN = ["/home/", "/profile/", "/profile/tokens/", "/accounts/2fa/totp/activate"]


@pytest.fixture
def strict_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page, refused
    context.close()


def _visit(page, paths: list[str]) -> None:
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("networkidle")


def test_public_pages_and_the_api_docs_need_nothing_the_policy_refuses(strict_page):
    page, refused = strict_page
    _visit(page, PUBLIC)
    # The API docs really ran their script under the policy.
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert refused == [], "\n".join(refused)


def test_signed_in_pages_need_nothing_the_policy_refuses(strict_page):
    page, refused = strict_page
    user = UserFactory(roles=["member"])
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    _visit(page, SIGNED_IN)
    assert refused == [], "\n".join(refused)
