"""Agreements through the API, with the same services as the pages: an officer generates a
project's agreement (or learns what the project lacks), records the signatures and stores the
signed copy; the participants read and download it; the others do not learn it exists."""

from __future__ import annotations

import io

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from docx import Document

from tandem.accounts.services import create_api_token
from tandem.incubator.models import Agreement
from tandem.incubator.tests.conftest import pdf, text_file

pytestmark = pytest.mark.django_db


def _put_file(client, url: str, upload, auth: dict[str, str]):
    body = encode_multipart(BOUNDARY, {"file": upload})
    return client.put(url, body, content_type=MULTIPART_CONTENT, **auth)


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_project_missing_data_gets_the_list_and_nothing_is_made(
    client, project, officer, template
):
    response = client.post(
        f"/api/v1/projects/{project.pk}/agreements",
        {"template": template.pk},
        content_type="application/json",
        **_auth(officer),
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "missing_data"
    assert "the purpose of the partnership" in body["errors"]["missing"]
    assert not Agreement.objects.exists()


def test_generate_sign_and_store_the_signed_copy(client, ready_project, officer, member, template):
    auth = _auth(officer)
    url = f"/api/v1/projects/{ready_project.pk}/agreements"
    made = client.post(url, {"template": template.pk}, content_type="application/json", **auth)
    assert made.status_code == 201, made.json()
    agreement = made.json()
    assert [v["number"] for v in agreement["versions"]] == [1]
    again = client.post(
        url, {"template": template.pk, "language": "en"}, content_type="application/json", **auth
    ).json()
    assert again["id"] == agreement["id"] and [v["number"] for v in again["versions"]] == [
        2,
        1,
    ]  # newest first
    # The proposer (a participant) downloads the Word file filled from the project.
    download = client.get(agreement["versions"][0]["download"], **_auth(member))
    assert download.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(download))).paragraphs)
    assert "Alcool et entourage" in text
    # No signed copy before the signatures.
    copy_url = f"/api/v1/agreements/{agreement['id']}/signed-copy"
    early = _put_file(client, copy_url, pdf("signed.pdf"), auth)
    assert early.status_code == 409 and early.json()["code"] == "no_signature"
    signed = client.post(
        f"/api/v1/agreements/{agreement['id']}/signatures",
        {"party": "Association", "signatory": "Mona M.", "signed_on": "2026-05-01"},
        content_type="application/json",
        **auth,
    )
    assert signed.status_code == 201 and signed.json()["signatures"][0]["party"] == "Association"
    not_a_pdf = _put_file(client, copy_url, text_file(), auth)
    assert not_a_pdf.status_code == 400 and "file" in not_a_pdf.json()["errors"]
    stored = _put_file(client, copy_url, pdf("signed.pdf"), auth)
    assert stored.status_code == 200 and stored.json()["has_signed_copy"] is True
    assert client.get(copy_url, **_auth(member)).status_code == 200


def test_participants_read_but_do_not_sign(client, ready_project, officer, member, template):
    from tandem.incubator import services

    agreement = services.generate_agreement(ready_project, template=template, by=officer).agreement
    auth = _auth(member)
    assert client.get(f"/api/v1/agreements/{agreement.pk}", **auth).status_code == 200
    refused = client.post(
        f"/api/v1/agreements/{agreement.pk}/signatures",
        {"party": "A", "signatory": "B", "signed_on": "2026-05-01"},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 403
    generate = client.post(
        f"/api/v1/projects/{ready_project.pk}/agreements",
        {"template": template.pk},
        content_type="application/json",
        **auth,
    )
    assert generate.status_code == 403
    assert agreement.signatures.count() == 0 and agreement.versions.count() == 1


@pytest.mark.parametrize("persona", ["outsider", "reviewer", "gram_member", "coordinator"])
def test_others_do_not_learn_that_it_exists(
    client, request, ready_project, officer, template, persona
):
    from tandem.incubator import services

    agreement = services.generate_agreement(ready_project, template=template, by=officer).agreement
    auth = _auth(request.getfixturevalue(persona))
    assert client.get(f"/api/v1/agreements/{agreement.pk}", **auth).status_code == 404
    listed = client.get(f"/api/v1/projects/{ready_project.pk}/agreements", **auth)
    assert listed.status_code == 404


def test_an_anonymous_caller_is_asked_to_sign_in(client, ready_project, officer, template):
    from tandem.incubator import services

    agreement = services.generate_agreement(ready_project, template=template, by=officer).agreement
    assert client.get(f"/api/v1/agreements/{agreement.pk}").status_code == 401
