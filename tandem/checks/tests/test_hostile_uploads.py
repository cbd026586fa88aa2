""" "Check my document" and POST /api/v1/clarity against the hostile corpus: a clear error, the
typed fields kept, nothing stored."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.checks.models import ClarityCheck
from tandem.core.tests import corpus

from .test_api_and_cli import _bearer

CASES = [pytest.param(*case[1:], id=case[0]) for case in corpus.HOSTILE_DOCUMENTS]


def _post(client, upload):
    return client.post(
        reverse("checks:check"),
        {
            "title": "Ma notice à vérifier",
            "document_kind": "leaflet",
            "language": "fr",
            "category": "",
            "text": "",
            "file": upload,
        },
    )


@pytest.mark.parametrize(("build", "name", "code"), CASES)
def test_the_check_page_refuses_each_hostile_file_and_keeps_what_was_typed(
    client, researcher, build, name, code
):
    client.force_login(researcher)
    response = _post(client, SimpleUploadedFile(name, build()))
    assert response.status_code == 422
    assert response.context["form"].errors["file"][0].strip()
    assert "Ma notice à vérifier" in response.content.decode()
    assert not ClarityCheck.objects.exists()
    assert corpus.stored_files(django_settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(("build", "name", "code"), CASES)
def test_the_api_refuses_each_hostile_file_with_a_json_400(client, researcher, build, name, code):
    response = client.post(
        "/api/v1/clarity",
        {"file": SimpleUploadedFile(name, build()), "language": "fr"},
        headers=_bearer(researcher),
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "file" in str(response.json())


def test_a_file_over_the_upload_limit_is_refused_by_the_form(client, researcher, settings):
    client.force_login(researcher)
    size = settings.UPLOAD_MAX_BYTES + 1024 * 1024  # under the request body's cap
    response = _post(client, SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * size))
    assert response.status_code == 422
    assert "too large" in response.context["form"].errors["file"][0]
    assert not ClarityCheck.objects.exists()


def test_a_50_mb_file_is_refused_at_the_door(client, researcher, settings):
    client.force_login(researcher)
    response = _post(client, SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * corpus.LARGE))
    assert response.status_code == 413  # the request body's cap (tandem.core.bodylimit)
    assert not ClarityCheck.objects.exists()
    assert corpus.stored_files(settings.MEDIA_ROOT) == []


def test_a_hostile_file_name_is_kept_only_cleaned(client, researcher):
    client.force_login(researcher)
    upload = SimpleUploadedFile("notice.docx", corpus.docx())
    upload.name = "..\\..\\notice\u202excod.docx"
    response = client.post(
        reverse("checks:check"),
        {"title": "", "document_kind": "leaflet", "language": "fr", "text": "", "file": upload},
    )
    assert response.status_code == 302
    check = ClarityCheck.objects.get()
    assert check.original_filename == "noticexcod.docx"
    assert check.title == "noticexcod.docx"
    assert check.file.name.startswith(f"checks/{researcher.pk}/")
    assert "notice" not in check.file.name


def test_a_check_title_with_a_control_character_is_refused(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"),
        {"title": "Notice\x07", "document_kind": "leaflet", "language": "fr", "text": "Bonjour."},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["title"]
    assert not ClarityCheck.objects.exists()
