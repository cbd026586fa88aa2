"""A person's saved checks through the API: the list, one check with its report, the report's
downloads and deleting a check, as on the pages and through the same queries and services;
only the person's own, whatever their role."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from conftest import persona_token
from tandem.checks import services
from tandem.checks.models import CheckStatus, ClarityCheck
from tandem.checks.tests.pdfs import prepare
from tandem.clarity.checklist import item_label
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db

HARD_FR = (
    "Il vous sera demandé de vous soumettre à une ponction lombaire dans le cadre du protocole, "
    "nonobstant les dispositions susmentionnées relatives à la pharmacovigilance et à la "
    "randomisation des participants inclus dans l'étude multicentrique contrôlée versus placebo."
)


def _said(response) -> str:
    """What a file says: the JSON as it is, a PDF's text (two PDFs differ in their dates)."""
    if response["Content-Type"] != "application/pdf":
        return response.content.decode()
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _check(owner, title: str = "Notice") -> ClarityCheck:
    return services.submit_check(owner, title=title, document_kind="leaflet", text=HARD_FR)


def test_the_api_lists_only_ones_own_checks_newest_first(client, request, researcher, member):
    older, newer = _check(researcher, "Mine"), _check(researcher, "Mine again")
    _check(member, "Theirs")
    response = client.get(reverse("api-checks"), **persona_token(request, "researcher"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [c["id"] for c in body["results"]] == [newer.pk, older.pk]
    first = body["results"][0]
    assert first["title"] == "Mine again" and first["status"] == "done"
    assert first["document_kind"] == "leaflet" and first["language"] == "fr"
    assert "report" not in first and "text" not in first


def test_the_api_list_query_count_is_constant(client, request, researcher):
    auth = persona_token(request, "researcher")
    _check(researcher)
    client.get(reverse("api-checks"), **auth)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("api-checks"), **auth)
    for number in range(8):
        services.submit_check(
            researcher, title=f"t{number}", document_kind="leaflet", text="Un texte court."
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("api-checks"), **auth)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_api_reads_a_check_with_its_report_in_the_readers_language(client, request, researcher):
    researcher.language = "fr"  # the report is written in French when it is made
    researcher.save()
    check = _check(researcher)
    response = client.get(
        reverse("api-check", args=[check.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
        **persona_token(request, "researcher"),
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "done" and data["error"] is None
    assert data["score"] == check.score and data["findings_count"] == check.findings_count
    report = data["report"]
    assert report["schema"] == "tandem.clarity/1"
    assert len(report["findings"]) == check.findings_count
    assert all("message_parts" not in f for f in report["findings"])
    # As on the page: the required elements named in the reader's language, not the owner's.
    assert [c["label"] for c in report["checklist"]] == [
        item_label(c["id"], "en") or c["label"] for c in check.report["checklist"]
    ]


def test_a_check_still_being_analysed_has_no_report_to_read_or_download(
    client, request, researcher
):
    upload = SimpleUploadedFile("notice.txt", HARD_FR.encode())
    # A file goes to the background worker after the commit, which this test never reaches.
    check = services.submit_check(researcher, title="File", document_kind="leaflet", upload=upload)
    assert check.status == CheckStatus.PENDING
    auth = persona_token(request, "researcher")
    data = client.get(reverse("api-check", args=[check.pk]), **auth).json()
    assert data["status"] == "pending" and data["report"] is None
    assert data["original_filename"] == "notice.txt"
    for name in ("api-check-report-json", "api-check-report-pdf"):
        response = client.get(reverse(name, args=[check.pk]), **auth)
        assert response.status_code == 409
        assert response.json()["code"] == "not_ready"


def test_the_api_downloads_the_pages_files(client, request, researcher):
    check = _check(researcher)
    prepare(check, "en")  # the PDF is made in the background (test_api_pdf.py)
    auth = persona_token(request, "researcher")
    for api_name, page_name in (
        ("api-check-report-json", "checks:report_json"),
        ("api-check-report-pdf", "checks:report_pdf"),
    ):
        api = client.get(reverse(api_name, args=[check.pk]), **auth)
        client.force_login(researcher)
        page = client.get(reverse(page_name, args=[check.pk]))
        client.logout()
        assert api.status_code == page.status_code == 200
        assert _said(api) == _said(page)
        assert api["Content-Type"] == page["Content-Type"]
        assert api["Content-Disposition"] == page["Content-Disposition"]
    stored = client.get(reverse("api-check-report-json", args=[check.pk]), **auth).json()
    assert stored == check.report


def test_the_api_deletes_a_check_as_the_page_does(client, request, researcher):
    check = _check(researcher)
    response = client.delete(
        reverse("api-check", args=[check.pk]), **persona_token(request, "researcher")
    )
    assert response.status_code == 204
    assert not ClarityCheck.objects.filter(pk=check.pk).exists()
    assert ActionLogEntry.objects.filter(action="checks.check.deleted").count() == 1


@pytest.mark.parametrize(
    "persona", ["outsider", "member", "reviewer", "coordinator", "officer", "admin_user"]
)
def test_nobody_else_reads_downloads_or_deletes_a_check_through_the_api(
    client, request, researcher, persona
):
    check = _check(researcher, "Secret")
    auth = persona_token(request, persona)
    assert check.title not in client.get(reverse("api-checks"), **auth).content.decode()
    for name in ("api-check", "api-check-report-json", "api-check-report-pdf"):
        response = client.get(reverse(name, args=[check.pk]), **auth)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.delete(reverse("api-check", args=[check.pk]), **auth).status_code == 404
    assert ClarityCheck.objects.filter(pk=check.pk).exists()


def test_the_saved_checks_need_a_signed_in_person(client, researcher):
    check = _check(researcher)
    assert client.get(reverse("api-checks")).status_code in (401, 403)
    for name in ("api-check", "api-check-report-json", "api-check-report-pdf"):
        assert client.get(reverse(name, args=[check.pk])).status_code in (401, 403)
    assert client.delete(reverse("api-check", args=[check.pk])).status_code in (401, 403)
    assert ClarityCheck.objects.filter(pk=check.pk).exists()
