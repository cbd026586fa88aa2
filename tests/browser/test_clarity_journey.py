from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.axe import blocking_violations

# serialized_rollback: the reference data seeded by migrations survives the flushes of
# transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = (
    "Il vous sera demandé de vous soumettre à une ponction lombaire dans le cadre du protocole, "
    "nonobstant les dispositions susmentionnées relatives à la pharmacovigilance et à la randomisation "
    "des participants inclus dans l'étude multicentrique contrôlée versus placebo en double aveugle.\n\n"
    "Vous pouvez retirer votre consentement à tout moment."
)


def test_a_researcher_checks_a_leaflet_then_a_better_version(page, sign_in):
    user = UserFactory(roles=["researcher"], language="en")
    sign_in(user.email, PASSWORD)
    page.goto("/clarity/")
    assert blocking_violations(page) == []
    page.fill("input[name=title]", "Leaflet v1")
    page.select_option("select[name=language]", "fr")
    page.fill("textarea[name=text]", TEXT)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Leaflet v1"
    assert page.locator(".report-text mark").count() > 3
    assert page.locator("#finding-1").is_visible()
    assert blocking_violations(page) == []

    with page.expect_navigation():
        page.get_by_role("link", name="Check a new version").click()
    page.fill("input[name=title]", "Leaflet v2")
    page.fill(
        "textarea[name=text]",
        "Nous ferons une prise de liquide dans le dos. Vous pouvez arrêter à tout moment.",
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_by_text("Compared with the earlier version").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="See the full comparison").click()
    assert blocking_violations(page) == []
    page.goto("/clarity/mine/")
    assert page.get_by_role("link", name="Leaflet v2").is_visible()
    assert blocking_violations(page) == []


def test_the_lexicon_page_is_accessible(page, sign_in):
    user = UserFactory(roles=["coordinator"], is_demo=True, language="fr")
    sign_in(user.email, PASSWORD)
    page.goto("/clarity/lexicon/")
    assert blocking_violations(page) == []
