"""What the directory holds about a person: in the export of their data, gone at erasure."""

from __future__ import annotations

from tandem.accounts import services as account_services
from tandem.directory.models import Institute, OrganizationMembership, RegionalOffice


def test_the_export_lists_memberships_and_staff_places(org_admin, organization):
    institute = Institute.objects.order_by("pk").first()
    office = RegionalOffice.objects.order_by("pk").first()
    institute.staff.add(org_admin)
    office.staff.add(org_admin)

    section = account_services.export_personal_data(org_admin)["directory"]

    assert section["organization_memberships"] == [
        {"organization": organization.name, "role": "admin"}
    ]
    assert section["institute_staff"] == [str(institute)]
    assert section["regional_office_staff"] == [office.name]


def test_erasure_takes_the_person_off_every_staff_list(org_admin, organization, admin_user):
    institute = Institute.objects.order_by("pk").first()
    office = RegionalOffice.objects.order_by("pk").first()
    institute.staff.add(org_admin, admin_user)
    office.staff.add(org_admin)

    account_services.erase_account(org_admin, by=admin_user)

    assert list(institute.staff.all()) == [admin_user]  # the others stay
    assert not office.staff.exists()
    assert not OrganizationMembership.objects.filter(user=org_admin).exists()
    assert account_services.export_personal_data(org_admin)["directory"] == {
        "researcher_profile": None,
        "organization_memberships": [],
        "institute_staff": [],
        "regional_office_staff": [],
    }
