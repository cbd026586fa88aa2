from __future__ import annotations

import pytest

from tandem.directory.panels import my_organizations
from tandem.directory.tests.factories import OrganizationFactory, make_admin

pytestmark = pytest.mark.django_db


def test_my_organizations_panel_follows_memberships_and_renames(member):
    assert my_organizations(member) is None
    organization = OrganizationFactory(name="Souffle d'Armor")
    make_admin(organization, member)
    assert [i.text for i in my_organizations(member).items] == ["Souffle d'Armor"]
    organization.name = "Souffle de Bretagne"
    organization.save()
    assert [i.text for i in my_organizations(member).items] == ["Souffle de Bretagne"]
    organization.memberships.all().delete()
    assert my_organizations(member) is None
