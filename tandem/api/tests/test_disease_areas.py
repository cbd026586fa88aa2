"""The disease-area tree through the API: read by anyone, as before; created, changed and moved
by officers through the service the reference page calls. (Every persona on every endpoint:
tests/matrix.)"""

from __future__ import annotations

import pytest

from tandem.accounts.services import create_api_token
from tandem.core.audit import history_of
from tandem.core.models import ActionLogEntry
from tandem.directory.models import DiseaseArea
from tandem.directory.tests.factories import area

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"Authorization": f"Bearer {key}"}


def test_an_officer_creates_an_area_under_a_parent(client, officer):
    block = area("E10-E14")
    created = client.post(
        "/api/v1/disease-areas",
        {"name_fr": "Diabète de type 1", "name_en": "Type 1 diabetes", "parent": block.pk},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["parent"], body["depth"]) == (block.pk, block.depth + 1)
    assert body["path"] == f"{block.path}{body['id']}/"
    assert history_of(DiseaseArea.objects.get(pk=body["id"])).get().actor == officer


def test_an_administrator_moves_an_area_and_its_subtree_and_keeps_what_is_not_given(
    client, admin_user
):
    rare, neoplasms = area("RARE"), area("II")
    moved = client.patch(
        f"/api/v1/disease-areas/{rare.pk}",
        {"parent": neoplasms.pk},
        content_type="application/json",
        headers=_bearer(admin_user),
    )
    assert moved.status_code == 200, moved.json()
    assert moved.json()["name_en"] == rare.name_en
    assert area("586").path == f"{neoplasms.path}{rare.pk}/{area('586').pk}/"
    one = client.get(f"/api/v1/disease-areas/{rare.pk}").json()  # read by anyone
    assert (one["parent"], one["depth"]) == (neoplasms.pk, 1)


def test_the_list_stays_the_whole_tree_read_by_anyone(client):
    listed = client.get("/api/v1/disease-areas").json()
    assert isinstance(listed, list)  # not paginated
    assert len(listed) == DiseaseArea.objects.count()


def test_a_person_with_a_role_may_not_write_and_nothing_is_written(client, researcher):
    rare = area("RARE")
    headers = _bearer(researcher)
    before = ActionLogEntry.objects.count()
    refused = client.patch(
        f"/api/v1/disease-areas/{rare.pk}",
        {"name_en": "Taken"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the officers change the reference data."
    assert area("RARE").name_en == rare.name_en
    assert ActionLogEntry.objects.count() == before


def test_an_area_moved_under_its_child_is_a_409_in_french_and_nothing_is_written(client, officer):
    rare = area("RARE")
    headers = {**_bearer(officer), "Accept-Language": "fr"}
    before = ActionLogEntry.objects.count()
    refused = client.patch(
        f"/api/v1/disease-areas/{rare.pk}",
        {"name_en": "Changed", "parent": area("586").pk},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "cycle"
    assert body["detail"].startswith("Un domaine ne peut pas être placé sous lui-même")
    after = area("RARE")
    assert (after.name_en, after.parent_id) == (rare.name_en, None)
    assert ActionLogEntry.objects.count() == before


def test_a_code_already_used_is_a_409(client, officer):
    refused = client.post(
        "/api/v1/disease-areas",
        {"name_fr": "Autre", "name_en": "Other", "code_system": "ORPHA", "code": "586"},
        content_type="application/json",
        headers=_bearer(officer),
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "duplicate"
    assert DiseaseArea.objects.filter(code="586").count() == 1


@pytest.mark.parametrize(
    "given",
    [
        {"name_en": "x"},
        {"name_fr": "", "name_en": "x"},
        {"name_fr": "x" * 201, "name_en": "x"},
        {"name_fr": "Deux\nlignes", "name_en": "x"},
        {"name_fr": "x", "name_en": "x", "parent": 2**31 + 5},
        {"name_fr": "x", "name_en": "x", "parent": "chapter"},
        {"name_fr": "x", "name_en": "x", "code": "x" * 31},
    ],
    ids=[
        "no french name",
        "empty name",
        "too long",
        "two lines",
        "unknown parent",
        "parent not an id",
        "code too long",
    ],
)
def test_bad_input_is_a_400_and_creates_nothing(client, officer, given):
    headers = _bearer(officer)
    before = (DiseaseArea.objects.count(), ActionLogEntry.objects.count())
    refused = client.post(
        "/api/v1/disease-areas", given, content_type="application/json", headers=headers
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert (DiseaseArea.objects.count(), ActionLogEntry.objects.count()) == before


def test_an_unknown_parent_is_named_in_french(client, officer):
    refused = client.patch(
        f"/api/v1/disease-areas/{area('RARE').pk}",
        {"parent": 999999},
        content_type="application/json",
        headers={**_bearer(officer), "Accept-Language": "fr"},
    )
    assert refused.status_code == 400
    [message] = refused.json()["errors"]["parent"]
    assert message.startswith("Clé primaire") and "999999" in message  # DRF's French
