"""The documents of a project's timeline and the files posted to a working group, downloaded
through the API with the pages' rules: the API listed their names and could not hand them
over. A permission test for each role."""

from __future__ import annotations

import pytest

from conftest import PERSONAS
from tandem.incubator import services
from tandem.incubator.tests.conftest import bearer, pdf

pytestmark = pytest.mark.django_db

# Who reads the timeline of a project proposed by `member`: the proposer and the department's
# officers (the portfolio's readers open the project, not its timeline: test_project_inside.py).
READS_PROJECT = {"member", "officer", "admin_user"}
# Who reads a private group's files: its member (`member`) and the department.
READS_GROUP = {"member", "officer", "admin_user"}


@pytest.fixture
def entry(project, member):
    return services.add_timeline_entry(
        project,
        kind="document",
        text="Compte rendu",
        by=member,
        upload=pdf("compte-rendu.pdf"),
        file_kind="pdf",
    )


@pytest.fixture
def post(officer, member):
    group = services.create_working_group(
        officer, name="Aidants", purpose="Échanger.", coordinator=officer, members=[member]
    )
    return services.post_to_group(
        group, kind="document", text="Le guide", by=member, upload=pdf(), file_kind="pdf"
    )


def test_a_participant_downloads_a_timeline_document(client, entry, member):
    response = client.get(f"/api/v1/timeline/{entry.pk}/file", **bearer(member))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "compte-rendu.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_note_has_no_file_to_download(client, project, member):
    note = services.add_timeline_entry(project, kind="note", text="Réunion.", by=member)
    assert client.get(f"/api/v1/timeline/{note.pk}/file", **bearer(member)).status_code == 404


def test_a_group_member_downloads_a_posted_file(client, post, member):
    response = client.get(f"/api/v1/working-group-posts/{post.pk}/file", **bearer(member))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "guide.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_downloads_the_files(client, request, entry, post, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    auth = bearer(user)
    timeline = client.get(f"/api/v1/timeline/{entry.pk}/file", **auth).status_code
    posted = client.get(f"/api/v1/working-group-posts/{post.pk}/file", **auth).status_code
    if user is None:
        assert (timeline, posted) == (401, 401)
        return
    assert timeline == (200 if persona in READS_PROJECT else 404)
    assert posted == (200 if persona in READS_GROUP else 404)
