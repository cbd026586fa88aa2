"""Script payloads in a checked text or its title are shown as text on the report, the
history and in the downloaded PDF, never run."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from tandem.checks import downloads
from tandem.checks.models import ClarityCheck

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEXT = (
    f"Vous pouvez arrêter à tout moment. {SCRIPT} Le médecin vous explique l'étude. {IMG} "
    "Nous vous proposons de participer à une recherche."
)


def test_a_checked_text_with_script_payloads_renders_escaped(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"),
        {"title": f"Notice {IMG}", "document_kind": "leaflet", "language": "fr", "text": TEXT},
    )
    assert response.status_code == 302
    check = ClarityCheck.objects.get()
    for url in (check.get_absolute_url(), reverse("checks:history")):
        page = client.get(url)
        body = page.content.decode()
        assert page.status_code == 200, url
        assert SCRIPT not in body and "<img src=x" not in body, url
        assert "alert(1)" in body, url
    # The PDF, made from the same escaped HTML, prints the payloads as words.
    pdf = downloads.report_pdf(check, language="fr")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert SCRIPT in text and "<img src=x" in text
