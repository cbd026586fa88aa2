"""The yearly activity report: DOCX and tagged PDF, in the language the reader chooses."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tandem.core.models import ActionLogEntry
from tandem.reporting import services
from tandem.reporting.models import ActivityReportFile, ReportStatus

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")


def test_the_report_in_word_is_in_the_language_asked(client, director, sample):
    client.force_login(director)
    url = reverse("reporting:activity_report", args=[2025, "docx"])
    response = client.get(url, {"language": "fr"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "rapport-activite-2025.docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Rapport d’activité 2025 du département Science et société" in text
    assert "Organisations partenaires" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Patients" in cells
    assert ActionLogEntry.objects.filter(action="reporting.report.downloaded").count() == 1


def test_the_pdf_is_asked_for_made_in_the_background_then_downloaded(
    client, officer, sample, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    url = reverse("reporting:activity_report", args=[2025, "pdf"])
    assert client.get(url, {"language": "en"}).status_code == 404  # not made yet
    page = client.get(DASHBOARD, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Prepare the PDF in English" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:prepare_report_pdf", args=[2025]),
            {"language": "en"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2025#downloads")
    made = ActivityReportFile.objects.get(year=2025, language="en")
    assert made.status == ReportStatus.READY and made.requested_by == officer
    page = client.get(DASHBOARD, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{url}?language=en" in page
    assert "Prepare the PDF in English again" in page
    response = client.get(url, {"language": "en"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Activity report 2025 of the Science and" in text
    assert "Review turnaround" in text
    assert ActionLogEntry.objects.filter(action="reporting.report.made").count() == 1


def test_the_page_says_the_pdf_is_being_made(client, officer, sample):
    ActivityReportFile.objects.create(year=2025, language="fr", status=ReportStatus.RUNNING)
    client.force_login(officer)
    page = client.get(DASHBOARD, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The PDF in French is being prepared. Reload this page in a minute." in page
    assert "Prepare the PDF in French" not in page
    assert "Prepare the PDF in English" in page


def test_asking_again_while_it_is_made_starts_no_second_task(
    officer, sample, monkeypatch, django_capture_on_commit_callbacks
):
    from tandem.reporting import tasks

    enqueued: list[int] = []
    monkeypatch.setattr(tasks, "make_report_pdf_task", SimpleNamespace(enqueue=enqueued.append))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_report_pdf(2025, "fr", by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_report_pdf(2025, "fr", by=officer)
    assert again.pk == first.pk and again.status == ReportStatus.PENDING
    assert enqueued == [first.pk]
    assert ActivityReportFile.objects.count() == 1


def test_a_report_that_cannot_be_made_is_marked_failed_and_can_be_asked_again(
    client, officer, sample, monkeypatch
):
    from tandem.reporting import report

    def broken(year: int, *, language: str) -> bytes:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(report, "report_pdf", broken)
    asked = ActivityReportFile.objects.create(year=2025, language="en")
    assert services.make_report_pdf(asked).status == ReportStatus.FAILED
    client.force_login(officer)
    page = client.get(DASHBOARD, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The PDF in English could not be made." in page
    assert "Prepare the PDF in English" in page
    # A run that finds the report already taken (or done) leaves it alone.
    assert services.make_report_pdf(asked).status == ReportStatus.FAILED


def test_a_wrong_language_or_year_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("reporting:prepare_report_pdf", args=[1990]),
        {"language": "en"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "There is no activity report for 1990." in response.content.decode()
    response = client.post(
        reverse("reporting:prepare_report_pdf", args=[2025]),
        {"language": "de"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "The report exists in French and in English only." in response.content.decode()
    assert not ActivityReportFile.objects.exists()


@pytest.mark.parametrize(
    "persona", ["member", "researcher", "reviewer", "coordinator", "outsider", "gram_member"]
)
def test_other_people_may_neither_ask_for_nor_read_the_pdf(client, persona, request):
    ActivityReportFile.objects.create(year=2025, language="en", status=ReportStatus.READY)
    client.force_login(request.getfixturevalue(persona))
    prepare = reverse("reporting:prepare_report_pdf", args=[2025])
    assert client.post(prepare, {"language": "en"}).status_code == 403
    assert client.get(prepare).status_code in (403, 405)
    pdf = reverse("reporting:activity_report", args=[2025, "pdf"])
    assert client.get(pdf, {"language": "en"}).status_code == 403


def test_an_unknown_format_or_year_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("reporting:activity_report", args=[2025, "odt"])).status_code == 404
    assert client.get(reverse("reporting:activity_report", args=[1990, "pdf"])).status_code == 404
