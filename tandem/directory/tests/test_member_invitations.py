"""Invitations carry an organization and a role in it (issue 14, point 4): an organization's
administrator invites a person who has no account yet, an officer's invitation names the
organization, and the College application then finds "your organization"."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts import services as account_services
from tandem.accounts.models import Invitation, Role
from tandem.core.errors import DomainError
from tandem.directory import services
from tandem.directory.models import MembershipRole, OrganizationMembership, OrganizationStatus
from tandem.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin(member):
    org = OrganizationFactory(name="Association Lumière")
    OrganizationMembership.objects.create(user=member, organization=org, role=MembershipRole.ADMIN)
    return member, org


def _accept(token, first_name="Gaëlle"):
    return account_services.accept_invitation(
        token,
        first_name=first_name,
        last_name="Ramos",
        password="a-long-passphrase-42",
        language="fr",
    )


def _token_from_mail():
    body = mail.outbox[-1].body
    return body.split("/invitation/")[1].split("/")[0]


def test_an_organization_admin_invites_a_person_without_an_account(
    client, org_admin, django_capture_on_commit_callbacks
):
    admin, org = org_admin
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory:members", args=[org.pk]),
            {"email": "gaelle@example.net", "role": "admin", "language": "fr"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="gaelle@example.net")
    assert invitation.roles == ["member"]
    assert invitation.grants == {"directory": {"organization": org.pk, "role": "admin"}}
    assert mail.outbox[-1].to == ["gaelle@example.net"]
    page = client.get(reverse("directory:members", args=[org.pk])).content.decode()
    assert "gaelle@example.net" in page  # among the invitations waiting
    assert "No account uses this address" not in page
    user = _accept(_token_from_mail())
    membership = OrganizationMembership.objects.get(user=user, organization=org)
    assert membership.role == "admin"
    assert user.has_role(Role.MEMBER)
    page = client.get(reverse("directory:members", args=[org.pk])).content.decode()
    assert "Invitations waiting" not in page  # now a member, listed above


def test_a_person_with_an_account_is_added_at_once(client, org_admin, researcher):
    admin, org = org_admin
    client.force_login(admin)
    client.post(
        reverse("directory:members", args=[org.pk]),
        {"email": researcher.email.upper(), "role": "member", "language": "en"},
    )
    assert OrganizationMembership.objects.filter(user=researcher, organization=org).exists()
    assert not Invitation.objects.exists()


def test_a_plain_member_cannot_invite_into_the_organization(client, org_admin, gram_member):
    _admin, org = org_admin
    OrganizationMembership.objects.create(user=gram_member, organization=org)
    client.force_login(gram_member)
    response = client.post(
        reverse("directory:members", args=[org.pk]),
        {"email": "x@example.net", "role": "admin", "language": "fr"},
    )
    assert response.status_code in (403, 404)
    assert not Invitation.objects.exists()


def test_an_archived_organization_takes_no_invitation(org_admin):
    admin, org = org_admin
    org.status = OrganizationStatus.ARCHIVED
    org.save()
    with pytest.raises(DomainError):
        services.add_or_invite_member(
            org, email="x@example.net", role="member", by=admin, language="fr"
        )
    assert not Invitation.objects.exists()


def test_an_officers_invitation_names_the_organization_and_the_role(
    client, officer, django_capture_on_commit_callbacks
):
    org = OrganizationFactory(name="Association Horizon")
    client.force_login(officer)
    page = client.get(reverse("accounts:invitations")).content.decode()
    assert 'name="organization"' in page and 'name="organization_role"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations"),
            {
                "email": "gram@example.net",
                "roles": ["gram"],
                "language": "en",
                "organization": org.pk,
                "organization_role": "member",
            },
        )
    assert response.status_code == 302
    page = client.get(reverse("accounts:invitations")).content.decode()
    assert "Member — Association Horizon" in page
    user = _accept(_token_from_mail())
    assert user.role_codes == {"gram", "member"}
    assert OrganizationMembership.objects.get(user=user).organization == org


def test_an_invitation_without_organization_gives_no_membership(officer):
    _invitation, token = account_services.invite_person(
        "plain@example.net", by=officer, roles=[Role.RESEARCHER]
    )
    user = _accept(token)
    assert not OrganizationMembership.objects.filter(user=user).exists()
    assert user.role_codes == {"researcher"}


def test_the_college_application_then_finds_your_organization(client, officer):
    org = OrganizationFactory(name="Association Horizon")
    _invitation, token = account_services.invite_person(
        "gram@example.net",
        by=officer,
        roles=[Role.GRAM],
        grants={"directory": {"organization": org.pk, "role": "member"}},
    )
    user = _accept(token)
    client.force_login(user)
    page = client.get(reverse("reviews:apply")).content.decode()
    assert f'<option value="{org.pk}"' in page
    assert "Association Horizon" in page


def test_an_organization_merged_away_before_acceptance_gives_nothing(officer):
    org = OrganizationFactory(name="Doublon")
    _invitation, token = account_services.invite_person(
        "late@example.net",
        by=officer,
        roles=[Role.MEMBER],
        grants={"directory": {"organization": org.pk, "role": "admin"}},
    )
    org.delete()
    user = _accept(token)
    assert not OrganizationMembership.objects.filter(user=user).exists()
