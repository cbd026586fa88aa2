"""The demo's GRAM agrees with the rest of the demo: seats by college (10, 5, 5), who sits in
which college, and the organization each patients' seat represents, which is the one the
person belongs to in the directory and the one their reviewer profile names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from tandem.accounts import demo as account_demo
from tandem.accounts.models import Role, User
from tandem.directory import demo as directory_demo
from tandem.directory.models import OrganizationMembership, ResearcherProfile
from tandem.governance import demo
from tandem.governance.models import College, Mandate, MandateRole
from tandem.reviews import demo as reviews_demo
from tandem.reviews.models import ReviewerProfile

pytestmark = pytest.mark.django_db

INSTITUTE_ROLES = {Role.OFFICER, Role.COORDINATOR, Role.DIRECTOR, Role.ADMIN}


@pytest.fixture
def sitting() -> list[Mandate]:
    # In the order of `tandem demo`: the reviews' demo comes after the GRAM's.
    for module in (account_demo, directory_demo, demo, reviews_demo):
        module.load()
    today = timezone.localdate()
    return list(
        Mandate.objects.filter(start__lte=today, end__gte=today).select_related(
            "college", "person", "organization"
        )
    )


def _of(mandates: list[Mandate], college: str) -> list[Mandate]:
    return [m for m in mandates if m.college.code == college]


def test_the_colleges_have_ten_five_and_five_seats_one_vacancy_each_side(sitting):
    seats = dict(College.objects.values_list("code", "seats"))
    assert seats == {"patients": 10, "researchers": 5, "administration": 5}
    held = Counter(m.college.code for m in sitting)
    assert held == {"patients": 9, "researchers": 5, "administration": 4}
    for code in seats:
        numbers = [m.seat for m in _of(sitting, code)]
        assert len(numbers) == len(set(numbers)) and set(numbers) <= set(range(1, seats[code] + 1))
    roles = Counter(m.role for m in sitting)
    assert roles[MandateRole.CHAIR] == roles[MandateRole.VICE_CHAIR] == 1
    assert roles[MandateRole.SECRETARY] == 1


def test_each_patients_seat_represents_the_persons_own_organization_once(sitting):
    patients = _of(sitting, "patients")
    for mandate in patients:
        assert mandate.organization is not None, mandate.person
        assert OrganizationMembership.objects.filter(
            user=mandate.person, organization=mandate.organization
        ).exists(), f"{mandate.person} does not belong to {mandate.organization}"
        # Listed in the directory: the public page of the GRAM names it.
        assert mandate.organization.status == "active" and mandate.organization.is_public
    represented = Counter(m.organization_id for m in patients)
    assert max(represented.values()) == 1


def test_a_reviewer_on_the_gram_has_one_organization_everywhere(sitting):
    checked = 0
    for mandate in _of(sitting, "patients"):
        profile = ReviewerProfile.objects.filter(user=mandate.person).first()
        if profile is None:
            continue
        checked += 1
        assert profile.organization == mandate.organization, mandate.person
        assert list(
            OrganizationMembership.objects.filter(user=mandate.person).values_list(
                "organization", flat=True
            )
        ) == [mandate.organization.pk]
    assert checked == 6


def test_the_other_colleges_represent_no_organization_and_fit_their_college(sitting):
    for mandate in _of(sitting, "researchers"):
        assert mandate.organization is None
        assert mandate.person.has_role(Role.RESEARCHER)
        profile = ResearcherProfile.objects.get(user=mandate.person)
        assert profile.unit is not None and profile.contact_email
    for mandate in _of(sitting, "administration"):
        person = mandate.person
        assert mandate.organization is None
        works_for_the_institute = (
            person.has_role(*INSTITUTE_ROLES)
            or person.institutes_staffed.exists()
            or person.regional_offices_staffed.exists()
        )
        assert works_for_the_institute, person


def test_the_gram_role_is_held_by_the_people_who_sit_and_only_them(sitting):
    holders = set(User.objects.filter(role_assignments__role=Role.GRAM))
    assert holders == {m.person for m in sitting}


def test_no_mandate_is_longer_than_four_years(sitting):
    for mandate in Mandate.objects.all():
        start = mandate.start
        assert mandate.end < start.replace(year=start.year + 4), mandate
        assert mandate.end >= start + dt.timedelta(days=1)


def test_the_demo_accounts_list_says_who_sits_on_the_gram(sitting, settings):
    settings.DEMO_MODE = True
    lines = {line.split()[0]: line for line in account_demo.accounts_text().splitlines()[1:]}
    for mandate in sitting:
        if mandate.person.email in lines:
            assert "GRAM member" in lines[mandate.person.email], mandate.person.email
    assert "GRAM member" not in lines["director@example.org"]
