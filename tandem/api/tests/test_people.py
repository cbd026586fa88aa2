"""People, roles and invitations through the API (tandem/api/people.py): the pages' journeys for
those who manage them, each refusal writing nothing, and the second factor where the pages ask
for it."""

from __future__ import annotations

import pytest
from django.core import mail

from tandem.accounts import services
from tandem.accounts.models import Invitation, Role, User
from tandem.accounts.tests.conftest import App
from tandem.accounts.tests.factories import UserFactory
from tandem.api.tests.conftest import bearer
from tandem.core.models import ActionLogEntry
from tandem.directory.models import OrganizationStatus
from tandem.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

PEOPLE, INVITATIONS = "/api/v1/people", "/api/v1/invitations"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _roles_of(pk: int) -> set[str]:
    return set(User.objects.get(pk=pk).role_assignments.values_list("role", flat=True))


def _make_admin(client, person: User, headers: dict[str, str]):
    return client.put(
        f"{PEOPLE}/{person.pk}/roles",
        {"roles": ["admin"]},
        content_type="application/json",
        headers=headers,
    )


# --- People and roles -----------------------------------------------------------------------


def test_an_administrator_finds_people_as_on_the_page(client, admin_user):
    UserFactory(first_name="Zoé", last_name="Martin", roles=[Role.RESEARCHER])
    UserFactory(first_name="Zoé", last_name="Petit", roles=[Role.MEMBER])
    UserFactory(first_name="Paul", last_name="Martin", roles=[Role.RESEARCHER])
    headers = bearer(admin_user)
    found = client.get(PEOPLE, {"q": "zoé martin"}, headers=headers).json()["results"]
    assert [p["last_name"] for p in found] == ["Martin"]
    assert found[0]["roles"] == ["researcher"]
    by_role = client.get(PEOPLE, {"role": "researcher"}, headers=headers).json()["results"]
    assert {p["first_name"] for p in by_role} == {"Zoé", "Paul"}


def test_an_unknown_role_is_a_400(client, admin_user):
    response = client.get(PEOPLE, {"role": "king"}, headers=bearer(admin_user))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["role"]


def test_the_people_list_costs_the_same_whatever_the_number_of_people(
    client, admin_user, django_assert_num_queries
):
    for n in range(12):
        UserFactory(roles=[Role.RESEARCHER, Role.MEMBER], last_name=f"P{n}")
    headers = bearer(admin_user)
    client.get(PEOPLE, headers=headers)  # the token's first use is written once
    # The token with the person, the count, the page, the roles of the page.
    with django_assert_num_queries(4):
        response = client.get(PEOPLE, headers=headers)
    assert response.json()["count"] == 13


@pytest.mark.parametrize("persona", ["officer", "researcher", "coordinator"])
def test_only_administrators_see_people(client, request, persona):
    response = client.get(PEOPLE, headers=bearer(request.getfixturevalue(persona)))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_an_administrator_replaces_a_persons_roles_and_the_history_says_so(client, admin_user):
    person = UserFactory(roles=[Role.MEMBER])
    url = f"{PEOPLE}/{person.pk}/roles"
    headers = bearer(admin_user)
    assert client.get(url, headers=headers).json()["roles"] == ["member"]
    response = client.put(
        url, {"roles": ["researcher", "reviewer"]}, content_type="application/json", headers=headers
    )
    assert response.status_code == 200
    assert response.json()["roles"] == ["researcher", "reviewer"]
    assert _roles_of(person.pk) == {"researcher", "reviewer"}
    entry = ActionLogEntry.objects.get(action="accounts.roles.changed")
    assert entry.data == {"added": ["researcher", "reviewer"], "removed": ["member"]}
    # An empty list takes every role away, as unticking every box does.
    client.put(url, {"roles": []}, content_type="application/json", headers=headers)
    assert _roles_of(person.pk) == set()


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "roles"), ({"roles": ["king"]}, "roles.0"), ({"roles": "admin"}, "roles")],
)
def test_wrong_roles_are_a_400_and_change_nothing(client, admin_user, writes, body, field):
    person = UserFactory(roles=[Role.MEMBER])
    headers = bearer(admin_user)
    with writes() as written:
        response = client.put(
            f"{PEOPLE}/{person.pk}/roles", body, content_type="application/json", headers=headers
        )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert written == []


@pytest.mark.parametrize("persona", ["officer", "member"])
def test_others_cannot_change_roles(client, request, writes, persona):
    person = UserFactory(roles=[Role.MEMBER])
    headers = bearer(request.getfixturevalue(persona))
    with writes() as written:
        response = _make_admin(client, person, headers)
    assert response.status_code == 403
    assert written == []
    assert _roles_of(person.pk) == {"member"}


def test_an_unknown_or_erased_person_is_a_404(client, admin_user, officer):
    erased = services.erase_account(UserFactory(), by=admin_user)
    headers = bearer(admin_user)
    assert client.get(f"{PEOPLE}/{erased.pk}/roles", headers=headers).status_code == 404
    assert client.get(f"{PEOPLE}/999999/roles", headers=headers).status_code == 404


@pytest.fixture
def real_admin(settings):
    """An administrator outside demo mode, with an authenticator app: their role requires it."""
    settings.DEMO_MODE = False
    admin = UserFactory(roles=[Role.ADMIN])
    App(admin)
    return admin


