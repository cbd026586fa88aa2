"""/api/v1/indicators: the dashboard's figures for a period and filters; checked filters."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tandem.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_indicators_for_a_year(officer, sample):
    answer = api(officer).get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    data = answer.json()
    assert data["period"] == {
        "kind": "year",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "title": "2025",
    }
    found = {i["slug"]: i for i in data["indicators"]}
    assert len(found) == 19
    turnaround = found["review-turnaround"]
    assert turnaround["value"] == 37.3
    assert turnaround["unit"] == "days"
    assert turnaround["series"][0]["values"][:2] == [20.0, 46.0]
    assert found["gram-attendance"]["filters"] == ["kind"]


def test_a_quarter_with_a_filter(director, sample):
    answer = api(director).get(
        URL, {"period": "quarter", "year": 2025, "quarter": 1, "kind": "patient"}
    )
    found = {i["slug"]: i for i in answer.json()["indicators"]}
    assert answer.json()["period"]["end"] == "2025-03-31"
    assert found["partners"]["value"] == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "custom", "start": "2025-05-01", "end": "2025-01-01"}, "end"),
        ({"period": "custom", "start": "2015-01-01", "end": "2025-01-01"}, "end"),
        ({"period": "quarter", "year": 2025}, "quarter"),
        ({"period": "custom", "start": "0001-01-01", "end": "0001-01-02"}, "end"),
        ({"period": "custom", "start": "2025-01-01", "end": "9999-12-31"}, "end"),
        ({"institute": 999999}, "institute"),
        ({"kind": "club"}, "kind"),
        ({"year": "soon"}, "year"),
    ],
)
def test_wrong_filters_are_a_400_with_the_api_error_body(officer, query, field):
    answer = api(officer).get(URL, query)
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "invalid"
    assert field in body["errors"]


@pytest.mark.parametrize(
    "persona", ["member", "researcher", "coordinator", "outsider", "gram_member"]
)
def test_other_people_are_refused(persona, request):
    assert api(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_a_token_of_the_gram_reads_the_indicators(client, seated_gram_member):
    key = issue_api_token(seated_gram_member, name="t").key
    answer = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 200


def test_the_schema_documents_the_operation(client):
    schema = client.get("/api/v1/schema").json()
    operation = schema["paths"]["/api/v1/indicators"]["get"]
    assert operation["operationId"] == "indicators_list"
    assert {p["name"] for p in operation["parameters"]} >= {
        "period",
        "year",
        "quarter",
        "start",
        "end",
        "institute",
        "regional_office",
        "disease_area",
        "kind",
    }
    assert "400" in operation["responses"]


PDF = "/api/v1/indicators/activity-report/2025/en/pdf"


def test_the_activity_report_pdf_through_the_api(
    director, sample, monkeypatch, django_capture_on_commit_callbacks
):
    from tandem.reporting import report

    # The drawing itself is tested with the page (test_activity_report.py); here, the journey.
    monkeypatch.setattr(report, "report_pdf", lambda year, *, language: b"%PDF-1.7 made")
    client = api(director)
    assert client.get(PDF).json()["status"] == "absent"
    assert client.get(f"{PDF}/file").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(PDF)
    assert answer.status_code == 202
    assert answer.json()["status"] == "pending"  # read before the task ran, at the commit
    state = client.get(PDF).json()
    assert state["status"] == "ready" and state["finished_at"]
    assert state["download"].endswith(f"{PDF}/file")
    download = client.get(f"{PDF}/file")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == (
        b"%PDF-1.7 made"
    )


def test_the_api_refuses_a_report_that_cannot_exist(officer):
    assert api(officer).post("/api/v1/indicators/activity-report/2025/de/pdf").status_code == 404
    assert api(officer).get("/api/v1/indicators/activity-report/1990/en/pdf").status_code == 404


@pytest.mark.parametrize("persona", ["member", "researcher", "coordinator", "gram_member"])
def test_the_activity_report_pdf_is_refused_to_other_people(persona, request):
    client = api(request.getfixturevalue(persona))
    assert client.get(PDF).status_code == 403
    assert client.post(PDF).status_code == 403
    assert client.get(f"{PDF}/file").status_code == 403


def test_the_activity_report_pdf_is_refused_to_visitors():
    assert APIClient().post(PDF).status_code in (401, 403)
