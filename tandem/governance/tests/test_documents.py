"""A meeting's documents: a new version replaces a document (the old one kept and still
downloadable, the members told when it comes after the convocation), and members comment on
them before the meeting; through the service, the page (French and English) and the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PERSONAS
from tandem.core.errors import DomainError
from tandem.core.models import Notification
from tandem.governance import services
from tandem.governance.models import DocumentComment, MeetingDocument

from .conftest import soon

pytestmark = pytest.mark.django_db


def pdf(name: str = "agenda.pdf", body: bytes = b"one") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n", "application/pdf")


def docx(name: str) -> SimpleUploadedFile:
    """A real Word file: the page and the API check what an upload is, whatever its name."""
    import io

    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(f"The text of {name}.")
    document.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def agenda(meeting, officer):
    return services.add_document(meeting, title="Agenda", upload=pdf(), by=officer)


def test_a_new_version_keeps_the_old_and_tells_the_members_after_the_convocation(
    meeting, agenda, officer, django_capture_on_commit_callbacks
):
    before = services.add_document(
        meeting, title="", upload=pdf("v2.pdf"), replaces=agenda, by=officer
    )
    assert (before.version, before.previous, before.title) == (2, agenda, "Agenda")
    assert not Notification.objects.filter(kind="governance.document").exists()  # not convened
    services.convene(meeting, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        after = services.add_document(
            meeting, title="Agenda, amended", upload=pdf("v3.pdf"), replaces=before, by=officer
        )
    assert (after.version, after.late, after.title) == (3, True, "Agenda, amended")
    assert MeetingDocument.objects.filter(meeting=meeting).count() == 3  # nothing overwritten
    told = Notification.objects.filter(kind="governance.document")
    assert told.count() == 20
    assert told.first().title == "A new version of a document was sent after the convocation"
    with pytest.raises(DomainError) as refusal:
        services.add_document(meeting, title="", upload=pdf(), replaces=agenda, by=officer)
    assert refusal.value.code == "document_superseded"


def test_a_version_of_another_meetings_document_is_refused(meeting, agenda, officer):
    other = services.schedule_meeting(
        meeting.body, title="Other", starts_at=soon(60), place="Lyon", by=officer
    )
    with pytest.raises(DomainError) as refusal:
        services.add_document(other, title="", upload=pdf(), replaces=agenda, by=officer)
    assert refusal.value.code == "document_other_meeting"


def test_members_comment_before_the_meeting_only(meeting, agenda, officer, gram_member, member):
    comment = services.comment_on_document(agenda, person=gram_member, text="  Page 2?  ")
    assert comment.text == "Page 2?"
    services.comment_on_document(agenda, person=officer, text="Fixed.")
    with pytest.raises(DomainError) as refusal:
        services.comment_on_document(agenda, person=member, text="Me too")
    assert refusal.value.code == "not_member"
    with pytest.raises(DomainError) as refusal:
        services.comment_on_document(agenda, person=gram_member, text="   ")
    assert refusal.value.code == "empty_comment"
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    with pytest.raises(DomainError) as refusal:
        services.comment_on_document(agenda, person=gram_member, text="Late")
    assert refusal.value.code == "comments_closed"
    assert DocumentComment.objects.count() == 2


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Previous versions", "Your comment was added.", "Replace “Agenda”"]),
        (
            "fr",
            [
                "Versions précédentes",
                "Votre commentaire a été ajouté.",
                "Remplacer «\u202fAgenda\u202f»",
            ],
        ),
    ],
)
def test_the_page_replaces_a_document_and_members_comment(
    as_persona, meeting, agenda, officer, gram_member, language, words
):
    client, user = as_persona("officer")
    for person in (user, gram_member):  # signed in, each reads in their own language
        person.language = language
        person.save(update_fields=["language"])
    page = client.get(
        reverse("governance:meeting", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert words[2] in page.content.decode()
    response = client.post(
        reverse("governance:replace_document", args=[agenda.pk]),
        {f"version-{agenda.pk}-title": "", f"version-{agenda.pk}-file": docx("v2.docx")},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    assert response.status_code == 200
    newest = MeetingDocument.objects.get(previous=agenda)
    page = response.content.decode()
    assert words[0] in page and newest.get_download_url() in page
    assert agenda.get_download_url() in page  # the old version is still there
    client.force_login(gram_member)
    response = client.post(
        reverse("governance:comment_document", args=[newest.pk]),
        {f"comment-{newest.pk}-text": "Thank you."},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    page = response.content.decode()
    assert words[1] in page and "Thank you." in page
    assert client.get(agenda.get_download_url()).status_code == 200


def test_the_meeting_page_query_count_does_not_grow_with_versions_and_comments(
    as_persona, meeting, agenda, officer, gram_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _user = as_persona("officer")
    url = reverse("governance:meeting", args=[meeting.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    services.comment_on_document(agenda, person=gram_member, text="First")
    first = count()
    latest = agenda
    for n in range(3):
        latest = services.add_document(
            meeting, title="", upload=pdf(f"v{n}.pdf"), replaces=latest, by=officer
        )
        services.comment_on_document(latest, person=gram_member, text=f"Comment {n}")
    services.add_document(meeting, title="Annex", upload=pdf("annex.pdf"), by=officer)
    assert count() == first


def test_the_api_adds_replaces_and_comments(meeting, officer, gram_member, director):
    from .test_api import client_for

    api = "/api/v1/governance/"
    secretariat, me, dg = client_for(officer), client_for(gram_member), client_for(director)
    created = secretariat.post(
        f"{api}meetings/{meeting.pk}/documents", {"title": "Budget", "file": docx("budget.docx")}
    )
    assert created.status_code == 201, created.content
    first = created.json()
    assert (first["version"], first["replaces"]) == (1, None)
    versions = f"{api}documents/{first['id']}/versions"
    replaced = secretariat.post(versions, {"file": docx("budget2.docx")})
    assert replaced.status_code == 201
    assert (replaced.json()["version"], replaced.json()["replaces"]) == (2, first["id"])
    again = secretariat.post(versions, {"file": docx("budget3.docx")})
    assert again.status_code == 409 and again.json()["code"] == "document_superseded"
    assert me.post(versions, {"file": docx("x.docx")}).status_code == 403
    url = f"{api}documents/{replaced.json()['id']}/comments"
    posted = me.post(url, {"text": "Why 10 %?"}, content_type="application/json")
    assert posted.status_code == 201 and posted.json()["text"] == "Why 10 %?"
    refused = dg.post(url, {"text": "Mine"}, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_member"
    assert [c["text"] for c in dg.get(url).json()] == ["Why 10 %?"]
    detail = secretariat.get(f"{api}meetings/{meeting.pk}").json()
    assert [d["replaces"] for d in detail["documents"]] == [None, first["id"]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_hands_a_document_to_the_members_area_only(client, request, agenda, persona):
    """The documents' answer gave the page's address, which a token cannot open."""
    from tandem.accounts.services import create_api_token

    headers = {}
    if persona != "anonymous":
        _token, key = create_api_token(request.getfixturevalue(persona), name="t")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.get(f"/api/v1/governance/documents/{agenda.pk}/file", **headers)
    inside = {"gram_member", "director", "officer", "admin_user"}
    expected = 401 if persona == "anonymous" else 200 if persona in inside else 404
    assert response.status_code == expected
    if expected == 200:
        assert (
            response.content.startswith(b"%PDF") and "agenda.pdf" in response["Content-Disposition"]
        )
