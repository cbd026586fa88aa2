"""The printable report is a real PDF, made by tandem.documents from the page's own report
(it was a standalone HTML file): tagged, in the reader's language, with the whole text and
every note, also for a long document that the page shows in parts. It is prepared by a
background task, asked for from the report's page: the journey below runs the task for real,
one drawing per language (the PDF's life without drawing it: test_pdf_in_the_background.py)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.checks import presenters, services
from tandem.checks.models import CheckPdf, CheckStatus, PdfStatus
from tandem.checks.tests.test_checks import HARD_FR

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("en", ("Your text and what to look at", "Readability", "Required elements")),
        ("fr", ("Votre texte et les points à regarder", "Lisibilité", "Éléments obligatoires")),
    ],
)
def test_the_whole_report_is_prepared_in_the_background_as_a_tagged_pdf_in_the_readers_language(
    client, researcher, monkeypatch, language, headings, django_capture_on_commit_callbacks
):
    paragraphs = [f"Paragraphe {n}. {HARD_FR}" for n in range(1, 13)]
    check = services.submit_check(
        researcher,
        title="Notice œuvre",
        document_kind="leaflet",
        language="fr",
        text="\n\n".join(paragraphs),
    )
    researcher.language = language
    researcher.save(update_fields=["language"])
    monkeypatch.setattr(presenters, "PART_CHARACTERS", 1000)  # the page shows it in parts
    client.force_login(researcher)
    page = client.get(check.get_absolute_url()).content.decode()
    assert "data-parts" in page
    prepare = reverse("checks:prepare_pdf", args=[check.pk])
    assert f'action="{prepare}"' in page
    # The task runs after the commit, as a worker would run it (tests: the immediate backend).
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(prepare)
    assert asked.status_code == 302
    assert asked["Location"] == f"{check.get_absolute_url()}#pdf"
    made = CheckPdf.objects.get(clarity_check=check)
    assert (made.status, made.language) == (PdfStatus.READY, language)
    download = reverse("checks:report_pdf", args=[check.pk])
    assert f'href="{download}"' in client.get(asked["Location"]).content.decode()

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="clarity-{check.pk}.pdf"'
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
    # The whole text and every note, not the page's parts.
    assert "Paragraphe 1." in text and "Paragraphe 12." in text
    assert "Part 1 of" not in text and "Partie 1 sur" not in text
    check.refresh_from_db()
    assert f"[{len(check.report['findings'])}]" in text  # the last note too
    # What only makes sense on screen is left out.
    assert "Download" not in text and "Télécharger" not in text


def test_a_report_not_ready_is_refused(client, researcher):
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    check.status, check.report = CheckStatus.PENDING, None
    check.save(update_fields=["status", "report"])
    client.force_login(researcher)
    response = client.get(reverse("checks:report_pdf", args=[check.pk]))
    assert response.status_code == 409
