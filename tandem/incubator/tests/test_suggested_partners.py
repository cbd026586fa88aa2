"""A project's page suggests the organizations and researchers who work on its disease areas
(or on an area below them), each with why, and none that merely shares words of its title;
a project without a disease area says where its suggestions come from."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.models import Role
from tandem.directory.tests.factories import OrganizationFactory, ResearcherFactory, area
from tandem.incubator import services
from tandem.incubator.suggestions import suggested_partners

TITLE = "Activité physique et Parkinson"
QUESTION = "Quelle activité physique adaptée les personnes préfèrent-elles ?"


def _project(member, *codes):
    return services.propose_project(
        member,
        title=TITLE,
        question=QUESTION,
        why_it_matters="Les programmes proposés sont souvent abandonnés.",
        help_needed=["design"],
        disease_areas=[area(c) for c in codes],
        organizations=[],
    )


def _partners():
    OrganizationFactory(name="Trembler Ensemble", areas=[area("G20-G26")])
    # The project's words, not its disease area.
    OrganizationFactory(
        name="Sport et Diabète",
        description="Activité physique adaptée pour les personnes diabétiques.",
        areas=[area("E10-E14")],
    )
    ResearcherFactory(
        areas=[area("G20-G26")],
        user__roles=[Role.RESEARCHER],
        user__first_name="Léa",
        user__last_name="Gauthier",
        contact_email="lea.gauthier@unite.example.org",
    )
    ResearcherFactory(
        areas=[area("E10-E14")],
        user__roles=[Role.RESEARCHER],
        user__first_name="Karim",
        user__last_name="Haddad",
    )


def _suggested(client, project) -> str:
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200
    return page.text.split('id="suggestions-title"', 1)[1].split("</section>", 1)[0]


def _proposers_page(client, member, *codes) -> str:
    """The suggestions on the page of a project on `codes`, as its proposer sees them."""
    _partners()
    project = _project(member, *codes)
    client.force_login(member)
    return _suggested(client, project)


def test_the_page_suggests_only_partners_of_the_projects_disease_area(client, member):
    suggested = _proposers_page(client, member, "G20-G26")

    assert "Trembler Ensemble" in suggested
    assert "Sport et Diabète" not in suggested
    assert "Works on Extrapyramidal and movement disorders, one of the project&#x27;s" in suggested
    assert "who work on the project's disease areas" in suggested
    assert "Léa Gauthier" in suggested and "Karim Haddad" not in suggested
    assert 'href="mailto:lea.gauthier@unite.example.org"' in suggested


def test_an_area_above_the_partners_suggests_them_as_more_specific(client, member):
    suggested = _proposers_page(client, member, "VI")  # Diseases of the nervous system

    assert "Trembler Ensemble" in suggested and "Léa Gauthier" in suggested
    assert "a more specific area within" in suggested
    assert "Sport et Diabète" not in suggested


def test_a_project_without_disease_area_says_its_suggestions_come_from_its_words(client, member):
    suggested = _proposers_page(client, member)

    assert "The project has no disease area yet" in suggested
    assert "Sport et Diabète" in suggested
    assert "Léa Gauthier" not in suggested


def test_a_project_whose_area_no_partner_works_on_suggests_none(client, member):
    suggested = _proposers_page(client, member, "F10-F19")

    assert "No other organization of the directory works on these disease areas yet." in suggested
    assert "No other researcher of the directory works on these disease areas yet." in suggested
    assert "Sport et Diabète" not in suggested


def test_an_officer_involves_a_suggested_researcher_who_is_then_no_longer_suggested(
    client, member, officer
):
    _partners()
    project = _project(member, "G20-G26")
    client.force_login(officer)
    suggestions = suggested_partners(project, viewer=officer)
    person = suggestions.researchers[0].target.user
    assert 'name="researcher-person"' in _suggested(client, project)

    response = client.post(
        reverse("incubator:project_add_researcher", args=[project.pk]),
        {"researcher-person": person.pk},
    )

    assert response.status_code == 302
    assert list(project.researchers.all()) == [person]
    assert suggested_partners(project, viewer=officer).researchers == []


def test_a_suggested_researcher_is_involved_by_the_officers_only(client, member, officer):
    _partners()
    project = _project(member, "G20-G26")
    person = suggested_partners(project, viewer=officer).researchers[0].target.user
    url = reverse("incubator:project_add_researcher", args=[project.pk])

    client.force_login(member)
    assert client.post(url, {"researcher-person": person.pk}).status_code == 403
    client.force_login(officer)
    refused = client.post(url, {"researcher-person": officer.pk}, follow=True)

    assert "Nobody in Tandem has this email address." in refused.text
    assert not project.researchers.exists()


def test_only_people_who_may_be_involved_as_researchers_are_suggested(member):
    """A profile left by someone who is no longer a researcher in Tandem: not suggested."""
    _partners()
    ResearcherFactory(areas=[area("G20-G26")], user__last_name="Sans-Rôle")
    project = _project(member, "G20-G26")
    suggested = suggested_partners(project, viewer=member).researchers
    assert [m.target.user.get_full_name() for m in suggested] == ["Léa Gauthier"]


def test_the_proposer_sees_suggested_researchers_without_the_officers_button(client, member):
    _partners()
    project = _project(member, "G20-G26")
    client.force_login(member)
    suggested = _suggested(client, project)
    assert "Léa Gauthier" in suggested and 'name="researcher-person"' not in suggested


def test_the_suggestions_cost_the_same_queries_for_more_partners(client, member):
    project = _project(member, "G20-G26")
    client.force_login(member)
    _partners()
    with CaptureQueriesContext(connection) as few:
        client.get(project.get_absolute_url())
    for _ in range(4):
        OrganizationFactory(areas=[area("G20-G26")])
        ResearcherFactory(
            areas=[area("G20-G26")],
            user__roles=[Role.RESEARCHER],
            contact_email="x@unite.example.org",
        )
    with CaptureQueriesContext(connection) as more:
        client.get(project.get_absolute_url())
    assert len(more) == len(few)
