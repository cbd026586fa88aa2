"""The printable report is a real PDF, made by tandem.documents from the page's own report
(it was a standalone HTML file): tagged, in the reader's language, with the whole text and
every note, also for a long document that the page shows in parts."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.checks import presenters, services
from tandem.checks.models import CheckStatus
from tandem.checks.tests.test_checks import HARD_FR

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _download(client, user, check, language: str = "en"):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client.get(reverse("checks:report_pdf", args=[check.pk]))


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("en", ("Your text and what to look at", "Readability", "Required elements")),
        ("fr", ("Votre texte et les points à regarder", "Lisibilité", "Éléments obligatoires")),
    ],
)
def test_the_printable_report_is_a_tagged_pdf_in_the_readers_language(
    client, researcher, language, headings
):
    check = services.submit_check(
        researcher, title="Notice œuvre", document_kind="leaflet", language="fr", text=HARD_FR
    )
    response = _download(client, researcher, check, language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="clarity-{check.pk}.pdf"'
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == language
    assert "Notice œuvre" in reader.metadata.title
    text = " ".join(_pdf_text(response.content).split())
    assert all(heading in text for heading in headings)
    assert "ponction lombaire" in text  # the document's own words, marked
    # A note's message, as the page words it in the reader's language.
    note = "is a technical term" if language == "en" else "est un terme spécialisé"
    assert note in text
    # What only makes sense on screen is left out.
    assert "Download" not in text and "Télécharger" not in text


def test_the_pdf_holds_the_whole_text_of_a_long_document(client, researcher, monkeypatch):
    paragraphs = [f"Paragraphe {n}. {HARD_FR}" for n in range(1, 13)]
    check = services.submit_check(
        researcher, title="Longue notice", document_kind="leaflet", text="\n\n".join(paragraphs)
    )
    check.refresh_from_db()
    monkeypatch.setattr(presenters, "PART_CHARACTERS", 1000)  # the page shows it in parts
    client.force_login(researcher)
    assert "data-parts" in client.get(check.get_absolute_url()).content.decode()
    text = _pdf_text(_download(client, researcher, check).content)
    assert "Paragraphe 1." in text and "Paragraphe 12." in text
    assert "Part 1 of" not in text
    assert f"[{len(check.report['findings'])}]" in text  # the last note too


def test_a_report_not_ready_is_refused(client, researcher):
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    check.status, check.report = CheckStatus.PENDING, None
    check.save(update_fields=["status", "report"])
    response = _download(client, researcher, check)
    assert response.status_code == 409
