"""The one rule for the language of the API's files (tandem/api/files.py): `?lang=fr|en`, else
the Accept-Language header, else the caller's preferred language, else the site's. Every file
route follows it; tried here on a chart (SVG), a check's printable report (HTML) and the
reviewer's certificate (DOCX), and on their refusals."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import resolve, reverse
from docx import Document
from drf_spectacular.generators import SchemaGenerator
from pypdf import PdfReader

from tandem.api.files import FileView
from tandem.checks import services as checks
from tandem.checks.tests.pdfs import prepare
from tandem.core.models import ActionLogEntry

from .conftest import bearer

pytestmark = pytest.mark.django_db

CHART = reverse("api-indicator-chart", args=["partners"])
TITLES = {"en": "Partner organizations", "fr": "Organisations partenaires"}
CERTIFICATE = reverse("api-reviewer-certificate")


def _files_of_the_schema() -> list[tuple[str, str, dict]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method, path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if any(
            media != "application/json"
            for status, answer in operation["responses"].items()
            if status.startswith("2")
            for media in answer.get("content", {})
        )
    ]


def test_every_file_route_follows_the_rule_and_documents_lang():
    found = _files_of_the_schema()
    assert len(found) > 25  # PDF, DOCX, XLSX, CSV, iCalendar, SVG, HTML, stored uploads
    for method, path, operation in found:
        view = resolve(re.sub(r"\{\w+\}", "1", path)).func.cls  # type: ignore[attr-defined]
        assert issubclass(view, FileView), f"{method.upper()} {path} does not use FileView"
        lang = [p for p in operation.get("parameters", []) if p["name"] == "lang"]
        assert lang and lang[0]["schema"]["enum"] == ["en", "fr"], path
        assert "400" in operation["responses"], path


@pytest.mark.parametrize(
    ("query", "header", "preferred", "expected"),
    [
        ({"lang": "fr"}, "en", "en", "fr"),  # the parameter first
        ({"lang": "en"}, "fr", "fr", "en"),
        ({}, "en-GB,fr;q=0.5", "fr", "en"),  # then the header, by its weights
        ({}, "de, fr;q=0.8", "en", "fr"),  # its first language of ours
        ({}, "de", "fr", "fr"),  # none of ours: the person's preferred language
        ({}, None, "fr", "fr"),
        ({"lang": ""}, None, "en", "en"),  # a blank parameter asks nothing
    ],
)
def test_a_charts_language_is_the_parameter_then_the_header_then_the_profile(
    client, officer, query, header, preferred, expected
):
    officer.language = preferred
    officer.save()
    headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = client.get(CHART, query, **headers, **_headers(officer))
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    svg = response.content.decode()
    assert TITLES[expected] in svg
    assert TITLES["fr" if expected == "en" else "en"] not in svg


def test_a_signed_in_sessions_file_follows_the_header_before_the_profile(client, researcher):
    """The pages follow the profile first; the API's files follow the one rule, sessions
    included."""
    researcher.language = "fr"
    researcher.save()
    check = checks.submit_check(
        researcher, title="Notice", document_kind="leaflet", text="Vous pouvez arrêter."
    )
    # Prepared in both languages (drawn quickly: a blank page that says its language).
    prepare(check, "fr")
    prepare(check, "en")
    client.force_login(researcher)
    url = reverse("api-check-report-pdf", args=[check.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(url, {"lang": "fr"}, HTTP_ACCEPT_LANGUAGE="en")
    profile = client.get(url)
    assert english.status_code == french.status_code == profile.status_code == 200

    def language(response) -> str:
        return PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"]

    assert language(english) == "en"
    assert language(french) == language(profile) == "fr"
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"


def test_a_certificates_words_and_name_follow_the_rule(client, reviewer):
    reviewer.language = "en"
    reviewer.save()
    auth = _headers(reviewer)
    french = client.get(CERTIFICATE, {"lang": "fr"}, HTTP_ACCEPT_LANGUAGE="en", **auth)
    english = client.get(CERTIFICATE, **auth)
    assert french.status_code == english.status_code == 200
    assert 'filename="attestation-college-des-relecteurs.docx"' in french["Content-Disposition"]
    assert "attestation" not in english["Content-Disposition"]
    assert Document(io.BytesIO(french.content)).paragraphs[0].text == (
        "Attestation de participation"
    )
    assert Document(io.BytesIO(english.content)).paragraphs[0].text != (
        "Attestation de participation"
    )


def test_refusals_of_a_file_route_speak_its_language(client, officer, researcher):
    researcher.language = "en"
    researcher.save()
    refused = client.get(CERTIFICATE, {"lang": "fr"}, **_headers(researcher))
    assert refused.status_code == 403 and refused["Content-Language"] == "fr"
    assert refused.json()["detail"] == "Vous n'avez pas le droit de faire cela."
    unknown = reverse("api-indicator-chart", args=["no-such-indicator"])
    missing = client.get(unknown, HTTP_ACCEPT_LANGUAGE="fr", **_headers(officer))
    assert missing.status_code == 404 and missing["Content-Language"] == "fr"
    assert missing.json() == {"detail": "Non trouvé.", "code": "not_found"}


def test_an_unknown_language_is_a_400_in_the_language_the_rule_gives_without_it(client, reviewer):
    response = client.get(
        CERTIFICATE, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="fr", **_headers(reviewer)
    )
    assert response.status_code == 400 and response["Content-Language"] == "fr"
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["lang"]
    assert body["errors"]["lang"] == ["Choisissez la langue du fichier\u202f: fr, en."]
    assert not ActionLogEntry.objects.filter(action="reviews.certificate.downloaded").exists()


def _headers(user) -> dict[str, str]:
    return {f"HTTP_{k.upper()}": v for k, v in bearer(user).items()}
