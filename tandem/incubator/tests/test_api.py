from __future__ import annotations

import pytest

from tandem.accounts import services as accounts
from tandem.incubator import services
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import ProjectStage, ResourceKind
from tandem.incubator.tests.conftest import docx, pdf

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"Authorization": f"Bearer {accounts.create_api_token(user, name='t')[1]}"}


def test_a_researcher_proposes_a_project_through_the_api(client, researcher):
    response = client.post(
        "/api/v1/projects",
        {"title": "Aidants", "question": "Q ?", "why_it_matters": "W", "help_needed": ["funding"]},
        content_type="application/json",
        headers=_auth(researcher),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "idea" and body["help_needed"] == ["funding"]
    assert len(body["checklist"]) == 3 and set(body["allowed_stages"]) == {"design", "closed"}
    listed = client.get("/api/v1/projects", headers=_auth(researcher)).json()
    assert [p["title"] for p in listed["results"]] == ["Aidants"]


def test_only_proposers_propose_through_the_api(client, director):
    response = client.post(
        "/api/v1/projects",
        {"title": "T", "question": "Q", "why_it_matters": "W"},
        content_type="application/json",
        headers=_auth(director),
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_api_moves_a_project_and_asks_for_confirmation(client, officer, project, member):
    url = f"/api/v1/projects/{project.pk}/stage"
    response = client.post(
        url, {"to": "design"}, content_type="application/json", headers=_auth(officer)
    )
    assert response.status_code == 409 and response.json()["code"] == "checklist_incomplete"
    response = client.post(
        url,
        {"to": "design", "confirm_incomplete": True},
        content_type="application/json",
        headers=_auth(officer),
    )
    assert response.status_code == 200 and response.json()["stage"] == ProjectStage.DESIGN
    response = client.post(
        url, {"to": "agreement"}, content_type="application/json", headers=_auth(member)
    )
    assert response.status_code == 403


def test_a_strangers_project_is_a_404_in_the_api(client, project, researcher):
    assert (
        client.get(f"/api/v1/projects/{project.pk}", headers=_auth(researcher)).status_code == 404
    )


def test_support_requests_through_the_api(client, member, officer, project):
    response = client.post(
        "/api/v1/support-requests",
        {"kind": "ethics", "subject": "CPP", "description": "Faut-il ?", "project": project.pk},
        content_type="application/json",
        headers=_auth(member),
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert (
        client.post(f"/api/v1/support-requests/{pk}/take", headers=_auth(member)).status_code == 403
    )
    taken = client.post(f"/api/v1/support-requests/{pk}/take", headers=_auth(officer))
    assert taken.status_code == 200 and taken.json()["status"] == "in_progress"
    moved = client.post(
        f"/api/v1/support-requests/{pk}/status",
        {"to": "open"},
        content_type="application/json",
        headers=_auth(officer),
    )
    assert moved.status_code == 409
    assert client.get(f"/api/v1/support-requests/{pk}", headers=_auth(member)).json()["owner"]


def test_the_public_library_needs_no_token_and_hides_the_rest(client, officer, member):
    for visibility in ("public", "members", "staff"):
        services.add_resource(
            officer,
            title=f"R {visibility}",
            summary="",
            kind=ResourceKind.TOOL,
            language="fr",
            visibility=visibility,
            upload=pdf(),
            file_kind="pdf",
        )
    anonymous = client.get("/api/v1/resources").json()
    assert [r["title"] for r in anonymous["results"]] == ["R public"]
    as_member = client.get("/api/v1/resources", headers=_auth(member)).json()
    assert {r["title"] for r in as_member["results"]} == {"R public", "R members"}
    filtered = client.get("/api/v1/resources?kind=training", headers=_auth(officer)).json()
    assert filtered["count"] == 0


def test_versions_and_downloads_through_the_api(client, officer, template, member):
    url = f"/api/v1/resources/{template.pk}/versions"
    bad = client.post(
        url,
        {"file": docx(agreement_template("fr", extra="{{ nope }}")), "change_note": "x"},
        headers=_auth(officer),
    )
    assert bad.status_code == 409 and "nope" in bad.json()["detail"]
    refused = client.post(
        url, {"file": docx(agreement_template("fr")), "change_note": "x"}, headers=_auth(member)
    )
    assert refused.status_code == 404  # a staff-only template does not exist for a member
    made = client.post(
        url,
        {"file": docx(agreement_template("en")), "change_note": "English"},
        headers=_auth(officer),
    )
    assert made.status_code == 201 and made.json()["number"] == 2
    detail = client.get(f"/api/v1/resources/{template.pk}", headers=_auth(officer)).json()
    assert detail["latest"]["number"] == 2 and len(detail["versions"]) == 2
    download = client.get(
        f"/api/v1/resources/{template.pk}/download?version=1", headers=_auth(officer)
    )
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_an_unsupported_upload_is_refused_by_the_api(client, officer):
    resource = services.add_resource(
        officer,
        title="G",
        summary="",
        kind=ResourceKind.TOOL,
        language="fr",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("page.txt", b"<html><script>alert(1)</script></html>")
    response = client.post(
        f"/api/v1/resources/{resource.pk}/versions",
        {"file": html, "change_note": "x"},
        headers=_auth(officer),
    )
    assert response.status_code == 400 and "file" in response.json()["errors"]


def test_working_groups_through_the_api(client, officer, member, researcher):
    group = services.create_working_group(officer, name="Alcool", purpose="P", coordinator=member)
    assert (
        client.get(f"/api/v1/working-groups/{group.pk}", headers=_auth(researcher)).status_code
        == 404
    )
    posted = client.post(
        f"/api/v1/working-groups/{group.pk}/posts",
        {"kind": "update", "text": "Réunion"},
        content_type="application/json",
        headers=_auth(member),
    )
    assert posted.status_code == 201
    body = client.get(f"/api/v1/working-groups/{group.pk}", headers=_auth(member)).json()
    assert body["member_count"] == 1 and body["posts"][0]["text"] == "Réunion"
    assert client.get("/api/v1/working-groups", headers=_auth(member)).json()["count"] == 1
