from __future__ import annotations

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.directory import services
from tandem.directory.models import (
    DiseaseArea,
    MembershipRole,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
    ResearcherProfile,
    ResearchUnit,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    status = OrganizationStatus.ACTIVE
    region = "idf"
    email = factory.Sequence(lambda n: f"contact{n}@asso.example")

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.disease_areas.set(extracted)
        if create:
            services.refresh_search_text(self)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchUnit

    code = factory.Sequence(lambda n: f"U{1000 + n}")
    name = factory.Sequence(lambda n: f"Unité de recherche {n}")
    city = "Paris"


class ResearcherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearcherProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    keywords = "qualité de vie"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.disease_areas.set(extracted)
        if create:
            services.refresh_researcher_search_text(self)


def area(code: str) -> DiseaseArea:
    """A seeded disease area, by code (ICD-10 block or chapter, ORPHA, RARE)."""
    return DiseaseArea.objects.get(code=code)


def make_admin(organization: Organization, user) -> OrganizationMembership:
    return OrganizationMembership.objects.create(
        organization=organization, user=user, role=MembershipRole.ADMIN
    )
