"""The permission matrix: every page of the directory × every persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS

STAFF = {"officer", "admin_user"}
REGISTRANTS = {"member", "researcher", "reviewer"} | STAFF


def expected(persona: str, allowed: set[str], *, denied: int = 403) -> int:
    if persona in allowed:
        return 200
    if persona == "anonymous":
        return 302
    return denied


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_can_browse_the_directory(persona, as_persona, organization):
    client, _user = as_persona(persona)
    assert client.get(reverse("directory:directory"), {"q": "diabète"}).status_code == 200
    assert client.get(organization.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_pending_organization_is_seen_only_by_officers(persona, as_persona, organization):
    organization.status = "pending"
    organization.save()
    client, _user = as_persona(persona)
    status = client.get(organization.get_absolute_url()).status_code
    assert status == (200 if persona in STAFF else 404)


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("directory:register", REGISTRANTS),
        ("directory:queue", STAFF),
        ("directory:reference", STAFF),
        ("directory:import", STAFF),
        ("directory:researcher_profile", {"researcher"}),
        ("directory:find_partners", {"researcher"} | STAFF),
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_role_pages(persona, name, allowed, as_persona, db):
    client, _user = as_persona(persona)
    assert client.get(reverse(name)).status_code == expected(persona, allowed)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_export(persona, fmt, as_persona, organization):
    client, _user = as_persona(persona)
    response = client.get(reverse("directory:export", args=[fmt]))
    assert response.status_code == expected(persona, STAFF)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_and_the_organizations_admins_edit_it(persona, as_persona, organization):
    client, user = as_persona(persona)
    allowed = set(STAFF)
    if persona == "member":
        from tandem.directory.tests.factories import make_admin

        make_admin(organization, user)
        allowed.add("member")
    for name in ("directory:edit", "directory:members"):
        status = client.get(reverse(name, args=[organization.pk])).status_code
        assert status == expected(persona, allowed, denied=404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_research_units_view_is_for_the_organizations_members_and_officers(
    persona, as_persona, organization
):
    client, user = as_persona(persona)
    allowed = set(STAFF)
    if persona == "researcher":
        from tandem.directory.models import OrganizationMembership

        OrganizationMembership.objects.create(organization=organization, user=user, role="member")
        allowed.add("researcher")
    status = client.get(reverse("directory:research", args=[organization.pk])).status_code
    assert status == expected(persona, allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_officers_validate(persona, as_persona, organization):
    organization.status = "pending"
    organization.save()
    client, _user = as_persona(persona)
    response = client.post(
        reverse("directory:change_status", args=[organization.pk]), {"to": "active"}
    )
    organization.refresh_from_db()
    if persona in STAFF:
        assert response.status_code == 302
        assert organization.status == "active"
    else:
        assert response.status_code == (302 if persona == "anonymous" else 403)
        assert organization.status == "pending"


@pytest.mark.parametrize("kind", ["disease-areas", "institutes", "offices", "units"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_reference_forms_are_for_officers(persona, kind, as_persona, db):
    client, _user = as_persona(persona)
    response = client.get(reverse("directory:reference_new", args=[kind]))
    assert response.status_code == expected(persona, STAFF)
