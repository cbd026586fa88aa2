"""The clarity check takes the formats its help text names, by name and by content: a photo is
told which formats are accepted (not that its name says otherwise), a text named .jpg is not
read, and the error summary names the file box, not by the label that continues the text's."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.checks.models import ClarityCheck
from tandem.core.tests.corpus import docx

pytestmark = pytest.mark.django_db
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def _post(client, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("checks:check"),
        {
            "title": "Scan de la notice",
            "document_kind": "leaflet",
            "language": "fr",
            "category": "",
            "text": "",
            "file": SimpleUploadedFile(name, data),
        },
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [("scan.jpg", JPEG), ("photo.jpg", b"Un texte de notice assez long. " * 20)],
)
def test_a_file_named_jpg_is_refused_saying_what_is_accepted(client, researcher, name, data):
    client.force_login(researcher)
    response = _post(client, name, data)
    assert response.status_code == 422
    [message] = response.context["form"].errors["file"]
    assert message == (
        "Files ending in .jpg are not accepted here. "
        "Accepted: PDF, Word (DOCX), OpenDocument (ODT), TXT."
    )
    assert "whatever its name says" not in response.text
    assert not ClarityCheck.objects.exists()


def test_the_error_summary_names_the_file_box(client, researcher):
    client.force_login(researcher)
    page = _post(client, "scan.jpg", JPEG).text
    summary = page[page.index('class="error-summary"') :]
    first = re.search(r"<li>(.*?)</li>", summary, re.S).group(1)
    assert first.startswith('<a href="#id_file">File to check</a> — Files ending in .jpg')
    assert "or choose a file</a>" not in summary


def test_a_docx_with_its_name_is_still_taken(client, researcher):
    client.force_login(researcher)
    assert _post(client, "notice.docx", docx()).status_code == 302


def test_the_api_refuses_a_text_named_jpg(client, researcher):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tandem.accounts.services import create_api_token

    key = create_api_token(researcher, name="t")[1]
    response = client.post(
        "/api/v1/clarity",
        {"file": SimpleUploadedFile("photo.jpg", b"Un texte. " * 50), "language": "fr"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 400
    assert "Files ending in .jpg" in str(response.json()["errors"]["file"])
