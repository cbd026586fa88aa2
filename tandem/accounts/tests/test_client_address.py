"""Issue 11, finding 5: every throttle keys on the real client address: a client-sent
X-Forwarded-For is ignored unless TRUSTED_PROXY_COUNT proxies of ours write it; the per-account
lock does not spill over to other accounts from the same address."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = Path(__file__).resolve().parents[3] / "config" / "settings.py"
TOKEN = "/api/v1/auth/token"


def _token_from(client, address: str, email: str, password: str):
    return client.post(
        TOKEN,
        {"email": email, "password": password},
        content_type="application/json",
        headers={"X-Forwarded-For": address},
    )


def _settings_with(monkeypatch, **env: str) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The settings an operator gets with TRUSTED_PROXY_COUNT=1 (one load balancer)."""
    computed = _settings_with(monkeypatch, TRUSTED_PROXY_COUNT="1")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = computed["ALLAUTH_TRUSTED_PROXY_COUNT"]
    settings.REST_FRAMEWORK = computed["REST_FRAMEWORK"]


def test_one_setting_feeds_every_throttle(monkeypatch):
    default = _settings_with(monkeypatch)
    assert default["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert default["REST_FRAMEWORK"]["NUM_PROXIES"] == 0
    assert default["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None
    behind = _settings_with(
        monkeypatch, TRUSTED_PROXY_COUNT="2", TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert behind["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2
    assert behind["REST_FRAMEWORK"]["NUM_PROXIES"] == 2
    assert behind["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"


def test_a_new_x_forwarded_for_per_request_does_not_escape_the_throttle(
    client, researcher, password_checks
):
    for n in range(30):
        _token_from(client, f"203.0.113.{n}", researcher.email, f"guess-{n}")
    assert len(password_checks) <= 5
    assert _token_from(client, "203.0.113.200", researcher.email, PASSWORD).status_code == 429


def test_behind_one_trusted_proxy_two_visitors_do_not_share_a_limit(client, behind_one_proxy):
    for n in range(12):  # more than the API's 10 a minute
        _token_from(client, "198.51.100.7", f"nobody{n}@example.net", "x")
    person = UserFactory()
    assert _token_from(client, "198.51.100.8", person.email, PASSWORD).status_code == 201
    assert _token_from(client, "198.51.100.7", person.email, PASSWORD).status_code == 429


def test_behind_one_trusted_proxy_the_web_sign_in_limits_each_visitor(
    client, settings, behind_one_proxy
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "3/5m/ip,5/5m/key",
    }
    for n in range(3):
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.net", "password": "x"},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
    person = UserFactory()
    signed_in = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.8"},
    )
    assert signed_in.status_code == 302


def test_five_failures_on_one_account_do_not_block_another_from_the_same_address(client):
    alice, bob = UserFactory(), UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": alice.email, "password": "wrong"})
    signed_in = client.post(reverse("account_login"), {"login": bob.email, "password": PASSWORD})
    assert signed_in.status_code == 302


def test_the_per_address_limit_is_the_configured_one(client, settings, password_checks):
    ip_rate = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[0]
    assert ip_rate == "20/5m/ip"
    people = [UserFactory() for _ in range(5)]
    for n in range(21):
        client.post(reverse("account_login"), {"login": people[n % 5].email, "password": "wrong"})
    assert len(password_checks) == 20
