"""The directory's upload doors (import of organizations, signed agreement) against hostile
files: a clear error, nothing written."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.core.tests import corpus
from tandem.directory.forms import OrganizationForm
from tandem.directory.models import Organization
from tandem.directory.tests.test_views import registration

IMPORTS = [
    pytest.param(lambda: b"", "x.csv", id="empty"),
    pytest.param(lambda: corpus.GARBAGE, "x.csv", id="garbage"),
    pytest.param(lambda: corpus.EXE, "x.xlsx", id="an executable renamed .xlsx"),
    pytest.param(lambda: corpus.HTML, "x.csv", id="an HTML page renamed .csv"),
    pytest.param(lambda: corpus.SVG_WITH_SCRIPT, "x.csv", id="an SVG with a script"),
    pytest.param(corpus.zip_bomb_xlsx, "x.xlsx", id="an XLSX zip bomb"),
    pytest.param(corpus.docm, "x.xlsx", id="a Word document with macros"),
    pytest.param(lambda: b"PK\x03\x04" + corpus.GARBAGE, "x.xlsx", id="a broken zip"),
]


@pytest.mark.parametrize(("build", "name"), IMPORTS)
def test_the_import_refuses_each_hostile_file_and_writes_nothing(client, officer, build, name):
    client.force_login(officer)
    response = client.post(reverse("directory:import"), {"file": SimpleUploadedFile(name, build())})
    assert response.status_code == 422
    assert response.context["form"].errors["file"][0].strip()
    assert not Organization.objects.exists()
    assert "directory_import" not in client.session


def test_the_signed_agreement_must_be_a_real_pdf(db):
    fake = SimpleUploadedFile("agreement.pdf", corpus.HTML_WITH_PDF_HEADER)
    form = OrganizationForm(data=registration(), files={"agreement_document": fake}, officer=True)
    assert not form.is_valid()
    assert form.errors["agreement_document"]


def test_the_signed_agreement_is_stored_under_a_generated_name(client, officer, db):
    real = SimpleUploadedFile("../../accord <script>.pdf", corpus.pdf(["Accord"]))
    form = OrganizationForm(
        data=registration(partnership_status="known_contact"),
        files={"agreement_document": real},
        officer=True,
    )
    assert form.is_valid(), form.errors
    organization = form.save()
    assert organization.agreement_document.name.startswith("directory/agreements/")
    assert "accord" not in organization.agreement_document.name
    assert organization.agreement_document.name.endswith(".pdf")
    assert len(corpus.stored_files(django_settings.MEDIA_ROOT)) == 1
