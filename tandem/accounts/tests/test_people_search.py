"""Issue 14: the people list can be searched by name or email address."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return [
        UserFactory(first_name="Romain", last_name="Lefèvre", email="romain@example.org"),
        UserFactory(first_name="Rose", last_name="Martin", email="rose.martin@asso.example"),
        UserFactory(
            first_name="Paul", last_name="Durand", email="paul@example.org", roles=["gram"]
        ),
    ]


def _names(response) -> set[str]:
    return {str(person) for person in response.context["page"]}


def test_the_admin_finds_people_by_name_or_email(client, admin_user, people):
    client.force_login(admin_user)
    assert _names(client.get(reverse("accounts:people"), {"q": "lefèvre"})) == {"Romain Lefèvre"}
    assert _names(client.get(reverse("accounts:people"), {"q": "ASSO.example"})) == {"Rose Martin"}
    assert _names(client.get(reverse("accounts:people"), {"q": "ro example.org"})) == {
        "Romain Lefèvre"
    }
    response = client.get(reverse("accounts:people"), {"q": "nobody-like-this"})
    assert _names(response) == set()
    assert "Nobody matches this search." in response.content.decode()


def test_the_search_combines_with_the_role_and_survives_paging(client, admin_user, people):
    client.force_login(admin_user)
    response = client.get(reverse("accounts:people"), {"q": "example.org", "role": "gram"})
    assert _names(response) == {"Paul Durand"}
    content = response.content.decode()
    assert 'value="example.org"' in content
    assert "1 person found." in content
    assert response.context["extra_query"] == "q=example.org&role=gram"


def test_searching_people_costs_a_fixed_number_of_queries(
    client, admin_user, people, django_assert_max_num_queries
):
    for n in range(20):
        UserFactory(email=f"many{n}@example.org")
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:people"), {"q": "example"})
    assert len(response.context["page"]) >= 20


@pytest.mark.parametrize("persona", ["officer", "coordinator", "member", "researcher"])
def test_only_those_who_manage_roles_search_people(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("accounts:people"), {"q": "a"}).status_code == 403
