from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services
from tandem.accounts.errors import InvitationInvalid
from tandem.accounts.models import Invitation, Role, User
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db


def _invite(officer, email="new.person@example.net", roles=(Role.RESEARCHER,)):
    return services.invite_person(email, by=officer, roles=roles, first_name="Nina", language="en")


def test_an_invitation_sends_an_email_with_a_single_use_link(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = _invite(officer)
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert mail.outbox[0].to == ["new.person@example.net"]
    assert ActionLogEntry.objects.filter(action="accounts.invitation.sent").count() == 1
    assert invitation.token_hash != token  # only the hash is stored


def test_accepting_creates_the_account_with_the_invited_roles(officer):
    _invitation, token = _invite(officer, roles=(Role.RESEARCHER, Role.REVIEWER))
    user = services.accept_invitation(
        token, first_name="Nina", last_name="Simon", password="a-long-passphrase-42", language="fr"
    )
    assert user.role_codes == {"researcher", "reviewer"}
    assert user.check_password("a-long-passphrase-42")
    assert user.language == "fr"


def test_a_used_invitation_cannot_be_used_again(officer):
    _invitation, token = _invite(officer)
    services.accept_invitation(
        token, first_name="A", last_name="B", password="a-long-passphrase-42", language="en"
    )
    with pytest.raises(InvitationInvalid) as exc:
        services.accept_invitation(
            token, first_name="A", last_name="B", password="a-long-passphrase-42", language="en"
        )
    assert exc.value.code == "used"


def test_an_expired_invitation_is_refused(officer):
    _invitation, token = _invite(officer)
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(InvitationInvalid) as exc,
    ):
        services.find_invitation(token)
    assert exc.value.code == "expired"


def test_a_new_invitation_replaces_the_pending_one(officer):
    _first, first_token = _invite(officer)
    _invite(officer)
    with pytest.raises(InvitationInvalid) as exc:
        services.find_invitation(first_token)
    assert exc.value.code == "revoked"


def test_nobody_is_invited_twice_with_an_existing_account(officer, researcher):
    with pytest.raises(InvitationInvalid):
        _invite(officer, email=researcher.email)


def test_the_acceptance_page_creates_the_account_and_signs_in(client, officer):
    _invitation, token = _invite(officer)
    url = reverse("accounts:accept_invitation", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "first_name": "Nina",
            "last_name": "Simon",
            "language": "en",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.net").is_active
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_acceptance_form_keeps_what_was_typed_on_error(client, officer):
    _invitation, token = _invite(officer)
    response = client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {
            "first_name": "Nina",
            "last_name": "Simon",
            "language": "en",
            "password1": "a-long-passphrase-42",
            "password2": "different-one-43",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'value="Simon"' in body
    assert "The two passwords are different." in body
    assert not User.objects.filter(email="new.person@example.net").exists()


def test_a_reused_link_shows_a_page_that_offers_a_way_forward(client, officer):
    _invitation, token = _invite(officer)
    services.accept_invitation(
        token, first_name="A", last_name="B", password="a-long-passphrase-42", language="en"
    )
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410
    assert reverse("account_reset_password") in response.content.decode()


def test_an_officer_invites_through_the_page(client, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations"),
            {
                "email": "x@example.net",
                "roles": ["member"],
                "language": "fr",
                "first_name": "",
                "last_name": "",
                "message": "Bienvenue",
            },
        )
    assert response.status_code == 302
    assert Invitation.objects.get(email="x@example.net").roles == ["member"]
    assert "Bienvenue" in mail.outbox[0].body


def test_an_officer_cannot_grant_the_administrator_role(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("accounts:invitations"),
        {"email": "x@example.net", "roles": ["admin"], "language": "fr"},
    )
    assert response.status_code == 422
    assert not Invitation.objects.exists()


def test_the_welcome_is_in_the_language_the_person_chose(client, officer):
    """Issue 14: "Welcome to Tandem!" came in English on the French page that followed."""
    _invitation, token = _invite(officer)
    url = reverse("accounts:accept_invitation", args=[token])
    client.cookies["django_language"] = "en"
    response = client.post(
        url,
        {
            "first_name": "Nina",
            "last_name": "Simon",
            "language": "fr",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
        follow=True,
    )
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Bienvenue sur Tandem" in page
    assert "Welcome to Tandem" not in page
