"""The directory's part of an invitation (tandem.accounts.invitation_parts): the invited person
becomes a member of an organization, with a role in it, when they accept. An officer names the
organization on the invitation page; an organization's administrator invites from the
organization's members page (services.invite_member)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.invitation_parts import InvitationPart, register_invitation_part
from tandem.accounts.models import Invitation, Role, RoleAssignment, User
from tandem.core.audit import log_action
from tandem.directory.models import (
    MembershipRole,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
)
from tandem.directory.rules import forget_memberships

PART = "directory"


def grant(organization: Organization, role: str) -> dict[str, Any]:
    return {"organization": organization.pk, "role": MembershipRole(role).value}


def organizations_to_name() -> QuerySet[Organization]:
    """The organizations an invitation may name (the page's choices, the API's ids)."""
    return (
        Organization.objects.exclude(status=OrganizationStatus.ARCHIVED)
        .only("id", "name", "acronym")
        .order_by("name")
    )


def _add_fields(form: forms.Form) -> None:
    form.fields["organization"] = forms.ModelChoiceField(
        label=gettext_lazy("Organization (optional)"),
        queryset=organizations_to_name(),
        required=False,
        help_text=gettext_lazy(
            "The person becomes a member of this organization when they accept, with the "
            "role below and the role “Organization member”."
        ),
    )
    form.fields["organization_role"] = forms.ChoiceField(
        label=gettext_lazy("Role in the organization"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        required=False,
    )


def _grant(cleaned_data: dict[str, Any]) -> dict[str, Any] | None:
    organization = cleaned_data.get("organization")
    if organization is None:
        return None
    return grant(organization, cleaned_data.get("organization_role") or MembershipRole.MEMBER)


def _accept(invitation: Invitation, user: User, value: Any) -> None:
    """In the acceptance's transaction: the membership and the member role. An organization
    deleted since (merged into another) gives nothing. Logs `directory.member.added`."""
    organization = Organization.objects.filter(pk=value.get("organization")).first()
    if organization is None:
        return
    role = MembershipRole(value.get("role", MembershipRole.MEMBER)).value
    OrganizationMembership.objects.update_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.MEMBER, defaults={"granted_by": invitation.invited_by}
    )
    for name in ("role_codes", "facts_role_mask"):
        user.__dict__.pop(name, None)
    log_action(
        organization,
        "directory.member.added",
        by=user,
        data={"user": user.pk, "role": role, "invitation": invitation.pk},
    )
    forget_memberships(user)


def _describe(invitations: list[Invitation]) -> dict[int, list[str]]:
    wanted = {i.pk: i.grants[PART] for i in invitations if isinstance(i.grants.get(PART), dict)}
    names = Organization.objects.in_bulk({g.get("organization") for g in wanted.values()})
    sentences: dict[int, list[str]] = {}
    for pk, value in wanted.items():
        organization = names.get(value.get("organization"))
        if organization is None:
            continue
        role = MembershipRole(value.get("role", MembershipRole.MEMBER)).label
        sentences[pk] = [
            _("%(role)s — %(organization)s") % {"role": role, "organization": organization.name}
        ]
    return sentences


def register() -> None:
    register_invitation_part(
        PART,
        InvitationPart(add_fields=_add_fields, grant=_grant, accept=_accept, describe=_describe),
    )


def pending_invitations(organization: Organization) -> Any:
    """The invitations waiting to make someone a member of the organization."""
    return Invitation.objects.pending().filter(grants__directory__organization=organization.pk)
