"""The tables as CSV and XLSX: the same figures as the page, formula-like text escaped and
control characters removed (the one rule of tandem.core.exports)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tandem.governance.models import College

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_college(sample):
    # A label that comes from the records and would run as a formula in a spreadsheet.
    College.objects.filter(pk=sample.c2.pk).update(name='=HYPERLINK("http://x")\x07')
    return sample


def test_a_table_as_csv_escapes_formulas_and_control_characters(client, officer, hostile_college):
    client.force_login(officer)
    url = reverse("reporting:table_csv", args=["gram-attendance"])
    response = client.get(url, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="gram-attendance.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Attendance at the GRAM per college", "2025"]
    assert rows[1] == ["Value", "66.7"]
    assert rows[3] == ["Label", "Attendance (%)"]
    assert ["Patients", "75.0"] in rows
    assert ['\'=HYPERLINK("http://x")', "50.0"] in rows


def test_every_table_as_xlsx_has_one_sheet_per_indicator(client, officer, hostile_college):
    client.force_login(officer)
    response = client.get(
        reverse("reporting:tables_xlsx"), {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 19
    sheet = workbook["Attendance at the GRAM per…"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1] == ["Value", 66.7]
    assert ['\'=HYPERLINK("http://x")', 50] in values


def test_an_unknown_indicator_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("reporting:table_xlsx", args=["nothing"])).status_code == 404


def test_long_sheet_names_are_cut_at_a_word_with_an_ellipsis(client, officer, sample):
    officer.language = "fr"
    officer.save(update_fields=["language"])
    client.force_login(officer)
    response = client.get(reverse("reporting:tables_xlsx"), {"year": 2025})
    names = load_workbook(io.BytesIO(response.content)).sheetnames
    assert "Séances des formations et…" in names
    assert "Réponses de la direction…" in names
    assert "Demandes d'accompagnement" in names  # short enough: whole
    assert all(len(name) <= 31 for name in names) and len(set(names)) == len(names)
