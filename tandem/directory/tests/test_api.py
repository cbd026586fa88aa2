from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from tandem.directory.models import Organization, OrganizationStatus
from tandem.directory.tests.factories import ResearcherFactory, make_admin

STAFF = {"officer", "admin_user"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_searches_organizations_through_the_api(persona, as_persona, organization):
    client, _user = as_persona(persona)
    response = client.get(reverse("api-organizations"), {"q": "diabete", "region": "idf"})
    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == [organization.name]
    assert client.get(reverse("api-organization", args=[organization.pk])).status_code == 200


def test_the_api_hides_contacts_by_visibility(client, organization):
    data = client.get(reverse("api-organization", args=[organization.pk])).json()
    assert data["email"] == organization.email
    assert data["phone"] == ""  # signed-in people only


def test_a_pending_organization_is_hidden_from_the_public_api(client, organization):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.PENDING)
    assert client.get(reverse("api-organization", args=[organization.pk])).status_code == 404
    assert client.get(reverse("api-organizations")).json()["count"] == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_registering_through_the_api(persona, as_persona, db):
    client, _user = as_persona(persona)
    response = client.post(
        reverse("api-organizations"),
        {"name": "Asso API", "kind": "patient", "rna": "W 123 456 789"},
        content_type="application/json",
    )
    if persona in {"member", "researcher", "reviewer"} | STAFF:
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "pending"
        assert response.json()["rna"] == "W123456789"
    else:
        assert response.status_code in (401, 403)


def test_the_api_refuses_a_duplicate_rna_and_names_the_existing_record(
    client, member, organization
):
    client.force_login(member)
    response = client.post(
        reverse("api-organizations"),
        {"name": "Copy", "rna": organization.rna},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["existing"] == organization.pk


def test_the_api_explains_a_bad_siren(client, member):
    client.force_login(member)
    response = client.post(
        reverse("api-organizations"),
        {"name": "X", "siren": "775672273"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "siren" in response.json()["errors"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_and_the_organizations_admins_patch(persona, as_persona, organization):
    client, user = as_persona(persona)
    allowed = set(STAFF)
    if persona == "member":
        make_admin(organization, user)
        allowed.add("member")
    response = client.patch(
        reverse("api-organization", args=[organization.pk]),
        {"city": "Lille"},
        content_type="application/json",
    )
    if persona in allowed:
        assert response.status_code == 200
        assert response.json()["city"] == "Lille"
    else:
        assert response.status_code in (401, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_validate_through_the_api(persona, as_persona, organization):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.PENDING)
    client, _user = as_persona(persona)
    response = client.post(
        reverse("api-organization-transition", args=[organization.pk]),
        {"to": "active"},
        content_type="application/json",
    )
    if persona in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code in (401, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_disease_areas_are_public(persona, as_persona, db):
    client, _user = as_persona(persona)
    response = client.get(reverse("api-disease-areas"))
    assert response.status_code == 200
    assert any(a["code"] == "E10-E14" for a in response.json())


@pytest.mark.parametrize("persona", PERSONAS)
def test_researchers_are_listed_for_people_with_a_role(persona, as_persona, diabetes):
    ResearcherFactory(areas=[diabetes])
    client, _user = as_persona(persona)
    response = client.get(reverse("api-researchers"), {"disease_area": diabetes.pk})
    if persona in ("anonymous",):
        assert response.status_code in (401, 403)
    elif persona == "outsider":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert response.json()["count"] == 1
    # The research units follow their page: public, their researchers counted for a role.
    units = client.get(reverse("api-research-units"))
    assert units.status_code == 200
    counted = {u["researchers"] is not None for u in units.json()["results"]}
    assert counted == {persona not in ("anonymous", "outsider")}


@pytest.mark.parametrize("persona", PERSONAS)
def test_match_is_for_researchers_and_officers(persona, as_persona, organization, diabetes):
    client, _user = as_persona(persona)
    response = client.post(
        reverse("api-match"),
        {"disease_areas": [diabetes.pk], "text": "enfants"},
        content_type="application/json",
    )
    if persona in {"researcher"} | STAFF:
        assert response.status_code == 200
        first = response.json()[0]
        assert first["organization"]["name"] == organization.name
        assert first["reasons"]
    else:
        assert response.status_code in (401, 403)


def test_match_needs_a_topic(client, researcher):
    client.force_login(researcher)
    assert client.post(reverse("api-match"), {}, content_type="application/json").status_code == 400


def test_the_openapi_schema_lists_the_directory(client):
    paths = client.get(reverse("api-schema")).json()["paths"]
    assert "/api/v1/organizations" in paths
    assert "/api/v1/match" in paths
