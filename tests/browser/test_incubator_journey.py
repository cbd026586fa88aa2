"""The incubator in the browser: a member proposes a project and an officer takes it to a
generated agreement; an officer publishes a new version of a resource; axe-core on every
incubator page, in both languages, and the main pages at a phone's width."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.incubator import services
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import Project, ResourceKind
from tandem.incubator.tests.conftest import docx, pdf
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(page, selector="main form.form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def _template(officer):
    return services.add_resource(
        officer,
        title="Convention de partenariat",
        summary="",
        kind=ResourceKind.AGREEMENT_TEMPLATE,
        language="fr",
        visibility="members",
        upload=docx(agreement_template("fr")),
        file_kind="docx",
    )


def test_a_proposed_project_goes_through_to_a_generated_agreement(
    page, sign_in, live_server, tmp_path
):
    member = UserFactory(roles=["member"], language="en")
    officer = UserFactory(roles=["officer"], is_demo=True, language="en")
    researcher = UserFactory(roles=["researcher"], language="en")
    organization = OrganizationFactory(name="Alcool Écoute Proches", is_public=True)
    make_admin(organization, member)
    template = _template(officer)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    # The member proposes the project from the public page.
    page.goto("/")
    with page.expect_navigation():
        page.locator("a[href='/incubator/']").first.click()
    assert blocking_violations(page) == []
    sign_in(member.email, PASSWORD)
    page.goto("/incubator/projects/new/")
    _submit(page)  # empty: the error summary, nothing stored
    assert page.locator(".error-summary").is_visible()
    assert blocking_violations(page) == []
    page.fill("input[name=title]", "Living beside alcohol dependence")
    page.fill("textarea[name=question]", "How do relatives live with a dependent person?")
    page.fill("textarea[name=why_it_matters]", "Relatives burn out and are rarely heard.")
    page.check(f"input[name=organizations][value='{organization.pk}']")
    page.check("input[name=help_needed][value=agreement]")
    _submit(page)
    assert "Living beside alcohol dependence" in page.locator("h1").inner_text()
    assert page.locator(".message-success").is_visible()
    assert blocking_violations(page) == []
    project = Project.objects.get(title="Living beside alcohol dependence")
    page.context.clear_cookies()

    # The officer completes it and generates the agreement: first told what is missing.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(officer.email, PASSWORD)
    page.goto(project.get_absolute_url())
    assert blocking_violations(page) == []
    page.fill("#id_researcher-email", researcher.email)
    _submit(page, "form[action$='/researchers/'] button[type=submit]")
    assert page.locator(".message-success").is_visible()
    page.goto(f"/incubator/projects/{project.pk}/agreement/")
    page.select_option("select[name=template]", str(template.pk))
    _submit(page)
    assert "the purpose of the partnership" in page.locator("main").inner_text()
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.locator("a[href$='/edit/']").first.click()
    page.fill("textarea[name=purpose]", "Study together how relatives live.")
    page.fill("input[name=duration_months]", "18")
    page.fill("textarea[name=data_handling]", "Pseudonymised interviews kept by the unit.")
    page.fill("textarea[name=publication]", "Joint paper and a plain-language summary.")
    page.fill("textarea[name=volunteer_compensation]", "Travel costs refunded.")
    assert blocking_violations(page) == []
    _submit(page)
    page.goto(f"/incubator/projects/{project.pk}/agreement/")
    page.select_option("select[name=template]", str(template.pk))
    _submit(page)
    assert "Partnership agreement of" in page.locator("h1").inner_text()
    assert blocking_violations(page) == []
    with page.expect_download() as download:
        page.locator("a[href$='/versions/1/download/']").click()
    saved = tmp_path / "agreement.docx"
    download.value.save_as(saved)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert "Living beside alcohol dependence" in text and "Travel costs refunded." in text
    assert organization.name in text


def test_an_officer_publishes_a_new_version_of_a_resource(page, sign_in, live_server, tmp_path):
    officer = UserFactory(roles=["officer"], is_demo=True, language="fr")
    resource = services.add_resource(
        officer,
        title="Guide de la recherche participative",
        summary="Pour commencer.",
        kind=ResourceKind.METHOD_GUIDE,
        language="fr",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    sign_in(officer.email, PASSWORD)
    page.goto(resource.get_absolute_url())
    with page.expect_navigation():
        page.locator("a[href$='/versions/new/']").click()
    assert blocking_violations(page) == []
    bad = tmp_path / "guide.pdf"
    bad.write_bytes(b"<html><script>alert(1)</script></html>")
    page.set_input_files("input[name=file]", str(bad))
    page.fill("textarea[name=change_note]", "Chapitre 2 réécrit")
    _submit(page)
    assert page.locator(".error-summary").is_visible()
    good = tmp_path / "guide-v2.docx"
    good.write_bytes(agreement_template("fr"))
    page.set_input_files("input[name=file]", str(good))
    page.fill("textarea[name=change_note]", "Chapitre 2 réécrit")
    _submit(page)
    assert page.locator(".message-success").is_visible()
    assert "Chapitre 2 réécrit" in page.locator("table").inner_text()
    page.context.clear_cookies()
    page.goto("/incubator/library/?q=guide")
    assert "version 2" in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_incubator_pages_have_no_serious_accessibility_violation(
    page, sign_in, live_server, language
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    officer = UserFactory(roles=["officer"], is_demo=True, language=language)
    member = UserFactory(roles=["member"], language=language)
    project = services.propose_project(
        member, title="Projet", question="Q", why_it_matters="W", help_needed=["design"]
    )
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    services.publish_project(project, public=True, by=officer)
    support = services.request_support(member, kind="funding", subject="S", description="D")
    group = services.create_working_group(
        officer, name="Groupe", purpose="P", coordinator=member, is_public=True
    )
    resource = _template(officer)
    problems = {}
    for path in [
        "/incubator/",
        "/incubator/library/",
        f"/incubator/public/projects/{project.pk}/",
        f"/incubator/public/groups/{group.pk}/",
    ]:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    sign_in(officer.email, PASSWORD)
    for path in [
        "/incubator/projects/",
        project.get_absolute_url(),
        f"/incubator/projects/{project.pk}/edit/",
        "/incubator/portfolio/",
        "/incubator/contributions/",
        "/incubator/support/",
        "/incubator/support/new/",
        "/incubator/support/queue/",
        support.get_absolute_url(),
        "/incubator/library/new/",
        resource.get_absolute_url(),
        f"/incubator/library/{resource.pk}/edit/",
        "/incubator/groups/",
        "/incubator/groups/new/",
        group.get_absolute_url(),
        f"/incubator/groups/{group.pk}/meetings/new/",
        f"/incubator/projects/{project.pk}/meetings/new/",
    ]:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    # A phone's width: no horizontal scrolling on the main pages.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in [
        "/incubator/",
        project.get_absolute_url(),
        "/incubator/library/",
        support.get_absolute_url(),
    ]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems[f"{path} at 390 px"] = [f"{width} px wide"]
    assert problems == {}
