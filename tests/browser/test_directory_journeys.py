"""The directory in the browser: registering and validating an organization, a researcher's
matching, and axe-core on every directory page."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.directory.tests.factories import (
    OrganizationFactory,
    ResearcherFactory,
    UnitFactory,
    area,
    make_admin,
)
from tests.browser.axe import blocking_violations

# serialized_rollback: the reference data seeded by migrations survives the flushes of
# transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(page):
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").first.click()


def test_a_member_registers_an_organization_and_an_officer_validates_it(page, sign_in):
    member = UserFactory(roles=["member"], language="fr")
    officer = UserFactory(roles=["officer"], is_demo=True, language="fr")
    sign_in(member.email, PASSWORD)
    page.goto("/directory/organizations/new/")
    page.fill("input[name=name]", "Souffle d'Armor")
    page.fill("input[name=rna]", "W 123")
    _submit(page)
    assert page.locator(".error-summary").is_visible()
    assert "W751234567" in page.locator(".field-error").first.inner_text()
    assert blocking_violations(page) == []
    page.fill("input[name=rna]", "W221234567")
    page.select_option("select[name=region]", "bre")
    _submit(page)
    assert "Souffle d'Armor" in page.locator("h1").inner_text()
    page.context.clear_cookies()

    sign_in(officer.email, PASSWORD)
    page.goto("/directory/queue/")
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.locator("table form button.button-primary").first.click()
    assert page.locator(".message-success").is_visible()
    page.context.clear_cookies()

    page.goto("/directory/?q=souffle+armor")
    assert page.get_by_role("link", name="Souffle d'Armor").is_visible()


def test_a_researcher_finds_partner_organizations_with_reasons(page, sign_in):
    researcher = UserFactory(roles=["researcher"], language="en")
    diabetes = area("E10-E14")
    OrganizationFactory(name="Diabète Ensemble", areas=[diabetes])
    OrganizationFactory(name="Respirer Mieux", areas=[area("J40-J47")])
    sign_in(researcher.email, PASSWORD)
    page.goto("/directory/researcher/")
    page.fill("textarea[name=keywords]", "type 1 diabetes, teenagers")
    # Disease areas: the chooser's filter box narrows the 118 areas; tick the one wanted with
    # the keyboard, and the summary says what is chosen.
    page.fill("#id_disease_area_ids_filter", "diabète sucré")  # the French name, on an English page
    shown = page.locator("[data-chooser-option]:visible")
    assert 0 < shown.count() < 10
    assert any("E10-E14" in text for text in shown.all_inner_texts())
    page.press("#id_disease_area_ids_filter", "Enter")  # filtering never sends the form
    assert page.url.endswith("/directory/researcher/")
    page.focus(f"input[name=disease_area_ids][value='{diabetes.pk}']")
    page.keyboard.press("Space")
    assert "E10-E14" in page.locator("[data-chooser-summary]").first.inner_text()
    _submit(page)
    page.goto(f"/directory/researcher/partners/?text=diabetes&disease_area_ids={diabetes.pk}")
    first = page.locator(".match-list > li").first
    assert "Diabète Ensemble" in first.inner_text()
    assert "one of your disease areas" in first.inner_text()
    assert blocking_violations(page) == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_directory_pages_have_no_serious_accessibility_violation(
    page, sign_in, live_server, language
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    org = OrganizationFactory(name="Vaincre Ensemble", areas=[area("586")])
    unit = UnitFactory()
    ResearcherFactory(unit=unit, areas=[area("586")])
    problems = {}
    for path in ["/directory/", "/directory/?q=vaincre&region=idf", org.get_absolute_url()]:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    officer = UserFactory(roles=["officer", "researcher"], is_demo=True, language=language)
    make_admin(org, officer)
    sign_in(officer.email, PASSWORD)
    for path in [
        "/directory/queue/",
        org.get_absolute_url(),
        f"/directory/organizations/{org.pk}/edit/",
        f"/directory/organizations/{org.pk}/members/",
        f"/directory/organizations/{org.pk}/research/",
        f"/directory/organizations/{org.pk}/merge/",
        "/directory/organizations/new/",
        "/directory/organizations/mine/",
        "/directory/researcher/",
        "/directory/researcher/partners/?text=mucoviscidose",
        f"/directory/units/{unit.pk}/",
        "/directory/reference/",
        "/directory/reference/disease-areas/new/",
        "/directory/reference/units/new/",
        "/directory/import/",
        "/directory/me/health/",
    ]:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    assert problems == {}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_member_records_a_condition_with_consent_then_deletes_it(
    page, sign_in, live_server, language
):
    from tandem.directory.models import HealthInformation

    member = UserFactory(roles=["member"], language=language)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    diabetes = area("E10-E14")
    sign_in(member.email, PASSWORD)
    page.goto("/profile/")
    with page.expect_navigation():
        page.locator("a[href='/directory/me/health/']").click()
    assert blocking_violations(page) == []
    # Without the consent box: nothing is stored, and the choices are still there.
    page.select_option("select[name=disease_area]", str(diabetes.pk))
    page.check("input[name=relation][value=self]")
    _submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("select[name=disease_area]").input_value() == str(diabetes.pk)
    assert page.locator("input[name=relation][value=self]").is_checked()
    assert not HealthInformation.objects.exists()
    assert blocking_violations(page) == []
    page.check("input[name=consent]")
    _submit(page)
    assert page.locator(".message-success").is_visible()
    assert page.locator("input[name=keep]").first.is_checked()
    assert blocking_violations(page) == []
    # Delete leads to a confirmation page that says what goes; it deletes nothing by itself.
    with page.expect_navigation():
        page.locator("a.button-danger[href='/directory/me/health/delete/']").click()
    assert page.url.endswith("/directory/me/health/delete/")
    name = diabetes.name_en if language == "en" else diabetes.name_fr
    assert name in page.locator("main li").first.inner_text()
    assert HealthInformation.objects.exists()
    assert blocking_violations(page) == []
    # Keyboard order: the confirm button, then Cancel.
    page.locator("main form button.button-danger").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/directory/me/health/"
    # Cancel goes back with everything kept; then delete for good.
    with page.expect_navigation():
        page.locator("main form a[href='/directory/me/health/']").click()
    assert page.locator("input[name=keep]").first.is_checked()
    with page.expect_navigation():
        page.locator("a.button-danger[href='/directory/me/health/delete/']").click()
    with page.expect_navigation():
        page.locator("main form button.button-danger").click()
    assert not HealthInformation.objects.exists()
    assert page.locator(".message-success").is_visible()
    assert page.locator("input[name=keep]").count() == 0
