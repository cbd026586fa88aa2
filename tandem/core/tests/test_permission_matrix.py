"""Every page of the foundation, for every persona: who gets in, who is turned away."""

from __future__ import annotations

import pytest
from django.urls import reverse

ALL = [
    "anonymous",
    "outsider",
    "member",
    "researcher",
    "reviewer",
    "coordinator",
    "gram_member",
    "officer",
    "director",
    "admin_user",
]
SIGNED_IN = [p for p in ALL if p != "anonymous"]

# page -> personas who may open it; everyone else: anonymous is sent to sign in, others get 403.
PAGES = {
    "core:home": ALL,
    "core:dashboard": SIGNED_IN,
    "core:notifications": SIGNED_IN,
    "core:action_log": ["officer", "admin_user"],
    "core:outbox": ["admin_user"],
    "accounts:profile": SIGNED_IN,
    "accounts:tokens": SIGNED_IN,
    "accounts:erase": SIGNED_IN,
    "accounts:export_data": SIGNED_IN,
    "accounts:invitations": ["officer", "admin_user"],
    "accounts:people": ["admin_user"],
    "account_login": ALL,
    "mfa_index": SIGNED_IN,
}

CASES = [(page, persona) for page in PAGES for persona in ALL]


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "persona"), CASES)
def test_page_access_follows_the_roles(page, persona, as_persona):
    client, _user = as_persona(persona)
    response = client.get(reverse(page))
    if persona in PAGES[page]:
        assert response.status_code in (200, 302), response.status_code
        if page == "account_login" and persona != "anonymous":
            return  # allauth sends a signed-in person home
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "officer", "admin_user"])
def test_only_administrators_change_roles(persona, as_persona, researcher):
    client, _user = as_persona(persona)
    response = client.post(
        reverse("accounts:person_roles", args=[researcher.pk]), {"roles": ["admin"]}
    )
    if persona == "admin_user":
        assert response.status_code == 302
        assert "admin" in researcher.role_assignments.values_list("role", flat=True)
    else:
        assert response.status_code == 403
        assert researcher.role_assignments.filter(role="admin").count() == 0
