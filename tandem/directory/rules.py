"""Named permission predicates of the directory (STYLE.md 10)."""

from __future__ import annotations

from typing import Any

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role, is_admin, is_officer
from tandem.directory.models import MembershipRole, Organization, OrganizationStatus


def _memberships(user: Any) -> dict[int, str]:
    """Organization id → role of this person, read once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_directory_memberships", None)
    if cached is None:
        cached = dict(user.organization_memberships.values_list("organization_id", "role"))
        user._directory_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, "_directory_memberships"):
        del user._directory_memberships


@rules.predicate
def is_org_admin(user: Any, organization: Organization | None) -> bool:
    if organization is None:
        return False
    return _memberships(user).get(organization.pk) == MembershipRole.ADMIN


@rules.predicate
def is_org_member(user: Any, organization: Organization | None) -> bool:
    if organization is None:
        return False
    return organization.pk in _memberships(user)


@rules.predicate
def is_listed(user: Any, organization: Organization | None) -> bool:
    return (
        organization is not None
        and organization.status == OrganizationStatus.ACTIVE
        and organization.is_public
    )


is_staff_of_directory = is_officer | is_admin
is_researcher = has_role(Role.RESEARCHER)
has_any_role = rules.predicate(lambda user: bool(getattr(user, "role_codes", None)))

rules.add_perm("directory.view_organization", is_listed | is_staff_of_directory | is_org_member)
rules.add_perm(
    "directory.register_organization",
    has_role(Role.MEMBER, Role.RESEARCHER) | is_staff_of_directory,
)
rules.add_perm("directory.change_organization", is_staff_of_directory | is_org_admin)
rules.add_perm("directory.view_member_contacts", is_staff_of_directory | is_org_admin)
rules.add_perm("directory.view_matching_units", is_staff_of_directory | is_org_member)
rules.add_perm("directory.validate_organizations", is_staff_of_directory)
rules.add_perm("directory.manage_reference_data", is_staff_of_directory)
rules.add_perm("directory.import_export", is_staff_of_directory)
rules.add_perm("directory.edit_researcher_profile", is_researcher)
rules.add_perm("directory.find_partners", is_researcher | is_staff_of_directory)
rules.add_perm("directory.view_researchers", has_any_role)


@rules.predicate
def is_the_person(user: Any, person: Any) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and person is not None
        and getattr(person, "pk", None) == user.pk
    )


# A person's health information is theirs alone: not officers', not administrators', not an
# organization's admins'. A rule set rather than a permission, because Django grants every
# permission to a superuser (the technical admin) before any predicate is asked.
HEALTH_INFORMATION_OF = "directory.health_information_of"
rules.add_rule(HEALTH_INFORMATION_OF, is_the_person)
