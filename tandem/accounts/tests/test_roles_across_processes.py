"""Issue 11, finding 2: a revoked role stops working at once in every process.

Each "process" below has its own cache that shares no memory with the other's (two local-memory
caches under different names), as two web workers of the default set-up do; the database is the
one thing they share."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from tandem.accounts import services

pytestmark = pytest.mark.django_db


def in_process(name: str) -> override_settings:
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"process-{name}",
            }
        }
    )


def test_the_two_processes_share_no_cache():
    with in_process("a"):
        caches["default"].set("probe", 1)
    with in_process("b"):
        assert caches["default"].get("probe") is None


def test_a_role_revoked_in_one_process_is_refused_by_the_other_at_once(client, officer, admin_user):
    invitations = reverse("accounts:invitations")
    client.force_login(officer)
    with in_process("b"):
        assert client.get(invitations).status_code == 200  # process b has seen the officer
    with in_process("a"):
        services.set_roles(officer, roles=[], by=admin_user)
    with in_process("b"):
        assert client.get(invitations).status_code == 403


def test_a_role_granted_in_one_process_counts_in_the_other_at_once(client, member, admin_user):
    client.force_login(member)
    with in_process("b"):
        assert client.get("/api/v1/me").json()["roles"] == ["member"]
    with in_process("a"):
        services.set_roles(member, roles=["member", "researcher"], by=admin_user)
    with in_process("b"):
        assert client.get("/api/v1/me").json()["roles"] == ["member", "researcher"]


def test_a_revoked_role_is_refused_to_a_token_in_the_other_process(client, officer, admin_user):
    _token, key = services.create_api_token(officer, name="script")
    headers = {"Authorization": f"Bearer {key}"}
    with in_process("b"):
        assert client.get("/api/v1/me", headers=headers).json()["roles"] == ["officer"]
    with in_process("a"):
        services.set_roles(officer, roles=[], by=admin_user)
    with in_process("b"):
        assert client.get("/api/v1/me", headers=headers).json()["roles"] == []


def test_signing_out_in_one_process_ends_the_session_in_the_other(client, member):
    client.force_login(member)
    session_cookie = client.cookies["sessionid"].value
    with in_process("b"):
        assert client.get(reverse("accounts:profile")).status_code == 200
    with in_process("a"):
        client.post(reverse("account_logout"))
    client.cookies["sessionid"] = session_cookie  # a copy of the cookie, replayed
    with in_process("b"):
        assert client.get(reverse("accounts:profile")).status_code == 302
