from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_person_signs_in_with_email_and_password(client, researcher):
    response = _login(client, researcher.email, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_a_wrong_password_gets_a_generic_message_and_is_throttled(client, researcher):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    first = _login(client, researcher.email, "wrong")
    assert first.status_code == 200
    assert (
        "The email address and/or password you specified are not correct." in first.content.decode()
    )
    for _ in range(5):
        _login(client, researcher.email, "wrong")
    # Even the right password is refused once the account is throttled.
    throttled = _login(client, researcher.email, PASSWORD)
    assert throttled.status_code == 200
    assert "Too many failed login attempts" in throttled.content.decode()


def test_an_officer_without_second_factor_is_sent_to_set_it_up(client, settings):
    settings.DEMO_MODE = False
    officer = UserFactory(roles=["officer"])
    client.force_login(officer)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_demo_officer_may_skip_the_second_factor_in_the_demo(client, settings):
    settings.DEMO_MODE = True
    officer = UserFactory(roles=["officer"], is_demo=True)
    client.force_login(officer)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert "Demo accounts may skip it" in response.content.decode()


def test_a_member_is_not_forced_to_use_a_second_factor(client, settings, member):
    settings.DEMO_MODE = False
    client.force_login(member)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_signup_is_closed_accounts_come_by_invitation(client):
    response = client.get(reverse("account_signup"))
    assert "account/signup_closed.html" in [t.name for t in response.templates]
