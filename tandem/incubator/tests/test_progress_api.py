"""Following a project through the API, with the pages' services and rules: officers add and
reach milestones; participants add notes, decisions and documents to the timeline (a document
of an unsupported type is refused and nothing is added); people with a role follow it."""

from __future__ import annotations

import pytest

from tandem.accounts.services import create_api_token
from tandem.incubator.models import Contribution, Milestone, TimelineEntry
from tandem.incubator.tests.conftest import pdf

pytestmark = pytest.mark.django_db


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_officers_add_and_reach_milestones(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/milestones"
    body = {"title": "Premier questionnaire", "due_on": "2027-03-01"}
    refused = client.post(url, body, content_type="application/json", **_auth(member))
    assert refused.status_code == 403 and not Milestone.objects.exists()
    made = client.post(url, body, content_type="application/json", **_auth(officer))
    assert made.status_code == 201 and made.json()["done_on"] is None
    milestone_id = made.json()["id"]
    detail = client.get(f"/api/v1/projects/{project.pk}", **_auth(officer)).json()
    assert [m["id"] for m in detail["milestones"]] == [milestone_id]
    done_url = f"/api/v1/milestones/{milestone_id}/done"
    assert client.post(done_url, **_auth(member)).status_code == 403
    done = client.post(done_url, **_auth(officer))
    assert done.status_code == 200 and done.json()["done_on"] is not None
    bad = client.post(url, {"title": ""}, content_type="application/json", **_auth(officer))
    assert bad.status_code == 400 and {"title", "due_on"} <= set(bad.json()["errors"])


def test_participants_add_to_the_timeline(client, project, member):
    url = f"/api/v1/projects/{project.pk}/timeline"
    auth = _auth(member)  # the proposer
    note = client.post(
        url,
        {"kind": "note", "text": "Réunion avec l'unité."},
        content_type="application/json",
        **auth,
    )
    assert note.status_code == 201 and note.json()["kind"] == "note"
    document = client.post(url, {"kind": "document", "file": pdf("compte-rendu.pdf")}, **auth)
    assert document.status_code == 201, document.json()
    assert document.json()["file_name"] == "compte-rendu.pdf"
    no_file = client.post(url, {"kind": "document"}, content_type="application/json", **auth)
    assert no_file.status_code == 409 and no_file.json()["code"] == "no_file"
    listed = client.get(url, **auth).json()
    assert [e["kind"] for e in listed][:2] == ["document", "note"]


def test_an_unsupported_document_is_refused_and_nothing_is_added(client, project, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = TimelineEntry.objects.count()
    page = SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>")
    response = client.post(
        f"/api/v1/projects/{project.pk}/timeline",
        {"kind": "document", "file": page},
        **_auth(member),
    )
    assert response.status_code == 400 and "file" in response.json()["errors"]
    assert TimelineEntry.objects.count() == before


@pytest.mark.parametrize(("persona", "answer"), [("outsider", 404), ("reviewer", 404)])
def test_strangers_do_not_see_the_timeline(client, request, project, persona, answer):
    auth = _auth(request.getfixturevalue(persona))
    url = f"/api/v1/projects/{project.pk}/timeline"
    assert client.get(url, **auth).status_code == answer
    posted = client.post(
        url, {"kind": "note", "text": "x"}, content_type="application/json", **auth
    )
    assert posted.status_code == answer


def test_following_and_unfollowing(client, project, officer, director):
    url = f"/api/v1/projects/{project.pk}/follow"
    auth = _auth(director)  # a portfolio reader: sees every project
    assert client.post(url, **auth).json() == {"following": True}
    assert project.followers.filter(pk=director.pk).exists()
    assert client.delete(url, **auth).json() == {"following": False}
    assert not project.followers.filter(pk=director.pk).exists()


def test_officers_publish_a_project_once_it_has_a_public_summary(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/publication"
    body = {"public": True}
    assert (
        client.post(url, body, content_type="application/json", **_auth(member)).status_code == 403
    )
    early = client.post(url, body, content_type="application/json", **_auth(officer))
    assert early.status_code == 409 and early.json()["code"] == "no_summary"
    type(project).objects.filter(pk=project.pk).update(public_summary="En bref.")
    done = client.post(url, body, content_type="application/json", **_auth(officer))
    assert done.status_code == 200 and done.json() == {"is_public": True}
    project.refresh_from_db()
    assert project.is_public


def test_officers_record_a_volunteers_contribution(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/contributions"
    body = {"email": member.email.upper(), "role": "Relecture", "hours": "2.5", "on": "2027-01-10"}
    made = client.post(url, body, content_type="application/json", **_auth(officer))
    assert made.status_code == 201, made.json()
    assert made.json()["hours"] == "2.5" and made.json()["role"] == "Relecture"
    assert Contribution.objects.filter(volunteer=member, project=project).count() == 1
    unknown = client.post(
        url,
        {**body, "email": "nobody@example.org"},
        content_type="application/json",
        **_auth(officer),
    )
    assert unknown.status_code == 400 and "email" in unknown.json()["errors"]
    refused = client.post(url, body, content_type="application/json", **_auth(member))
    assert refused.status_code == 403
