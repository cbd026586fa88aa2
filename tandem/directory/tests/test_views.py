from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.directory.models import Organization, OrganizationStatus, Visibility
from tandem.directory.tests.factories import (
    OrganizationFactory,
    ResearcherFactory,
    area,
    make_admin,
)


@pytest.fixture
def en(settings):
    settings.LANGUAGE_CODE = "en"


def registration(**extra):
    data = {
        "kind": "patient",
        "name": "Souffle Breton",
        "email_visibility": "public",
        "phone_visibility": "signed_in",
        "address_visibility": "public",
        "approval": "none",
        "region": "bre",
    }
    data.update(extra)
    return data


def test_a_member_registers_an_organization_that_waits_for_validation(client, member, officer):
    client.force_login(member)
    response = client.post(reverse("directory:register"), registration(rna="W 351 234 567"))
    org = Organization.objects.get(name="Souffle Breton")
    assert response.status_code == 302
    assert org.status == OrganizationStatus.PENDING
    assert org.rna == "W351234567"
    assert org.memberships.get().user == member
    # Pending: not in the public directory, but its admin sees it.
    assert client.get(org.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(org.get_absolute_url()).status_code == 404


def test_invalid_identifiers_show_the_expected_format(client, member, en):
    client.force_login(member)
    response = client.post(
        reverse("directory:register"), registration(rna="12345", siren="775672273", siret="123")
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "W751234567" in content
    assert "Luhn" in content
    assert "14 digits" in content


def test_a_duplicate_rna_is_refused_with_a_link_to_the_existing_record(
    client, member, organization
):
    client.force_login(member)
    response = client.post(reverse("directory:register"), registration(rna=organization.rna))
    assert response.status_code == 422
    assert f'href="{organization.get_absolute_url()}"' in response.content.decode()
    assert Organization.objects.count() == 1


def test_contact_details_follow_their_visibility(client, member, officer, organization):
    Organization.objects.filter(pk=organization.pk).update(
        email_visibility=Visibility.PUBLIC,
        phone_visibility=Visibility.SIGNED_IN,
        address="1 rue X",
        address_visibility=Visibility.PRIVATE,
    )
    anonymous = client.get(organization.get_absolute_url()).content.decode()
    assert organization.email in anonymous
    assert "01 02 03 04 05" not in anonymous
    assert "1 rue X" not in anonymous
    client.force_login(member)
    signed_in = client.get(organization.get_absolute_url()).content.decode()
    assert "01 02 03 04 05" in signed_in
    assert "1 rue X" not in signed_in
    client.force_login(officer)
    assert "1 rue X" in client.get(organization.get_absolute_url()).content.decode()


def test_members_contact_details_are_shown_only_to_officers_and_the_organizations_admins(
    client, org_admin, researcher, officer, organization
):
    from tandem.directory.models import OrganizationMembership

    OrganizationMembership.objects.create(organization=organization, user=researcher, role="member")
    client.force_login(researcher)
    assert org_admin.email not in client.get(organization.get_absolute_url()).content.decode()
    client.force_login(org_admin)
    assert researcher.email in client.get(organization.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert researcher.email in client.get(organization.get_absolute_url()).content.decode()


def test_an_officer_validates_from_the_queue(client, officer, organization):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.PENDING)
    client.force_login(officer)
    assert organization.name in client.get(reverse("directory:queue")).content.decode()
    client.post(
        reverse("directory:change_status", args=[organization.pk]),
        {"to": "active", "next": "queue"},
    )
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE


def test_an_officer_merges_a_duplicate(client, officer, organization):
    duplicate = OrganizationFactory(name="Doublon", status=OrganizationStatus.PENDING)
    client.force_login(officer)
    response = client.post(
        reverse("directory:merge", args=[duplicate.pk]), {"into": organization.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == organization


def test_an_org_admin_edits_the_profile(client, org_admin, organization, diabetes):
    client.force_login(org_admin)
    data = registration(name="FFD renamed", rna=organization.rna, disease_area_ids=[diabetes.pk])
    response = client.post(reverse("directory:edit", args=[organization.pk]), data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "FFD renamed"
    assert organization.region == "bre"


def test_an_org_admin_cannot_change_the_partnership_status(client, org_admin, organization):
    client.force_login(org_admin)
    data = registration(name="FFD", partnership_status="framework_agreement")
    client.post(reverse("directory:edit", args=[organization.pk]), data)
    organization.refresh_from_db()
    assert organization.partnership_status == "known_contact"


def test_a_researcher_saves_a_profile_with_an_orcid(client, researcher, diabetes):
    client.force_login(researcher)
    response = client.post(
        reverse("directory:researcher_profile"),
        {"keywords": "diabète", "orcid": "0000-0002-1825-0098", "disease_area_ids": [diabetes.pk]},
    )
    assert response.status_code == 422
    response = client.post(
        reverse("directory:researcher_profile"),
        {"keywords": "diabète", "orcid": "0000000218250097", "disease_area_ids": [diabetes.pk]},
    )
    assert response.status_code == 302
    assert researcher.researcher_profile.orcid == "0000-0002-1825-0097"


def test_a_researcher_finds_partners_with_reasons(client, researcher, organization, diabetes, en):
    client.force_login(researcher)
    response = client.get(reverse("directory:find_partners"), {"disease_area_ids": [diabetes.pk]})
    content = response.content.decode()
    assert organization.name in content
    assert "one of your disease areas" in content


def test_the_organization_sees_research_units_on_its_areas(
    client, org_admin, organization, diabetes
):
    researcher = ResearcherFactory(areas=[diabetes])
    client.force_login(org_admin)
    response = client.get(reverse("directory:research", args=[organization.pk]))
    assert researcher.unit.code in response.content.decode()


def test_an_officer_edits_reference_data(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("directory:reference_new", args=["disease-areas"]),
        {
            "name_fr": "Endométriose profonde",
            "name_en": "Deep endometriosis",
            "parent": area("N80-N98").pk,
        },
    )
    assert response.status_code == 302
    from tandem.directory.models import DiseaseArea

    new = DiseaseArea.objects.get(name_en="Deep endometriosis")
    assert new.path.startswith(area("N80-N98").path)


def test_directory_page_query_count_is_constant(client, django_assert_max_num_queries, diabetes):
    for i in range(30):
        OrganizationFactory(name=f"Diabète {i}", areas=[diabetes, area("IV")])
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("directory:directory"),
            {"q": "diabete", "region": "idf", "disease_area": area("IV").pk},
        )
    assert response.status_code == 200
    assert "Diabète 1" in response.content.decode()


def test_organization_page_query_count_is_constant(
    client, officer, organization, django_assert_max_num_queries
):
    for i in range(5):
        make_admin(organization, ResearcherFactory().user) if i % 2 else None
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        assert client.get(organization.get_absolute_url()).status_code == 200


def test_the_dashboard_shows_officers_what_waits(client, officer, organization):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.PENDING)
    client.force_login(officer)
    assert organization.name in client.get(reverse("core:dashboard")).content.decode()
