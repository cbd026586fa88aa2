"""The yearly activity report: DOCX and tagged PDF, in the language the reader chooses."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db


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


def test_the_report_as_pdf_is_tagged_and_in_english(client, officer, sample):
    client.force_login(officer)
    url = reverse("reporting:activity_report", args=[2025, "pdf"])
    response = client.get(url, {"language": "en"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Activity report 2025 of the Science and" in text
    assert "Review turnaround" in text


def test_an_unknown_format_or_year_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("reporting:activity_report", args=[2025, "odt"])).status_code == 404
    assert client.get(reverse("reporting:activity_report", args=[1990, "pdf"])).status_code == 404
