from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_a_right_password_and_works_as_bearer(client, researcher):
    response = client.post(
        "/api/v1/auth/token",
        {"email": researcher.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201
    token = response.json()["token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["email"] == researcher.email
    assert me.json()["roles"] == ["researcher"]


def test_a_wrong_password_gets_one_generic_message(client, researcher):
    response = client.post(
        "/api/v1/auth/token",
        {"email": researcher.email, "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 401
    unknown = client.post(
        "/api/v1/auth/token",
        {"email": "who@example.net", "password": "nope"},
        content_type="application/json",
    )
    assert unknown.json() == response.json()


def test_a_revoked_token_is_refused(client, researcher):
    token, key = services.create_api_token(researcher, name="ci")
    services.revoke_api_token(token, by=researcher)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_me_requires_authentication(client):
    assert client.get("/api/v1/me").status_code in (401, 403)


def test_tokens_are_listed_and_revoked_from_the_profile(client, researcher):
    client.force_login(researcher)
    response = client.post(reverse("accounts:tokens"), {"name": "my script"})
    assert response.status_code == 200
    assert "tdm_" in response.content.decode()
    token = researcher.api_tokens.get()
    assert client.post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client, researcher, member):
    token, _key = services.create_api_token(researcher, name="mine")
    client.force_login(member)
    assert client.post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 404


def test_the_schema_and_docs_are_public_and_valid(client):
    schema = client.get("/api/v1/schema")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token" in paths and "/api/v1/me" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def test_one_token_per_purpose_through_the_api(client, researcher):
    def ask(name):
        return client.post(
            "/api/v1/auth/token",
            {"email": researcher.email, "password": PASSWORD, "name": name},
            content_type="application/json",
        ).json()

    first = ask("nightly export")
    assert first["replaced"] == 0
    second = ask("nightly export")
    assert second["replaced"] == 1 and second["token"] != first["token"]
    other = ask("dashboard")
    assert other["replaced"] == 0
    me = "/api/v1/me"
    assert client.get(me, headers={"Authorization": f"Bearer {first['token']}"}).status_code == 401
    for kept in (second, other):
        assert (
            client.get(me, headers={"Authorization": f"Bearer {kept['token']}"}).status_code == 200
        )
    assert researcher.api_tokens.filter(revoked_at__isnull=True).count() == 2


def test_the_tokens_page_replaces_a_token_of_the_same_purpose(client, researcher):
    client.force_login(researcher)
    client.post(reverse("accounts:tokens"), {"name": "my script"})
    page = client.post(reverse("accounts:tokens"), {"name": "my script"}, follow=True)
    assert "one token per purpose" in page.content.decode()
    assert researcher.api_tokens.filter(revoked_at__isnull=True).count() == 1
    assert researcher.api_tokens.count() == 2
