"""Finding 7: the directory's filters on the API are checked against their choices, as the
directory page checks them; a quote or a NUL is a 400, never a broken search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.directory.tests.factories import OrganizationFactory, area

HOSTILE = ['11" OR "qqkpatient', "idf\x00", '"', "qqr94", "x" * 300]


@pytest.fixture
def organizations(db):
    return [
        OrganizationFactory(name="Association Île-de-France", region="idf", kind="patient"),
        OrganizationFactory(name="Fondation Bretagne", region="bre", kind="foundation"),
    ]


@pytest.mark.parametrize("parameter", ["region", "kind", "approval", "status"])
@pytest.mark.parametrize("value", HOSTILE)
def test_a_filter_outside_its_choices_is_refused_with_a_json_400(
    client, organizations, parameter, value
):
    response = client.get(reverse("api-organizations"), {parameter: value})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [parameter]


def test_an_injected_filter_finds_nothing_instead_of_every_patient_organization(
    client, organizations
):
    response = client.get(reverse("api-organizations"), {"region": '11" OR "qqkpatient'})
    assert response.status_code == 400
    assert "results" not in response.json()


@pytest.mark.parametrize("value", ["0", "abc", "99999999999999999999", "-3", "999999"])
def test_an_unknown_disease_area_is_refused(client, organizations, value):
    response = client.get(reverse("api-organizations"), {"disease_area": value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["disease_area"]


def test_valid_filters_still_narrow_the_results(client, organizations):
    response = client.get(reverse("api-organizations"), {"region": "bre", "kind": "foundation"})
    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == ["Fondation Bretagne"]


def test_a_disease_area_filter_takes_its_descendants(client, db):
    diabetes = area("E10-E14")
    OrganizationFactory(name="Diabète Nord", areas=[diabetes])
    OrganizationFactory(name="Other")
    parent = diabetes.ancestor_ids()[-1]
    response = client.get(reverse("api-organizations"), {"disease_area": parent})
    assert [o["name"] for o in response.json()["results"]] == ["Diabète Nord"]


def test_researchers_refuse_an_unknown_disease_area(client, officer):
    client.force_login(officer)
    response = client.get(reverse("api-researchers"), {"disease_area": "424242"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["disease_area"]


def test_match_refuses_a_region_outside_its_choices_and_unknown_areas(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("api-match"),
        {"text": "diabète", "region": '"x', "disease_areas": [424242]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"region", "disease_areas"}


def test_the_schema_lists_each_filters_choices(client):
    schema = client.get(reverse("api-schema")).json()
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/organizations"]["get"]["parameters"]
    }
    assert "idf" in parameters["region"]["schema"]["enum"]
    assert "foundation" in parameters["kind"]["schema"]["enum"]
    assert "400" in schema["paths"]["/api/v1/organizations"]["get"]["responses"]
