"""The report and the certificate as files, made by tandem.documents: a tagged PDF from the
page's own report, in the reader's language, that prints every character; a DOCX from the Word
template with the report's content; translated, safe file names."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tandem.documents.responses import CONTENT_TYPES
from tandem.reviews import services

from .conftest import review_all

SUMMARY = "Cœur du sujet : l’indemnité de 40 € par visite ≥ 3 visites."
READABILITY = "- Raccourcir les phrases\n- Expliquer « ponction »\n\nUn exemple œuvre mieux."


@pytest.fixture
def sent_report(in_review, coordinator):
    review_all(in_review)
    report = services.start_consolidation(in_review, by=coordinator)
    services.save_report(
        report,
        by=coordinator,
        values={"summary": SUMMARY, "readability_text": READABILITY, "burden_text": ""},
    )
    return services.send_report(report, by=coordinator)


def _as(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def _download(client, user, language, name, in_review, *, filename, content_type):
    """The report file `name` as `user` reads it in `language`, with the name and type given."""
    response = _as(client, user, language).get(reverse(name, args=[in_review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    expected = filename.format(pk=in_review.pk)
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    return response.content


def _pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "heading", "no_remark", "filename"),
    [
        ("fr", "Rapport du Collège des relecteurs", "Aucune remarque.", "rapport-{pk}-tour-1.pdf"),
        ("en", "Report of the College of Reviewers", "No remark.", "report-{pk}-round-1.pdf"),
    ],
)
def test_the_report_pdf_is_tagged_in_the_readers_language_and_prints_every_character(
    client, sent_report, researcher, in_review, language, heading, no_remark, filename
):
    content = _download(
        client,
        researcher,
        language,
        "reviews:report_pdf",
        in_review,
        filename=filename,
        content_type="application/pdf",
    )
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == language
    assert str(in_review) in reader.metadata.title
    text = _pdf_text(reader)
    for character in ("œ", "€", "’", "≥"):
        assert character in text
    assert SUMMARY in text
    assert heading in text
    assert no_remark in text  # the empty burden section
    assert "Raccourcir les phrases" in text
    assert "Télécharger" not in text and "Download" not in text  # the page's buttons stay out


@pytest.mark.parametrize(
    ("language", "heading", "summary", "filename"),
    [
        ("fr", "Rapport du Collège des relecteurs", "Résumé", "rapport-{pk}-tour-1.docx"),
        ("en", "Report of the College of Reviewers", "Summary", "report-{pk}-round-1.docx"),
    ],
)
def test_the_report_docx_holds_the_report_in_the_readers_language(
    client, sent_report, researcher, in_review, language, heading, summary, filename
):
    content = _download(
        client,
        researcher,
        language,
        "reviews:report_docx",
        in_review,
        filename=filename,
        content_type=CONTENT_TYPES[".docx"],
    )
    document = Document(io.BytesIO(content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [text for _style, text in paragraphs]
    assert texts[0] == heading
    assert texts[1] == str(in_review)
    assert ("Heading 1", summary) in paragraphs
    assert SUMMARY in texts
    assert ("List Bullet", "Raccourcir les phrases") in paragraphs
    assert ("List Bullet", "Expliquer « ponction »") in paragraphs
    assert ("Normal", "Un exemple œuvre mieux.") in paragraphs
    assert not any("{{" in text or "{%" in text for text in texts)  # every tag was rendered
    assert document.core_properties.language == language
    assert document.core_properties.title == heading


def test_a_report_of_six_reviews_and_fifty_remarks_runs_over_numbered_tagged_pages(
    client, sent_report, coordinator, in_review
):
    remark = "- {n}. « Ponction articulaire » : dire ce que c’est, en mots de tous les jours."
    values = {"summary": SUMMARY}
    for index, field in enumerate(
        ["readability_text", "framework_text", "constraints_text", "rights_text", "burden_text"]
    ):
        reviews = [
            f"Relecteur {r} : le texte est clair à {r * 10} %, œuvre utile." for r in range(6)
        ]
        remarks = [remark.format(n=index * 10 + n) for n in range(10)]
        values[field] = "\n".join(reviews + remarks)
    sent_report.__class__.objects.filter(pk=sent_report.pk).update(**values)
    response = _as(client, coordinator, "fr").get(
        reverse("reviews:report_pdf", args=[in_review.pk])
    )
    reader = PdfReader(io.BytesIO(response.content))
    pages = len(reader.pages)
    assert pages > 1
    assert f"{pages} / {pages}" in reader.pages[-1].extract_text()
    assert "49. « Ponction articulaire »" in _pdf_text(reader)


def test_the_certificate_docx_lists_the_reviews_in_the_reviewers_language(client, in_review, pool):
    review_all(in_review)
    response = _as(client, pool[0], "fr").get(reverse("reviews:certificate"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="attestation-college-des-relecteurs.docx"'
    )
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Attestation de participation"
    assert str(pool[0]) in document.paragraphs[1].text
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Étude", "Relecture envoyée le", "Tour"]
    study, sent_on, round_number = (cell.text for cell in table.rows[1].cells)
    assert (study, round_number) == (str(in_review), "1") and sent_on
    assert len(table.rows) == 2
    assert document.core_properties.language == "fr"


@pytest.mark.parametrize(("language", "written"), [("fr", "1,5 sur 4"), ("en", "1.5 / 4")])
def test_the_docx_writes_the_average_as_the_page_does(
    client, in_review, coordinator, researcher, pool, language, written
):
    from tandem.reviews.models import Assignment

    from .conftest import GRID

    seats = {a.reviewer_id: a for a in Assignment.objects.filter(round=in_review.current_round)}
    for person, score in ((pool[0], 1), (pool[1], 2)):
        services.accept_assignment(seats[person.pk], by=person)
        services.save_review(
            seats[person.pk], by=person, values={**GRID, "readability_score": score}, submit=True
        )
    services.dismiss_assignment(seats[pool[2].pk], by=coordinator, promote=False)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    response = _as(client, researcher, language).get(
        reverse("reviews:report_docx", args=[in_review.pk])
    )
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert any(written in text for text in texts), texts
