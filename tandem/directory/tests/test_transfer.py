from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.directory import transfer
from tandem.directory.models import Organization
from tandem.directory.tests.factories import OrganizationFactory


def test_cells_that_look_like_formulas_are_escaped():
    assert transfer.escape_cell("=HYPERLINK()") == "'=HYPERLINK()"
    assert transfer.escape_cell("+33 1 02") == "'+33 1 02"
    assert transfer.escape_cell("-x") == "'-x"
    assert transfer.escape_cell("@SUM") == "'@SUM"
    assert transfer.escape_cell("Ligue") == "Ligue"
    assert transfer.escape_cell(2020) == 2020


def test_csv_export_escapes_formulas(db):
    OrganizationFactory(name="=cmd|' /C calc'!A0")
    content = transfer.export_csv(transfer.export_queryset()).decode("utf-8-sig")
    assert "'=cmd" in content


def test_xlsx_export_escapes_formulas(db):
    from openpyxl import load_workbook

    OrganizationFactory(name="@evil")
    workbook = load_workbook(io.BytesIO(transfer.export_xlsx(transfer.export_queryset())))
    names = [row[1] for row in workbook.active.iter_rows(values_only=True)]
    assert "'@evil" in names


CSV = (
    "name,kind,region,rna,siren,approval,approval_end,disease_areas\n"
    "Nouvelle asso,patient,bre,W351234567,,none,,ICD-10:E10-E14\n"
    "Mauvaise région,patient,xx,,,none,,\n"
    "Mauvais SIREN,patient,bre,,775672273,none,,ORPHA:999999\n"
    "Agréée sans date,patient,bre,,,national,,\n"
)


def upload(client, text=CSV, name="import.csv"):
    return client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile(name, text.encode(), "text/csv")}
    )


def test_import_dry_run_lists_every_bad_row_and_writes_nothing(client, officer):
    client.force_login(officer)
    response = upload(client)
    assert response.status_code == 422
    preview = response.context["preview"]
    assert [line for line, _errors in preview.errors] == [3, 4, 5]
    assert any("siren" in e for e in preview.errors[1][1])
    assert any("ORPHA:999999".lower() in e for e in preview.errors[1][1])
    assert Organization.objects.count() == 0


def test_import_writes_only_after_confirmation(client, officer):
    client.force_login(officer)
    good = (
        "name,kind,region,rna,disease_areas\nNouvelle asso,patient,bre,W351234567,ICD-10:E10-E14\n"
    )
    response = upload(client, good)
    assert response.status_code == 200
    assert Organization.objects.count() == 0
    token = response.context["token"]
    response = client.post(reverse("directory:confirm_import"), {"token": token})
    assert response.status_code == 302
    org = Organization.objects.get()
    assert org.rna == "W351234567"
    assert "diabetes" in org.search_text


def test_a_wrong_token_imports_nothing(client, officer):
    client.force_login(officer)
    upload(client, "name,kind\nA,patient\n")
    client.post(reverse("directory:confirm_import"), {"token": "forged"})
    assert Organization.objects.count() == 0


def test_an_export_imports_back_as_updates(client, officer, organization):
    client.force_login(officer)
    content = transfer.export_csv(transfer.export_queryset()).decode("utf-8-sig")
    response = upload(
        client, content.replace("Fédération Française des Diabétiques", "FFD nouvelle")
    )
    assert response.status_code == 200, response.context["preview"].errors
    client.post(reverse("directory:confirm_import"), {"token": response.context["token"]})
    organization.refresh_from_db()
    assert organization.name == "FFD nouvelle"
    assert Organization.objects.count() == 1


def test_xlsx_import(client, officer):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name", "kind", "region"])
    workbook.active.append(["Asso XLSX", "federation", "occ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(officer)
    response = client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert response.context["preview"].valid[0]["fields"]["name"] == "Asso XLSX"
