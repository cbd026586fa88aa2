"""What a visitor can read before signing in, the favicon, the menu's links and the activity
log's filter (issue 14, points 7 and 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.audit import log_action
from tandem.directory.models import OrganizationStatus, Partnership
from tandem.directory.tests.factories import OrganizationFactory, ResearcherFactory, UnitFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "core:about_college": "Who can join and how",
    "core:about_check": "Who can use it",
    "core:accessibility": "partially conformant with the RGAA",
    "core:legal": "Director of publication",
    "core:privacy": "Your rights",
    "core:contact": "data-protection officer",
}


@pytest.mark.parametrize(("name", "words"), PUBLIC.items())
def test_a_visitor_reads_each_public_page(client, name, words):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert words in response.content.decode()


def test_the_accessibility_statement_gives_its_level_tests_contact_and_recourse(client, settings):
    settings.CONTACT_EMAIL = "accessibilite@institut.example"
    content = client.get(reverse("core:accessibility")).content.decode()
    assert "partially conformant" in content
    assert "axe-core" in content
    assert "mailto:accessibilite@institut.example" in content
    assert "Défenseur des droits" in content


def test_the_public_pages_are_in_french_for_a_french_reader(client):
    client.cookies["django_language"] = "fr"
    content = client.get(reverse("core:accessibility")).content.decode()
    assert '<html lang="fr">' in content
    assert "partiellement conforme" in content


def test_the_legal_notice_shows_the_configured_publisher(client, settings):
    settings.PUBLISHER = "Institut de recherche, 101 rue de Tolbiac, 75013 Paris"
    content = client.get(reverse("core:legal")).content.decode()
    assert "101 rue de Tolbiac" in content


def test_every_page_links_to_the_public_pages_in_its_footer(client):
    content = client.get(reverse("core:home")).content.decode()
    for name in ("core:accessibility", "core:legal", "core:privacy", "core:contact"):
        assert f'href="{reverse(name)}"' in content


def test_a_visitor_is_sent_to_explanations_not_to_the_sign_in_page(client):
    content = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("core:about_college")}"' in content
    assert f'href="{reverse("core:about_check")}"' in content
    assert f'href="{reverse("reviews:my_requests")}"' not in content
    assert f'href="{reverse("checks:check")}"' not in content


def test_the_favicon_is_the_projects_own_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in client.get(reverse("core:home")).content.decode()


def test_a_unit_page_is_public_with_its_public_fields_only(client, researcher):
    unit = UnitFactory(name="Unité Épidémiologie", director=researcher)
    ResearcherFactory(unit=unit, user__first_name="Zélie", user__last_name="Chercheuse")
    listed = OrganizationFactory(name="Association listée")
    hidden = OrganizationFactory(name="Association en attente", status=OrganizationStatus.PENDING)
    Partnership.objects.create(organization=listed, unit=unit, year=2022, title="Cohorte A")
    Partnership.objects.create(organization=hidden, unit=unit, year=2023, title="Cohorte B")
    response = client.get(reverse("directory:unit", args=[unit.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Unité Épidémiologie" in content
    assert "Association listée" in content
    assert "Association en attente" not in content
    assert "Chercheuse" not in content
    assert str(researcher) not in content  # the director is a person
    assert "Sign in" in content
    client.force_login(researcher)
    content = client.get(reverse("directory:unit", args=[unit.pk])).content.decode()
    assert "Chercheuse" in content
    assert "Association en attente" in content


def test_an_administrator_has_no_review_link_but_a_reviewer_has(client, admin_user, reviewer):
    my_reviews = f'href="{reverse("reviews:my_assignments")}"'
    admin_user.is_superuser = True  # as the demo's administrator
    admin_user.save()
    client.force_login(admin_user)
    assert my_reviews not in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(reviewer)
    assert my_reviews in client.get(reverse("core:dashboard")).content.decode()


def test_officers_find_the_approval_queue_and_the_lexicon_in_the_menu(client, officer, member):
    client.force_login(officer)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("directory:queue")}"' in content
    assert f'href="{reverse("checks:lexicon")}"' in content
    client.force_login(member)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("directory:queue")}"' not in content
    assert f'href="{reverse("checks:lexicon")}"' not in content


def test_the_activity_log_hides_sign_ins_and_filters_by_words(client, officer, member):
    for _ in range(3):
        log_action(member, "accounts.login", by=member)
    log_action(member, "accounts.roles.changed", by=officer)
    org = OrganizationFactory(name="Association filtrée")
    log_action(org, "directory.organization.updated", by=officer)
    client.force_login(officer)
    url = reverse("core:action_log")

    def rows(**query):
        page = client.get(url, query).content.decode()
        return page.split('class="filters"')[1].split("</form>")[1]

    content = client.get(url).content.decode()
    # The choices are words, grouped by module.
    assert '<option value="directory">Directory</option>' in content
    assert '<optgroup label="Accounts">' in content
    assert "Signed in" not in rows()
    assert "Roles changed" in rows() and "Association filtrée" in rows()
    assert "Association filtrée" in rows(module="directory")
    assert "Roles changed" not in rows(module="directory")
    assert "Roles changed" in rows(action="accounts.roles.changed")
    assert "Association filtrée" not in rows(action="accounts.roles.changed")
    assert rows(sign_ins="on").count("Signed in") == 3
    assert rows(action="accounts.login").count("Signed in") == 3


def test_the_activity_log_reads_a_constant_number_of_queries(
    client, officer, member, django_assert_max_num_queries
):
    for _ in range(30):
        log_action(member, "accounts.roles.changed", by=officer)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:action_log")).status_code == 200
