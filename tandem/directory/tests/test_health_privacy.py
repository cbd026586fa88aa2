"""A person's health information never shows anywhere but on their own page: not in the public
directory, organization pages, member lists, search, matching, the API, the activity log or the
administrators' pages, whoever looks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.directory import health, matching, queries
from tandem.directory.models import HealthRelation, OrganizationMembership
from tandem.directory.tests.factories import OrganizationFactory, ResearcherFactory, make_admin


@pytest.fixture
def paloma(db, organization, hiv, als, diabetes):
    """A researcher who is also a member of the organization, and who chose to say that she
    lives with HIV and cares for someone with ALS (neither is one of the organization's areas)."""
    person = UserFactory(
        roles=[Role.MEMBER, Role.RESEARCHER], first_name="Paloma", last_name="Secret"
    )
    OrganizationMembership.objects.create(organization=organization, user=person, role="member")
    ResearcherFactory(user=person, keywords="qualité de vie", areas=[diabetes])
    health.save_health_information(
        person,
        by=person,
        conditions=[(hiv, HealthRelation.LIVES_WITH), (als, HealthRelation.CARES_FOR)],
        consent=True,
    )
    return person


@pytest.fixture
def secrets(hiv, als):
    """What must not appear: the areas' names in both languages, their codes as shown, the
    relations' labels."""
    return [
        "immunodeficiency",
        "immunodéficience",
        "[HIV]",
        "[VIH]",
        "B20-B24",
        als.name_en,
        als.name_fr,
        str(HealthRelation.LIVES_WITH.label),
        str(HealthRelation.CARES_FOR.label),
        "care for someone",
    ]


def assert_absent(content: str, secrets: list[str]) -> None:
    found = [s for s in secrets if s in content]
    assert found == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_organization_page_of_which_she_is_a_member_does_not_show_it(
    persona, as_persona, organization, paloma, secrets
):
    client, user = as_persona(persona)
    if persona == "member":
        make_admin(organization, user)  # the organization's admin sees the member list
    response = client.get(organization.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    if persona in ("member", "officer", "admin_user"):
        assert "Paloma Secret" in content  # the member list is on the page
    assert_absent(content, secrets)


def test_her_own_view_of_the_organization_does_not_show_it_either(
    client, organization, paloma, secrets
):
    client.force_login(paloma)
    assert_absent(client.get(organization.get_absolute_url()).content.decode(), secrets)
    assert_absent(client.get(reverse("directory:mine")).content.decode(), secrets)


@pytest.mark.parametrize("viewer", ["org_admin", "officer", "admin_user"])
def test_the_member_list_does_not_show_it(viewer, request, client, organization, paloma, secrets):
    client.force_login(request.getfixturevalue(viewer))
    response = client.get(reverse("directory:members", args=[organization.pk]))
    content = response.content.decode()
    assert response.status_code == 200 and "Paloma Secret" in content
    assert_absent(content, secrets)


@pytest.mark.parametrize("persona", ["anonymous", "member", "officer"])
def test_the_directory_and_its_search_do_not_show_it(persona, as_persona, paloma, secrets, hiv):
    client, _user = as_persona(persona)
    # The filters list every disease area, so the page is checked for the relations, and the
    # results (the page from its results region on) for everything.
    page = client.get(reverse("directory:directory")).content.decode()
    assert_absent(page, secrets[-3:])
    for params in ({"q": "VIH"}, {"q": "Paloma"}, {"disease_area": hiv.pk}):
        response = client.get(reverse("directory:directory"), params)
        assert response.context["rows"] == []
        results = response.content.decode().split('<div id="results">')[1]
        assert_absent(results, [*secrets, "Paloma"])


def test_researcher_search_and_matching_do_not_use_it(officer, organization, paloma, hiv, als):
    assert "vih" not in paloma.researcher_profile.search_text
    assert list(queries.search_researchers("VIH", visible_to=officer)) == []
    assert list(queries.search_researchers("", visible_to=officer, area=hiv)) == []
    assert list(queries.search_researchers("charcot", visible_to=officer)) == []
    about_hiv = OrganizationFactory(name="Vivre avec le VIH", areas=[hiv, als])
    matched = matching.match_researchers(about_hiv, limit=50)
    assert paloma.pk not in [m.target.user_id for m in matched]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_api_does_not_show_it(persona, as_persona, organization, paloma, secrets, hiv):
    client, _user = as_persona(persona)
    responses = [
        client.get(reverse("api-organizations")),
        client.get(reverse("api-organization", args=[organization.pk])),
        client.get(reverse("api-researchers")),
        client.get(reverse("api-researchers"), {"q": "VIH"}),
        client.get(reverse("api-researchers"), {"disease_area": hiv.pk}),
        client.get(reverse("api-research-units")),
        client.get(reverse("api-me")),
    ]
    for response in responses:
        assert response.status_code in (200, 403)
        assert_absent(response.content.decode(), secrets)
    researchers = client.get(reverse("api-researchers"), {"disease_area": hiv.pk})
    if researchers.status_code == 200:
        assert researchers.json()["count"] == 0


def test_the_research_unit_page_does_not_show_it(client, officer, paloma, secrets):
    client.force_login(officer)
    unit = paloma.researcher_profile.unit
    content = client.get(reverse("directory:unit", args=[unit.pk])).content.decode()
    assert "Paloma Secret" in content
    assert_absent(content, secrets)


def test_the_activity_log_and_the_administrators_pages_do_not_show_it(
    client, admin_user, officer, paloma, secrets
):
    client.force_login(admin_user)
    for url in (
        reverse("core:action_log"),
        reverse("accounts:people"),
        reverse("accounts:person_roles", args=[paloma.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert_absent(response.content.decode(), secrets)
    client.force_login(officer)
    assert_absent(client.get(reverse("core:action_log")).content.decode(), secrets)
