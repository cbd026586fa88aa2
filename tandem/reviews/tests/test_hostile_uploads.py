"""The College's upload doors against the hostile corpus (new request, new version, API): a
clear error, the typed fields kept, nothing written; and stored documents served back only as
what their content was checked to be."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.core.tests import corpus
from tandem.reviews import services
from tandem.reviews.models import DocumentVersion, ReviewRequest

from .conftest import review_all

CASES = [pytest.param(*case[1:], id=case[0]) for case in corpus.HOSTILE_DOCUMENTS]


def _request_data(leaflet):
    return {
        "title": "Étude <b>GENOU</b>",
        "acronym": "GENOU",
        "category": "riph2",
        "language": "fr",
        "reviewers_wanted": 3,
        "leaflet": leaflet,
    }


@pytest.mark.parametrize(("build", "name", "code"), CASES)
def test_a_new_request_refuses_each_hostile_file_and_keeps_the_typed_fields(
    client, researcher, build, name, code
):
    client.force_login(researcher)
    response = client.post(reverse("reviews:new"), _request_data(SimpleUploadedFile(name, build())))
    assert response.status_code == 422
    assert response.context["form"].errors["leaflet"]
    assert "Étude &lt;b&gt;GENOU&lt;/b&gt;" in response.content.decode()
    assert not ReviewRequest.objects.exists()
    assert corpus.stored_files(django_settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(("build", "name", "code"), CASES)
def test_a_new_version_refuses_each_hostile_file(client, researcher, draft, build, name, code):
    before = corpus.stored_files(django_settings.MEDIA_ROOT)
    client.force_login(researcher)
    response = client.post(
        reverse("reviews:upload", args=[draft.pk]),
        {"kind": "leaflet", "file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 422
    assert response.context["upload_form"].errors["file"]
    assert DocumentVersion.objects.filter(document__request=draft).count() == 3
    assert corpus.stored_files(django_settings.MEDIA_ROOT) == before


@pytest.mark.parametrize(("build", "name", "code"), CASES)
def test_the_api_refuses_each_hostile_file_with_a_json_400(client, researcher, build, name, code):
    client.force_login(researcher)
    response = client.post(
        reverse("api-review-requests"),
        {"title": "API", "category": "riph2", "leaflet": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 400
    assert "leaflet" in str(response.json())
    assert not ReviewRequest.objects.exists()


def test_the_service_refuses_a_hostile_file_whoever_calls_it(researcher, draft):
    upload = SimpleUploadedFile("page.html", corpus.HTML_WITH_PDF_HEADER)
    with pytest.raises(DomainError):
        services.add_document_version(draft, kind="leaflet", upload=upload, by=researcher)
    assert DocumentVersion.objects.filter(document__request=draft).count() == 3


def test_a_document_is_served_as_its_checked_type_whatever_its_name(client, researcher, draft):
    # Before, a file named .html was served back as text/html: the browser could render it.
    version = services.add_document_version(
        draft,
        kind="leaflet",
        upload=SimpleUploadedFile("page.html", corpus.pdf(["Notice"])),
        by=researcher,
    )
    client.force_login(researcher)
    response = client.get(reverse("reviews:download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="page.pdf"'
    assert version.file.name.startswith("reviews/") and "page" not in version.file.name


def test_a_file_name_with_a_newline_or_a_path_is_stored_clean_and_downloads(
    client, researcher, draft
):
    # Before, the raw name was stored and the download's header could not be written (500).
    upload = SimpleUploadedFile("x.docx", corpus.docx())
    upload.name = "notice\r\nSet-Cookie: a=b\x07.docx"
    version = services.add_document_version(draft, kind="leaflet", upload=upload, by=researcher)
    assert version.original_filename == "notice Set-Cookie: a=b.docx"
    client.force_login(researcher)
    response = client.get(reverse("reviews:download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="notice Set-Cookie: a=b.docx"'
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )


def test_the_report_documents_survive_control_characters_already_stored(
    client, in_review, coordinator, researcher
):
    # Stored before names refused them: python-docx raised and the download answered 500.
    ReviewRequest.objects.filter(pk=in_review.pk).update(title="Étude\x07 GENOU\x0b")
    review_all(in_review)
    report = services.start_consolidation(in_review, by=coordinator)
    services.save_report(report, by=coordinator, values={"summary": "Merci\x1b\nÀ bientôt"})
    services.send_report(report, by=coordinator)
    client.force_login(researcher)
    for name in ("reviews:report_docx", "reviews:report_pdf"):
        response = client.get(reverse(name, args=[in_review.pk]))
        assert response.status_code == 200, name


def test_a_study_title_with_a_control_character_is_refused_on_the_page_and_the_api(
    client, researcher
):
    client.force_login(researcher)
    page = client.post(
        reverse("reviews:new"),
        {"title": "Étude\nGENOU", "category": "riph2", "language": "fr", "reviewers_wanted": 3},
    )
    assert page.status_code == 422
    assert page.context["form"].errors["title"]
    api = client.post(
        reverse("api-review-requests"),
        {"title": "Étude\x07", "acronym": "G\u202eX", "category": "riph2"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"title", "acronym"} <= set(str(api.json()).replace("'", " ").split())
    assert not ReviewRequest.objects.exists()
