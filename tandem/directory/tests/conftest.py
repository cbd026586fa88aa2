from __future__ import annotations

import pytest

from tandem.directory.tests.factories import OrganizationFactory, area, make_admin


@pytest.fixture
def diabetes(db):
    return area("E10-E14")


@pytest.fixture
def organization(db, diabetes):
    return OrganizationFactory(
        name="Fédération Française des Diabétiques",
        acronym="FFD",
        areas=[diabetes],
        phone="01 02 03 04 05",
        rna="W751234567",
    )


@pytest.fixture
def org_admin(db, member, organization):
    make_admin(organization, member)
    return member


# Two disease areas no organization of these tests works on: what a person may say they live
# with (health information), to look for where it must never show.
@pytest.fixture
def hiv(db):
    return area("B20-B24")


@pytest.fixture
def als(db):
    return area("803")
