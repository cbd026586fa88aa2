from __future__ import annotations

import pytest

from tandem.directory.panels import my_organizations
from tandem.directory.tests.factories import OrganizationFactory, make_admin

pytestmark = pytest.mark.django_db


def test_my_organizations_panel_follows_memberships_and_renames(member):
    assert my_organizations(member) is None
    organization = OrganizationFactory(name="Souffle d'Armor")
    make_admin(organization, member)
    # An admin also finds the organization's page of involvement (reporting).
    assert [i.text for i in my_organizations(member).items] == [
        "Souffle d'Armor",
        "Involvement of Souffle d'Armor",
    ]
    organization.name = "Souffle de Bretagne"
    organization.save()
    assert my_organizations(member).items[0].text == "Souffle de Bretagne"
    organization.memberships.all().delete()
    assert my_organizations(member) is None


def test_a_plain_member_is_not_offered_the_involvement_page(member):
    from tandem.directory.models import OrganizationMembership

    organization = OrganizationFactory(name="Souffle d'Armor")
    OrganizationMembership.objects.create(organization=organization, user=member)
    assert [i.text for i in my_organizations(member).items] == ["Souffle d'Armor"]


FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def test_the_organizations_to_validate_show_a_date_people_read(officer):
    from django.utils import timezone, translation

    from tandem.directory.models import OrganizationStatus
    from tandem.directory.panels import organizations_to_validate

    organization = OrganizationFactory(name="Souffle d'Armor", status=OrganizationStatus.PENDING)
    day = timezone.localdate(organization.created)
    with translation.override("fr"):
        (item,) = organizations_to_validate(officer).items
    assert item.text == "Souffle d'Armor"
    assert item.detail == f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"
