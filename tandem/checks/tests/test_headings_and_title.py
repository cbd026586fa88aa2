"""Issue 14: heading markers of extracted text are not shown, and a long title is refused."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.checks import services
from tandem.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _docx_with_headings() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Objectifs de l'étude", level=1)
    document.add_paragraph("Nous voulons savoir si le traitement aide les enfants à mieux dormir.")
    document.add_heading("Déroulement", level=2)
    document.add_paragraph("Vous viendrez trois fois à l'hôpital pendant un an.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_report_hides_the_heading_markers_of_the_extracted_text(
    client, researcher, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("notice.docx", _docx_with_headings())
    with django_capture_on_commit_callbacks(execute=True):
        check = services.submit_check(
            researcher, title="Notice", document_kind="leaflet", upload=upload
        )
    check.refresh_from_db()
    client.force_login(researcher)
    content = client.get(check.get_absolute_url()).content.decode()
    text = re.search(r'<div class="report-text"[^>]*>(.*?)</div>', content, re.S).group(1)
    visible = re.sub(r'<span class="heading-marker" hidden>[^<]*</span>', "", text)
    assert '<span class="heading-marker" hidden>## </span>' in text
    assert "<strong>Déroulement</strong>" in visible
    assert "#" not in re.sub(r"<[^>]+>", "", visible).replace("&#x27;", "'").replace("&#39;", "'")


def test_a_title_too_long_is_refused_not_cut(client, researcher):
    with pytest.raises(DomainError) as refused:
        services.submit_check(researcher, title="T" * 201, document_kind="leaflet", text="Bonjour.")
    assert refused.value.code == "title_too_long"
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"),
        {"title": "T" * 201, "document_kind": "leaflet", "language": "auto", "text": "Bonjour."},
    )
    content = response.content.decode()
    assert "at most 200 characters (it has 201)" in content
    assert 'value="' + "T" * 201 + '"' in content
    assert 'maxlength="200"' not in content
