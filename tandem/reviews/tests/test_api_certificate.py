"""The reviewer's certificate through the API: the page's DOCX, for the reviewers alone."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from conftest import PERSONAS
from tandem.accounts.services import create_api_token
from tandem.core.models import ActionLogEntry

from .conftest import review_all

pytestmark = pytest.mark.django_db

URL = reverse("api-reviewer-certificate")


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_reviewer_gets_the_pages_certificate(client, in_review, pool):
    review_all(in_review)
    reviewer = pool[0]
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr", **_auth(reviewer))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="attestation-college-des-relecteurs.docx"'
    )
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Attestation de participation"
    assert str(reviewer) in document.paragraphs[1].text
    study, _sent_on, round_number = (c.text for c in document.tables[0].rows[1].cells)
    assert (study, round_number) == (str(in_review), "1")
    logged = ActionLogEntry.objects.get(action="reviews.certificate.downloaded")
    assert logged.data == {"reviews": 1}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_certificate_is_for_reviewers_only(client, request, persona):
    if persona == "anonymous":
        assert client.get(URL).status_code == 401
        return
    response = client.get(URL, **_auth(request.getfixturevalue(persona)))
    if persona == "reviewer":  # no review yet: the certificate lists none
        assert response.status_code == 200
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    else:
        assert response.status_code == 403
        assert not ActionLogEntry.objects.filter(action="reviews.certificate.downloaded").exists()