def test_a_token_without_the_second_factor_cannot_change_roles(client, real_admin, writes):
    person = UserFactory(roles=[Role.MEMBER])
    headers = bearer(real_admin, second_factor=False)
    with writes() as written:
        response = _make_admin(client, person, headers)
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert written == []
    assert _roles_of(person.pk) == {"member"}
    passed = _make_admin(client, person, bearer(real_admin, second_factor=True))
    assert passed.status_code == 200
    assert _roles_of(person.pk) == {"admin"}


# --- Invitations ----------------------------------------------------------------------------


def test_an_officer_invites_a_person_into_an_organization(
    client, officer, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name="Entraide Diabète")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            INVITATIONS,
            {
                "email": "Nina@Example.net",
                "first_name": "Nina",
                "roles": ["member"],
                "language": "fr",
                "organization": organization.pk,
                "organization_role": "admin",
            },
            content_type="application/json",
            headers=bearer(officer),
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["email"], body["status"], body["roles"]) == (
        "nina@example.net",
        "pending",
        ["member"],
    )
    assert len(body["also"]) == 1 and "Entraide Diabète" in body["also"][0]
    invitation = Invitation.objects.get()
    assert invitation.grants == {"directory": {"organization": organization.pk, "role": "admin"}}
    assert [m.to for m in mail.outbox] == [["nina@example.net"]]


def test_only_administrators_invite_an_administrator(client, officer, admin_user, writes):
    body = {"email": "boss@example.net", "roles": ["admin"], "language": "en"}
    headers = bearer(officer)
    with writes() as written:
        refused = client.post(INVITATIONS, body, content_type="application/json", headers=headers)
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["roles"]
    assert written == []
    assert not Invitation.objects.exists()
    allowed = client.post(
        INVITATIONS, body, content_type="application/json", headers=bearer(admin_user)
    )
    assert allowed.status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not an address", "roles": ["member"], "language": "fr"}, "email"),
        ({"email": "a@example.net", "roles": [], "language": "fr"}, "roles"),
        ({"email": "a@example.net", "roles": ["member"], "language": "de"}, "language"),
        (
            {"email": "a@example.net", "roles": ["member"], "language": "fr", "last_name": "A\nB"},
            "last_name",
        ),
        (
            {"email": "a@example.net", "roles": ["member"], "language": "fr", "organization": 0},
            "organization",
        ),
    ],
)
def test_a_wrong_invitation_is_a_400_and_nothing_is_sent(client, officer, writes, body, field):
    headers = bearer(officer)
    with writes() as written:
        response = client.post(INVITATIONS, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert written == [] and mail.outbox == []


def test_an_archived_organization_cannot_be_named(client, officer):
    archived = OrganizationFactory(status=OrganizationStatus.ARCHIVED)
    response = client.post(
        INVITATIONS,
        {
            "email": "a@example.net",
            "roles": ["member"],
            "language": "fr",
            "organization": archived.pk,
        },
        content_type="application/json",
        headers=bearer(officer),
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_inviting_someone_who_has_an_account_names_the_email(client, officer, researcher):
    response = client.post(
        INVITATIONS,
        {"email": researcher.email.upper(), "roles": ["member"], "language": "fr"},
        content_type="application/json",
        headers=bearer(officer),
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
    assert not Invitation.objects.exists()


def test_invitations_are_listed_at_a_constant_cost(client, officer, django_assert_num_queries):
    for n in range(8):
        organization = OrganizationFactory(name=f"Org {n}")
        services.invite_person(
            f"p{n}@example.net",
            by=officer,
            roles=["member"],
            grants={"directory": {"organization": organization.pk, "role": "member"}},
        )
    headers = bearer(officer)
    client.get(INVITATIONS, headers=headers)  # the token's first use is written once
    # The token with the person, the count, the page with who invited, the organizations.
    with django_assert_num_queries(4):
        response = client.get(INVITATIONS, headers=headers)
    rows = response.json()["results"]
    assert len(rows) == 8
    assert rows[0]["email"] == "p7@example.net"  # newest first
    assert rows[0]["also"] and rows[0]["invited_by"] == officer.get_full_name()


def test_an_officer_withdraws_a_pending_invitation_once(client, officer):
    invitation, _token = services.invite_person("a@example.net", by=officer, roles=["member"])
    url = f"{INVITATIONS}/{invitation.pk}/revoke"
    headers = bearer(officer)
    response = client.post(url, headers=headers)
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    again = client.post(url, headers=headers)
    assert again.status_code == 409
    assert again.json()["code"] == "not_pending"
    assert ActionLogEntry.objects.filter(action="accounts.invitation.revoked").count() == 1


@pytest.mark.parametrize("persona", ["member", "researcher", "coordinator"])
def test_others_neither_see_nor_send_nor_withdraw_invitations(
    client, request, officer, writes, persona
):
    invitation, _token = services.invite_person("a@example.net", by=officer, roles=["member"])
    headers = bearer(request.getfixturevalue(persona))
    with writes() as written:
        answers = [
            client.get(INVITATIONS, headers=headers),
            client.post(
                INVITATIONS,
                {"email": "b@example.net", "roles": ["member"], "language": "fr"},
                content_type="application/json",
                headers=headers,
            ),
            client.post(f"{INVITATIONS}/{invitation.pk}/revoke", headers=headers),
        ]
    assert [a.status_code for a in answers] == [403, 403, 403]
    assert written == []
    invitation.refresh_from_db()
    assert invitation.status == "pending"
