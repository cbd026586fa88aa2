"""Issue 11, finding 3: the technical admin is signed into through the site's own sign-in
(throttle, per-account lock, second factor) and opens only after the second factor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_admin(settings):
    settings.DEMO_MODE = False
    return UserFactory(roles=["admin"], is_staff=True, is_superuser=True)


def test_wrong_passwords_on_the_admin_login_check_no_password(client, real_admin, password_checks):
    for _ in range(30):
        response = client.post(
            reverse("admin:login"), {"username": real_admin.email, "password": "wrong"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert password_checks == []


def test_the_admin_login_sends_to_the_site_sign_in_and_back(client):
    response = client.get(reverse("admin:login") + "?next=/admin/outbox/")
    assert response["Location"] == reverse("account_login") + "?next=/admin/outbox/"
    elsewhere = client.get(reverse("admin:login") + "?next=https://evil.example/")
    assert elsewhere["Location"] == reverse("account_login") + "?next=/admin/"


def test_the_right_password_does_not_open_the_admin_without_a_second_factor(client, real_admin):
    signed_in = client.post(
        reverse("account_login"), {"login": real_admin.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    admin_index = client.get(reverse("admin:index"))
    assert admin_index.status_code == 302
    assert admin_index["Location"] == reverse("mfa_activate_totp")
    for page in ("/people/", "/activity/", "/outbox/"):
        assert client.get(page).status_code == 302


def test_the_password_alone_on_the_admin_login_does_not_skip_the_code(
    client, real_admin, authenticator_app
):
    authenticator_app(real_admin)
    client.post(reverse("admin:login"), {"username": real_admin.email, "password": PASSWORD})
    for page in (reverse("admin:index"), "/people/", "/activity/", "/outbox/"):
        assert client.get(page).status_code == 302


def test_the_admin_opens_after_password_and_code(client, real_admin, authenticator_app):
    app = authenticator_app(real_admin)
    client.post(reverse("account_login"), {"login": real_admin.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302  # the code is still due
    client.post(reverse("mfa_authenticate"), {"code": app.code()})
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_sign_in_shares_the_per_account_lock(client, real_admin, password_checks):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": real_admin.email, "password": "wrong"})
    assert len(password_checks) == 5
    locked = client.post(
        reverse("account_login"), {"login": real_admin.email, "password": PASSWORD}
    )
    assert "Too many failed login attempts" in locked.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_signed_in_person_without_staff_rights_is_refused_without_a_loop(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
