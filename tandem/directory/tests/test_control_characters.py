"""Finding 9 in the directory: a BEL in an organization's name broke the officers' XLSX export
(any member can register one). The name is refused at registration and import, and older data
is cleaned on its way out."""

from __future__ import annotations

import io

from django.urls import reverse

from tandem.directory import transfer
from tandem.directory.models import Organization
from tandem.directory.tests.factories import OrganizationFactory
from tandem.directory.tests.test_views import registration


def test_a_member_cannot_register_an_organization_whose_name_holds_a_control_character(
    client, member
):
    client.force_login(member)
    response = client.post(
        reverse("directory:register"),
        registration(name="Souffle\x07 Breton", description="Ligne 1\r\nLigne 2"),
    )
    assert response.status_code == 422
    assert "U+0007" in response.content.decode()
    assert not Organization.objects.exists()


def test_a_description_keeps_its_line_breaks(client, member):
    client.force_login(member)
    response = client.post(
        reverse("directory:register"), registration(description="Ligne 1\r\n\tLigne 2")
    )
    assert response.status_code == 302
    assert Organization.objects.get().description == "Ligne 1\r\n\tLigne 2"


def test_the_xlsx_export_survives_control_characters_already_stored(client, officer):
    from openpyxl import load_workbook

    OrganizationFactory(name="Ligue\x07 contre\x1b", description="=1+1\x0b")
    client.force_login(officer)
    response = client.get(reverse("directory:export", args=["xlsx"]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == "Ligue contre"
    assert rows[1][5] == "'=1+1"


def test_the_csv_export_cleans_control_characters_too(db):
    OrganizationFactory(name="Ligue\x07 contre")
    content = transfer.export_csv(transfer.export_queryset()).decode("utf-8-sig")
    assert "Ligue contre" in content and "\x07" not in content


def test_an_import_row_with_a_control_character_in_a_name_is_listed_as_bad(client, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer)
    text = "name,kind,region,approval\nAsso\x07 cloche,patient,bre,none\n"
    response = client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile("x.csv", text.encode())}
    )
    assert response.status_code == 422
    assert response.context["preview"].errors
    assert not Organization.objects.exists()


def test_the_api_refuses_a_name_with_a_newline_with_a_json_400(client, member):
    client.force_login(member)
    response = client.post(
        reverse("api-organizations"),
        {"name": "Ligue\nBcc: x@example.org", "description": "Ligne 1\nLigne 2"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "name" in str(response.json()) and "description" not in str(response.json())
    assert not Organization.objects.exists()
