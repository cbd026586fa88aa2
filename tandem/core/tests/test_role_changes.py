"""Only administrators change roles. Who may open which page is the permission matrix's
(tests/matrix); this shows the change itself."""

from __future__ import annotations

import pytest
from django.urls import reverse


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
