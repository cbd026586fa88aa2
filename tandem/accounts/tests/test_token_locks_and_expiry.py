"""Issue 11, finding 4: the token endpoint shares the web sign-in's per-account lock; tokens
expire, are revoked when the password changes or is reset, and are listed per purpose."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token"


def _token(client, email, password, **extra):
    return client.post(
        TOKEN, {"email": email, "password": password, **extra}, content_type="application/json"
    )


def _web_login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_an_account_locked_on_the_web_form_gets_no_token(client, researcher, password_checks):
    for _ in range(5):
        _web_login(client, researcher.email, "wrong")
    response = _token(client, researcher.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]
    assert len(password_checks) == 5


def test_token_failures_lock_the_web_form(client, researcher):
    for _ in range(5):
        assert _token(client, researcher.email, "wrong").status_code == 401
    locked = _web_login(client, researcher.email, PASSWORD)
    assert "Too many failed login attempts" in locked.content.decode()


def test_a_token_expires_after_the_configured_days(client, settings, researcher):
    settings.API_TOKEN_DAYS = 30
    answer = _token(client, researcher.email, PASSWORD, name="nightly export").json()
    headers = {"Authorization": f"Bearer {answer['token']}"}
    expires = timezone.datetime.fromisoformat(answer["expires_at"])
    assert timedelta(days=29) < expires - timezone.now() <= timedelta(days=30)
    assert answer["name"] == "nightly export"
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.get("/api/v1/me", headers=headers)
        assert expired.status_code == 401
        assert "expired" in expired.json()["detail"]


def test_a_password_change_revokes_every_token(client, researcher):
    _token_row, key = services.create_api_token(researcher, name="script")
    client.force_login(researcher)
    changed = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase-8",
            "password2": "a-new-long-passphrase-8",
        },
    )
    assert changed.status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert researcher.api_tokens.get().revoked_at is not None


def test_a_password_reset_revokes_every_token(client, researcher):
    _token_row, key = services.create_api_token(researcher, name="script")
    client.post(reverse("account_reset_password"), {"email": researcher.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"},
    )
    researcher.refresh_from_db()
    assert researcher.check_password("a-brand-new-passphrase-7")
    client.logout()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_the_admins_password_form_revokes_every_token(researcher):
    """Django's admin form for setting a person's password (AdminPasswordChangeForm) goes
    around allauth: the revocation sits on the password's save, so it covers this door too."""
    services.create_api_token(researcher, name="script")
    form = AdminPasswordChangeForm(
        researcher,
        {"password1": "an-admin-chosen-passphrase-4", "password2": "an-admin-chosen-passphrase-4"},
    )
    assert form.is_valid(), form.errors
    form.save()
    assert researcher.api_tokens.get().revoked_at is not None
    entry = ActionLogEntry.objects.get(action="accounts.tokens.revoked")
    assert entry.data == {"reason": "password_changed", "count": 1}


def test_the_changepassword_command_revokes_every_token(researcher, monkeypatch):
    services.create_api_token(researcher, name="script")
    monkeypatch.setattr("getpass.getpass", lambda *args, **kwargs: "a-command-line-passphrase-3")
    call_command("changepassword", researcher.email, stdout=io.StringIO())
    assert researcher.api_tokens.get().revoked_at is not None


def test_saving_a_person_without_a_new_password_keeps_the_tokens(client, researcher, settings):
    """A profile change, or the sign-in upgrading the password's hash to stronger settings,
    keeps the tokens: only a new password revokes them."""
    services.create_api_token(researcher, name="script")
    researcher.first_name = "Renamed"
    researcher.save()
    settings.PASSWORD_HASHERS = [f"{__name__}.StrongerHasher", *settings.PASSWORD_HASHERS]
    assert researcher.check_password(PASSWORD)  # rehashed and saved
    researcher.refresh_from_db()
    assert researcher.password.startswith("stronger$")
    assert researcher.api_tokens.get().revoked_at is None


class StrongerHasher(PBKDF2PasswordHasher):
    algorithm = "stronger"
    iterations = 2


def test_the_tokens_page_lists_purpose_expiry_and_last_use(client, researcher):
    _row, key = services.create_api_token(researcher, name="nightly export")
    services.create_api_token(researcher, name="dashboard")
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    client.force_login(researcher)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert page.index("dashboard") < page.index("nightly export")  # by purpose
    assert "Expires" in page and "Last used" in page and "never" in page
    assert "expires 90 days after it is created" in page
