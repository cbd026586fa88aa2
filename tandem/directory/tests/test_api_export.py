"""The directory's export through the API: the page's CSV and XLSX, for the officers and the
administrators alone."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from conftest import persona_token as _auth
from tandem.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

STAFF = {"officer", "admin_user"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_only_officers_export_through_the_api(client, request, persona, fmt):
    OrganizationFactory(name="Ligue contre", description="=1+1")
    response = client.get(
        reverse("api-organizations-export", args=[fmt]), **_auth(request, persona)
    )
    if persona == "anonymous":
        assert response.status_code == 401
        return
    if persona not in STAFF:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert 'attachment; filename="tandem-organizations-' in response["Content-Disposition"]
    if fmt == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = response.content.decode("utf-8-sig")
        assert "Ligue contre" in text and "'=1+1" in text
    else:
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[1][1] == "Ligue contre" and rows[1][5] == "'=1+1"


def test_the_api_export_is_the_pages_file(client, request, officer):
    OrganizationFactory(name="Ligue contre")
    api = client.get(reverse("api-organizations-export", args=["csv"]), **_auth(request, "officer"))
    client.force_login(officer)
    page = client.get(reverse("directory:export", args=["csv"]))
    assert api.content == page.content
    assert api["Content-Disposition"] == page["Content-Disposition"]


def test_an_unknown_format_is_not_found(client, request):
    url = reverse("api-organizations-export", args=["ods"])
    assert client.get(url, **_auth(request, "officer")).status_code == 404
