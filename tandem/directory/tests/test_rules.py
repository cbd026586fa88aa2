"""The directory's permission predicates, asked directly (tandem/directory/rules.py): what a
person's memberships open, read once per request, and forgotten when they change. Written for
the survivors of the mutation run of 6 Dec 2026 (docs/benchmarks.md)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.directory import services
from tandem.directory.models import MembershipRole, OrganizationMembership, OrganizationStatus
from tandem.directory.rules import HEALTH_INFORMATION_OF, forget_memberships
from tandem.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    """Not listed: only its members and the directory's staff see it."""
    return OrganizationFactory(name="Association en attente", status=OrganizationStatus.PENDING)


def test_an_anonymous_visitor_sees_only_listed_organizations(pending):
    listed = OrganizationFactory(name="Association publique")
    visitor = AnonymousUser()
    assert visitor.has_perm("directory.view_organization", listed)
    assert not visitor.has_perm("directory.view_organization", pending)
    assert not visitor.has_perm("directory.change_organization", listed)
    assert not visitor.has_perm("directory.view_matching_units", listed)


def test_a_member_sees_their_unlisted_organization_and_an_admin_may_change_it(
    member, researcher, pending
):
    OrganizationMembership.objects.create(
        user=member, organization=pending, role=MembershipRole.MEMBER
    )
    OrganizationMembership.objects.create(
        user=researcher, organization=pending, role=MembershipRole.ADMIN
    )
    assert member.has_perm("directory.view_organization", pending)
    assert member.has_perm("directory.view_matching_units", pending)
    assert not member.has_perm("directory.change_organization", pending)
    assert not member.has_perm("directory.view_member_contacts", pending)
    assert researcher.has_perm("directory.change_organization", pending)
    assert researcher.has_perm("directory.view_member_contacts", pending)


def test_membership_of_one_organization_opens_nothing_of_another(member, pending):
    mine = OrganizationFactory(name="La mienne", status=OrganizationStatus.PENDING)
    OrganizationMembership.objects.create(user=member, organization=mine, role=MembershipRole.ADMIN)
    assert member.has_perm("directory.change_organization", mine)
    assert not member.has_perm("directory.view_organization", pending)
    assert not member.has_perm("directory.change_organization", pending)


def test_a_persons_memberships_are_read_once_per_request(
    member, pending, django_assert_num_queries
):
    OrganizationMembership.objects.create(
        user=member, organization=pending, role=MembershipRole.ADMIN
    )
    member.role_codes  # noqa: B018 (the roles are read apart, once)
    with django_assert_num_queries(1):
        assert member.has_perm("directory.view_organization", pending)
        assert member.has_perm("directory.change_organization", pending)
        assert member.has_perm("directory.view_member_contacts", pending)


def test_a_change_of_membership_is_seen_in_the_same_request(member, officer, pending):
    assert not member.has_perm("directory.view_organization", pending)  # read, and kept
    membership = services.add_member(pending, user=member, role=MembershipRole.ADMIN, by=officer)
    assert member.has_perm("directory.change_organization", pending)
    services.add_member(pending, user=officer, role=MembershipRole.ADMIN, by=officer)
    services.remove_member(membership, by=officer)
    assert not member.has_perm("directory.view_organization", pending)


def test_forgetting_memberships_of_a_person_never_read_does_nothing(member):
    forget_memberships(member)
    forget_memberships(AnonymousUser())
    assert not hasattr(member, "_directory_memberships")


def test_health_information_is_the_persons_alone(member, officer):
    import rules

    assert rules.test_rule(HEALTH_INFORMATION_OF, member, member)
    assert not rules.test_rule(HEALTH_INFORMATION_OF, officer, member)
    assert not rules.test_rule(HEALTH_INFORMATION_OF, AnonymousUser(), member)
    assert not rules.test_rule(HEALTH_INFORMATION_OF, member, None)


def test_without_an_organization_a_membership_opens_nothing(member, pending):
    OrganizationMembership.objects.create(
        user=member, organization=pending, role=MembershipRole.ADMIN
    )
    assert not member.has_perm("directory.change_organization")
    assert not member.has_perm("directory.view_member_contacts")
    assert not member.has_perm("directory.view_matching_units")
