"""The reference data through the API: what the reference pages offer (institutes, regional
offices and research units, with their staff), through the same service; reads for people with
a role, writes for officers, the second factor as everywhere. (Every persona on every endpoint:
tests/matrix.)"""

from __future__ import annotations

import pytest

from tandem.accounts.services import create_api_token
from tandem.accounts.tests.factories import UserFactory
from tandem.core.audit import history_of
from tandem.core.models import ActionLogEntry
from tandem.directory.models import Institute, RegionalOffice, ResearchUnit
from tandem.directory.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _bearer(user, *, second_factor: bool = False) -> dict[str, str]:
    _token, key = create_api_token(user, name="t", second_factor=second_factor)
    return {"Authorization": f"Bearer {key}"}


def test_an_officer_creates_an_institute_with_its_staff(client, officer):
    colleague = UserFactory(email="ines.martin@example.org")
    created = client.post(
        "/api/v1/institutes",
        {
            "name_fr": "Santé publique",
            "name_en": "Public health",
            "acronym": "SP",
            "staff": ["Ines.Martin@example.org"],
        },
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["staff"] == ["ines.martin@example.org"]
    institute = Institute.objects.get(pk=body["id"])
    assert list(institute.staff.all()) == [colleague]
    assert history_of(institute).get().actor == officer


def test_an_officer_changes_an_offices_staff_and_keeps_what_is_not_given(client, officer):
    office = RegionalOffice.objects.order_by("pk").first()
    name = office.name
    leaving, coming = UserFactory(), UserFactory()
    office.staff.add(leaving)
    changed = client.patch(
        f"/api/v1/regional-offices/{office.pk}",
        {"staff": [coming.email]},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert changed.status_code == 200
    assert changed.json()["staff"] == [coming.email]
    office.refresh_from_db()
    assert office.name == name
    assert list(office.staff.all()) == [coming]
    assert history_of(office).get().data == {
        "staff_added": [coming.pk],
        "staff_removed": [leaving.pk],
    }


def test_people_with_a_role_read_the_lists_paginated_without_the_staff(client, researcher):
    Institute.objects.order_by("pk").first().staff.add(UserFactory())
    listed = client.get("/api/v1/institutes", headers=_bearer(researcher)).json()
    assert listed["count"] == Institute.objects.count()
    assert {"next", "previous", "results"} <= set(listed)
    assert {row["staff"] for row in listed["results"]} == {None}
    office = RegionalOffice.objects.order_by("pk").first()
    one = client.get(f"/api/v1/regional-offices/{office.pk}", headers=_bearer(researcher))
    assert one.json() == {
        "id": office.pk,
        "name": office.name,
        "city": office.city,
        "region": office.region,
        "staff": None,
    }


def test_a_person_with_a_role_may_not_write_and_nothing_is_written(client, researcher):
    institute = Institute.objects.order_by("pk").first()
    headers = _bearer(researcher)
    before = ActionLogEntry.objects.count()
    refused = client.patch(
        f"/api/v1/institutes/{institute.pk}",
        {"name_fr": "Pris"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the officers change the reference data."
    institute.refresh_from_db()
    assert institute.name_fr != "Pris"
    assert ActionLogEntry.objects.count() == before


def test_an_unknown_staff_address_is_named_in_french_and_nothing_is_written(client, officer):
    institute = Institute.objects.order_by("pk").first()
    known = UserFactory()
    headers = {**_bearer(officer), "Accept-Language": "fr"}
    before = ActionLogEntry.objects.count()
    refused = client.patch(
        f"/api/v1/institutes/{institute.pk}",
        {"name_fr": "Changé", "staff": [known.email, "personne@example.org"]},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "invalid"
    assert body["errors"]["staff"] == [
        "Aucun compte n'utilise ces adresses\u202f: personne@example.org."
    ]
    institute.refresh_from_db()
    assert institute.name_fr != "Changé"
    assert not institute.staff.exists()
    assert ActionLogEntry.objects.count() == before


@pytest.mark.parametrize(
    "given",
    [
        {"name_fr": "", "name_en": "x"},
        {"name_fr": "x" * 201, "name_en": "x"},
        {"name_fr": "Deux\nlignes", "name_en": "x"},
        {"name_fr": "x", "name_en": "x", "staff": "not a list"},
        {"name_fr": "x", "name_en": "x", "staff": ["not an address"]},
    ],
    ids=["empty name", "too long", "two lines", "staff not a list", "not an address"],
)
def test_bad_input_is_a_400_and_creates_nothing(client, officer, given):
    before = Institute.objects.count()
    refused = client.post(
        "/api/v1/institutes", given, content_type="application/json", headers=_bearer(officer)
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert Institute.objects.count() == before


def test_an_officer_creates_and_changes_a_unit_the_pages_way(client, officer):
    institutes = list(Institute.objects.order_by("pk")[:2])
    office = RegionalOffice.objects.order_by("pk").first()
    director = UserFactory()
    created = client.post(
        "/api/v1/research-units",
        {
            "code": "umr  1900",
            "name": "Unité mixte",
            "city": "Nantes",
            "regional_office": office.pk,
            "director": director.email,
            "institutes": [i.pk for i in institutes],
        },
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert created.status_code == 201, created.json()
    unit = ResearchUnit.objects.get(pk=created.json()["id"])
    assert (unit.code, unit.director, unit.regional_office) == ("UMR 1900", director, office)
    assert list(unit.institutes.order_by("pk")) == institutes
    changed = client.patch(
        f"/api/v1/research-units/{unit.pk}",
        {"institutes": [], "director": None},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert changed.status_code == 200
    assert changed.json()["institutes"] == []
    unit.refresh_from_db()
    assert unit.director is None and unit.city == "Nantes"


def test_a_unit_code_already_used_is_a_409_and_nothing_changes(client, officer):
    UnitFactory(code="U2000")
    unit = UnitFactory(code="U2001")
    refused = client.patch(
        f"/api/v1/research-units/{unit.pk}",
        {"code": "u2000"},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "duplicate"
    unit.refresh_from_db()
    assert unit.code == "U2001"


def test_an_unknown_director_or_institute_is_a_400(client, officer):
    unit = UnitFactory()
    for given, field in (
        ({"director": "personne@example.org"}, "director"),
        ({"institutes": [999_999]}, "institutes"),
    ):
        refused = client.patch(
            f"/api/v1/research-units/{unit.pk}",
            given,
            content_type="application/json",
            headers=_bearer(officer),
        )
        assert refused.status_code == 400
        assert field in refused.json()["errors"]


def test_an_officer_without_a_second_factor_writes_nothing(client, settings):
    """The API's rule for roles that need a second factor: a token issued without one is
    refused before the endpoint runs."""
    settings.DEMO_MODE = False
    officer = UserFactory(roles=["officer"])
    before = Institute.objects.count()
    refused = client.post(
        "/api/v1/institutes",
        {"name_fr": "Sans code", "name_en": "No code"},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert refused.status_code == 403
    assert "two-factor" in refused.json()["detail"]
    assert Institute.objects.count() == before
