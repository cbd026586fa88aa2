"""The GRAM's downloads through the API: the minutes (PDF, DOCX), the yearly report (DOCX,
PDF), a meeting's and the public calendar (iCalendar). The same files as the pages', for the
same people: each persona either gets the file or is refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PERSONAS
from conftest import persona_token as _auth
from tandem.governance import services
from tandem.governance.models import Minutes, MinutesStatus

pytestmark = pytest.mark.django_db

READERS = {"gram_member", "director", "officer", "admin_user"}  # the members' area
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _looks_like(kind: str, content: bytes) -> bool:
    if kind == "pdf":
        return content.startswith(b"%PDF")
    if kind == "docx":
        return "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    return content.startswith(b"BEGIN:VCALENDAR")


@pytest.fixture
def minutes(held, officer) -> Minutes:
    return services.draft_minutes(held, by=officer)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_draft_minutes_download_for_the_members_area_only(client, request, minutes, persona, kind):
    url = reverse(f"api-gram-minutes-{kind}", args=[minutes.pk])
    response = client.get(url, **_auth(request, persona))
    if persona not in READERS:  # draft minutes are not public: not found, as on the page
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert _looks_like(kind, response.content)
    date = f"{minutes.meeting.starts_at:%Y-%m-%d}"
    assert f'filename="gram-minutes-{date}.{kind}"' in response["Content-Disposition"]
    assert response["Content-Type"] == {"pdf": "application/pdf", "docx": DOCX}[kind]


def test_the_minutes_are_the_pages_file(client, request, minutes, gram_member):
    """Same builder: the DOCX says what the page's says, under the same name and type."""
    from docx import Document

    api = client.get(
        reverse("api-gram-minutes-docx", args=[minutes.pk]), **_auth(request, "gram_member")
    )
    client.force_login(gram_member)
    page = client.get(reverse("governance:minutes_docx", args=[minutes.pk]))

    def text(response) -> str:
        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    assert text(api) == text(page) and "Adopt the report?" in text(api)
    for header in ("Content-Type", "Content-Disposition"):
        assert api[header] == page[header]


def test_approved_public_minutes_download_without_a_token(client, minutes):
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED, is_public=True)
    response = client.get(reverse("api-gram-minutes-pdf", args=[minutes.pk]))
    assert response.status_code == 200 and _looks_like("pdf", response.content)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_yearly_report_downloads_for_the_members_area(
    client, request, full_body, persona, kind
):
    year = timezone.localdate().year
    url = reverse(f"api-gram-report-{kind}", args=[year])
    response = client.get(url, **_auth(request, persona))
    if persona == "anonymous":
        assert response.status_code == 401
        return
    if persona not in READERS:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        return
    assert response.status_code == 200
    assert _looks_like(kind, response.content)
    assert f'filename="gram-report-{year}.{kind}"' in response["Content-Disposition"]


def test_a_year_out_of_bounds_has_no_report(client, request, full_body):
    url = reverse("api-gram-report-pdf", args=[1999])
    assert client.get(url, **_auth(request, "officer")).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_meetings_calendar_for_the_members_area(client, request, meeting, persona):
    response = client.get(
        reverse("api-gram-meeting-calendar", args=[meeting.pk]), **_auth(request, persona)
    )
    if persona == "anonymous":
        assert response.status_code == 401
        return
    if persona not in READERS:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="gram-{meeting.pk}.ics"'
    assert _looks_like("ics", response.content)
    assert b"SUMMARY:Q meeting" in response.content
    # The meeting's address, on the site the API was asked on.
    page = reverse("governance:meeting", args=[meeting.pk])
    assert f"http://testserver{page}".encode() in response.content


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_calendar_for_everyone(client, request, meeting, officer, persona):
    cancelled = services.schedule_meeting(
        meeting.body, title="Called off", starts_at=meeting.starts_at, place="Lyon", by=officer
    )
    services.cancel_meeting(cancelled, by=officer)
    response = client.get(reverse("api-gram-calendar-feed"), **_auth(request, persona))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert _looks_like("ics", response.content)
    assert b"SUMMARY:Q meeting" in response.content
    assert b"Called off" not in response.content  # the page's feed leaves cancelled ones out


def test_an_earlier_version_of_the_minutes_downloads_as_on_the_page(
    client, request, minutes, officer, gram_member
):
    """`?version=n` as on the page: the items as that version recorded them; 404 for a version
    that does not exist or is not a number."""
    from docx import Document

    item = minutes.meeting.items.first()
    services.record_minutes_items(
        minutes, entries=[{"item": item.pk, "discussion": "Written in version two."}], by=officer
    )
    url = reverse("api-gram-minutes-docx", args=[minutes.pk])
    auth = _auth(request, "gram_member")

    def text(response) -> str:
        return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    assert "Written in version two." in text(client.get(url, **auth))
    first = client.get(url, {"version": 1}, **auth)
    assert first.status_code == 200 and "Written in version two." not in text(first)
    client.force_login(gram_member)
    page = client.get(reverse("governance:minutes_docx", args=[minutes.pk]), {"version": 1})
    assert text(page) == text(first)
    for asked in ("9", "x", "-1"):
        assert client.get(url, {"version": asked}, **auth).status_code == 404
