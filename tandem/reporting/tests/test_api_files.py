"""The dashboard's downloads through the API: an indicator's chart as SVG, its table as CSV or
XLSX, every table in one workbook, the yearly activity report as DOCX. The same files as the
page's, for the same people (the indicators' readers)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS, persona_token
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db

# The indicators' readers; the GRAM's persona as a member holding a mandate today.
READERS = {"seated_gram_member", "director", "officer", "admin_user"}
ASKERS = [p if p != "gram_member" else "seated_gram_member" for p in PERSONAS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _auth(request, persona: str) -> dict[str, str]:
    return {**persona_token(request, persona), "HTTP_ACCEPT_LANGUAGE": "en"}


def _refused(response, persona: str) -> bool:
    if persona in READERS:
        return False
    assert response.status_code == (401 if persona == "anonymous" else 403)
    return True


@pytest.mark.parametrize("persona", ASKERS)
def test_a_table_as_csv_for_the_readers(client, request, sample, persona):
    url = reverse("api-indicator-table-csv", args=["gram-attendance"])
    response = client.get(url, {"year": 2025}, **_auth(request, persona))
    if _refused(response, persona):
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="gram-attendance.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Attendance at the GRAM per college", "2025"]
    assert ["Patients", "75.0"] in rows


@pytest.mark.parametrize(
    ("api_name", "page_name", "disposition"),
    [
        ("api-indicator-table-csv", "reporting:table_csv", "attachment"),
        # The page shows its chart as an image; the API hands it over as a file.
        ("api-indicator-chart", "reporting:chart", "inline"),
    ],
)
def test_the_file_is_the_pages_for_the_same_scope(
    client, request, sample, officer, api_name, page_name, disposition
):
    query = {"period": "quarter", "year": 2025, "quarter": 1, "kind": "patient"}
    api = client.get(reverse(api_name, args=["partners"]), query, **_auth(request, "officer"))
    client.force_login(officer)
    page = client.get(reverse(page_name, args=["partners"]), query, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == page.status_code == 200
    assert api.content == page.content
    assert api["Content-Type"] == page["Content-Type"]
    assert api["Content-Disposition"].startswith("attachment; filename=")
    assert page["Content-Disposition"].startswith(f"{disposition}; filename=")
    assert api["Content-Disposition"].split(";")[1] == page["Content-Disposition"].split(";")[1]


@pytest.mark.parametrize("persona", ASKERS)
def test_a_table_and_every_table_as_xlsx_for_the_readers(client, request, sample, persona):
    one = client.get(
        reverse("api-indicator-table-xlsx", args=["partners"]),
        {"year": 2025},
        **_auth(request, persona),
    )
    every = client.get(
        reverse("api-indicator-tables-xlsx"), {"year": 2025}, **_auth(request, persona)
    )
    if _refused(one, persona) | _refused(every, persona):
        return
    for response, name, sheets in ((one, "partners", 1), (every, "indicators", 19)):
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        assert f'filename="{name}.xlsx"' in response["Content-Disposition"]
        assert len(load_workbook(io.BytesIO(response.content)).sheetnames) == sheets


@pytest.mark.parametrize("persona", ASKERS)
def test_a_chart_as_svg_for_the_readers_only(client, request, sample, persona):
    url = reverse("api-indicator-chart", args=["gram-attendance"])
    response = client.get(url, {"year": 2025}, **_auth(request, persona))
    if _refused(response, persona):
        assert response["Content-Type"] == "application/json"
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="gram-attendance.svg"'
    svg = response.content.decode()
    assert svg.startswith("<svg") and "Attendance at the GRAM per college" in svg


def test_an_unknown_indicator_or_a_bad_period_is_refused(client, request, sample):
    auth = _auth(request, "officer")
    for name in ("api-indicator-table-csv", "api-indicator-chart"):
        assert client.get(reverse(name, args=["no-such-indicator"]), **auth).status_code == 404
    url = reverse("api-indicator-table-xlsx", args=["partners"])
    response = client.get(url, {"period": "quarter", "year": 2025}, **auth)
    assert response.status_code == 400 and "quarter" in response.json()["errors"]


@pytest.mark.parametrize("persona", ASKERS)
def test_the_activity_report_as_docx_for_the_readers(client, request, sample, persona):
    url = reverse("api-activity-report-docx", args=[2025, "fr"])
    response = client.get(url, **_auth(request, persona))
    if _refused(response, persona):
        return
    assert response.status_code == 200
    assert "rapport-activite-2025.docx" in response["Content-Disposition"]
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    logged = ActionLogEntry.objects.get(action="reporting.report.downloaded")
    assert logged.data == {"year": 2025, "format": "docx", "language": "fr"}


@pytest.mark.parametrize(("year", "language"), [(1990, "fr"), (2025, "de")])
def test_no_activity_report_outside_its_years_and_languages(
    client, request, sample, year, language
):
    url = reverse("api-activity-report-docx", args=[year, language])
    response = client.get(url, **_auth(request, "officer"))
    assert response.status_code == 404
    assert response.json()["code"] in {"year", "language"}
