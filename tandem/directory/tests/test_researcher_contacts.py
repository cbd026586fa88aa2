"""A researcher is listed once, with the address a directory gives for them: their profile's
contact address (chosen by them; their sign-in address stays private), on the research page
of an organization, on their unit's page and in the API; the demo's researchers are different
people, each with such an address."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse

from tandem.accounts import demo as account_demo
from tandem.accounts import services as account_services
from tandem.accounts.models import User
from tandem.directory import demo, services
from tandem.directory.models import Organization, ResearcherProfile
from tandem.directory.tests.factories import ResearcherFactory, UnitFactory


def test_the_demo_researchers_are_different_people_each_with_a_contact_address(db):
    account_demo.load()
    demo.load()
    profiles = list(ResearcherProfile.objects.select_related("user"))
    names = Counter(p.user.get_full_name() for p in profiles)
    assert len(profiles) == 41
    assert [name for name, n in names.items() if n > 1] == []
    # Nor does a researcher share a name with another demo person (a GRAM member, a reviewer).
    everyone = Counter(u.get_full_name() for u in User.objects.filter(is_demo=True))
    assert [name for name, n in everyone.items() if n > 1] == []
    assert all(p.contact_email for p in profiles)
    assert len({p.contact_email for p in profiles}) == len(profiles)


def test_the_demo_research_page_shows_each_researcher_once_with_a_contact(client, db):
    account_demo.load()
    demo.load()
    member = User.objects.get(email="member@example.org")
    organization = Organization.objects.get(memberships__user=member, memberships__role="admin")
    client.force_login(member)

    page = client.get(reverse("directory:research", args=[organization.pk])).content.decode()

    researchers = page[page.index('id="researchers-title"') :]
    listed = re.findall(r'<h3 class="org-name">([^<]+)', researchers)
    assert listed, "the diabetes organization's page lists researchers"
    assert len(listed) == len(set(listed))
    assert researchers.count("mailto:") == len(listed)


def test_the_research_page_gives_the_contact_address_not_the_sign_in_one(
    client, org_admin, organization, diabetes
):
    shown = ResearcherFactory(areas=[diabetes], contact_email="l.gauthier@unite.example.org")
    silent = ResearcherFactory(areas=[diabetes])
    client.force_login(org_admin)

    page = client.get(reverse("directory:research", args=[organization.pk])).content.decode()

    assert 'href="mailto:l.gauthier@unite.example.org"' in page
    assert shown.unit.get_absolute_url() in page
    assert shown.user.email not in page and silent.user.email not in page
    assert page.count(str(silent.user)) == 1
    assert "No address given" in page or "Aucune adresse indiquée" in page


def test_the_unit_page_gives_its_researchers_contact_addresses(client, member, diabetes):
    profile = ResearcherFactory(areas=[diabetes], contact_email="r.caron@unite.example.org")
    client.force_login(member)

    page = client.get(reverse("directory:unit", args=[profile.unit.pk])).content.decode()

    assert 'href="mailto:r.caron@unite.example.org"' in page


def test_the_unit_page_shows_no_address_to_visitors(client, diabetes):
    profile = ResearcherFactory(areas=[diabetes], contact_email="r.caron@unite.example.org")

    page = client.get(reverse("directory:unit", args=[profile.unit.pk])).content.decode()

    assert "r.caron@unite.example.org" not in page


def test_a_researcher_chooses_the_contact_address_on_their_profile(client, researcher, diabetes):
    client.force_login(researcher)
    url = reverse("directory:researcher_profile")
    refused = client.post(
        url, {"keywords": "diabète", "contact_email": "pas une adresse", "orcid": ""}
    )
    assert refused.status_code == 422
    assert 'value="pas une adresse"' in refused.content.decode()
    assert not ResearcherProfile.objects.filter(user=researcher).exists()

    saved = client.post(
        url,
        {
            "keywords": "diabète",
            "contact_email": "r.lefevre@unite.example.org",
            "orcid": "",
            "disease_area_ids": [diabetes.pk],
        },
    )
    assert saved.status_code == 302
    assert researcher.researcher_profile.contact_email == "r.lefevre@unite.example.org"


def test_saving_a_profile_keeps_its_contact_address(researcher, diabetes):
    profile = services.save_researcher_profile(
        researcher,
        by=researcher,
        unit=UnitFactory(),
        keywords="diabète",
        orcid="",
        disease_areas=[diabetes],
        contact_email="r.lefevre@unite.example.org",
    )
    profile.refresh_from_db()
    assert profile.contact_email == "r.lefevre@unite.example.org"


def test_the_api_lists_the_contact_address(client, member, diabetes):
    ResearcherFactory(areas=[diabetes], contact_email="l.gauthier@unite.example.org")
    client.force_login(member)
    response = client.get(reverse("api-researchers"), {"disease_area": diabetes.pk})
    assert [r["contact_email"] for r in response.json()["results"]] == [
        "l.gauthier@unite.example.org"
    ]


@pytest.mark.parametrize("with_profile", [True, False])
def test_the_data_export_holds_the_researcher_profile(researcher, diabetes, with_profile):
    if with_profile:
        services.save_researcher_profile(
            researcher,
            by=researcher,
            unit=UnitFactory(code="U1234"),
            keywords="diabète",
            orcid="",
            disease_areas=[diabetes],
            contact_email="r.lefevre@unite.example.org",
        )
    section = account_services.export_personal_data(researcher)["directory"]
    expected = {
        "unit": "U1234",
        "keywords": "diabète",
        "orcid": "",
        "contact_email": "r.lefevre@unite.example.org",
        "disease_areas": ["E10-E14"],
    }
    assert section["researcher_profile"] == (expected if with_profile else None)
