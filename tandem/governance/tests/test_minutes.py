"""Minutes: drafted from the meeting's record, amended line by line by attendees within the
period, a new version per accepted amendment (compared), approved at the next meeting, locked;
a member reads draft minutes, a visitor only approved public ones."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.governance import queries, services
from tandem.governance.models import Minutes, MinutesStatus

from .conftest import mandates, soon

pytestmark = pytest.mark.django_db


def test_minutes_are_drafted_from_the_record(held, officer):
    minutes = services.draft_minutes(held, by=officer)
    text = minutes.versions.get().text
    patients = mandates(held.body, "patients")
    assert patients[0].person.get_full_name() in text
    assert f"{patients[9].person.get_full_name()} has given their proxy to" in text
    assert "Adopt the report?" in text and "For: 5" in text and "Adopted." in text
    with pytest.raises(DomainError):
        services.draft_minutes(held, by=officer)


def test_an_attendee_amends_a_line_and_an_accepted_amendment_makes_a_version(
    held, officer, gram_member
):
    minutes = services.draft_minutes(held, by=officer)
    amendment = services.amend_minutes(
        minutes, line=1, replacement="Minutes of the spring meeting", by=gram_member
    )
    services.decide_amendment(amendment, accept=True, by=officer)
    first, second = minutes.versions.order_by("number")
    assert (
        second.lines[0] == "Minutes of the spring meeting" and second.lines[1:] == first.lines[1:]
    )
    rows = queries.compare(first, second)
    assert {"kind": "new", "text": "Minutes of the spring meeting"} in rows
    assert any(r["kind"] == "old" for r in rows)


def test_amendments_are_refused_after_the_period_and_to_the_absent(held, officer, gram_member):
    minutes = services.draft_minutes(held, by=officer)
    absent = mandates(held.body, "patients")[9].person
    with pytest.raises(DomainError) as refusal:
        services.amend_minutes(minutes, line=1, replacement="x", by=absent)
    assert refusal.value.code == "not_attendee"
    later = minutes.amendments_until + dt.timedelta(days=1)
    moment = dt.datetime(later.year, later.month, later.day, 12, tzinfo=dt.UTC)
    with time_machine.travel(moment), pytest.raises(DomainError) as refusal:
        services.amend_minutes(minutes, line=1, replacement="x", by=gram_member)
    assert refusal.value.code == "amendment_closed"
    assert "amendment period ended" in str(refusal.value)
    assert not minutes.amendments.exists()


def test_a_refused_amendment_comes_back_as_typed(client, held, officer, gram_member):
    minutes = services.draft_minutes(held, by=officer)
    client.force_login(gram_member)
    response = client.post(
        reverse("governance:amend_minutes", args=[minutes.pk]),
        {"line": 999, "replacement": "A long wording I took time to write"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "There is no line 999 in these minutes." in page
    assert "A long wording I took time to write</textarea>" in page
    assert not minutes.amendments.exists()


def test_attendees_are_reminded_once_when_the_amendment_period_closes(held, officer, gram_member):
    from tandem.core.models import Notification

    minutes = services.draft_minutes(held, by=officer)
    reminders = Notification.objects.filter(kind="governance.amendments_closing")
    early = minutes.amendments_until - dt.timedelta(days=services.AMENDMENTS_CLOSING_DAYS + 1)
    assert services.send_reminders(today=early) == 0
    closing = minutes.amendments_until - dt.timedelta(days=1)
    assert services.send_reminders(today=closing) == 1
    assert services.send_reminders(today=closing) == 0  # once
    absent = mandates(held.body, "patients")[9].person
    assert reminders.filter(recipient=gram_member).count() == 1
    assert not reminders.filter(recipient=absent).exists()
    assert reminders.count() == 19
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED)
    reminders.delete()
    assert services.send_reminders(today=closing) == 0  # approved minutes are not reminded


def test_minutes_are_approved_at_the_next_meeting_and_locked(held, officer, gram_member):
    minutes = services.draft_minutes(held, by=officer)
    nxt = services.schedule_meeting(
        held.body, title="Next", starts_at=soon(120), place="Paris", by=officer
    )
    services.add_agenda_item(nxt, title="Approve the minutes", by=officer)
    with pytest.raises(DomainError) as refusal:
        services.approve_minutes(minutes, at=nxt, by=officer)
    assert refusal.value.code == "approval_meeting"
    services.convene(nxt, by=officer)
    services.open_meeting(nxt, by=officer)
    minutes = services.approve_minutes(minutes, at=nxt, by=officer)
    assert minutes.status == MinutesStatus.APPROVED
    with pytest.raises(DomainError) as refusal:
        services.amend_minutes(minutes, line=1, replacement="x", by=gram_member)
    assert refusal.value.code == "locked"


def test_a_member_reads_draft_minutes_a_visitor_only_approved_public_ones(
    client, held, officer, gram_member
):
    minutes = services.draft_minutes(held, by=officer)
    url = reverse("governance:minutes", args=[minutes.pk])
    assert client.get(url).status_code == 404
    client.force_login(gram_member)
    assert client.get(url).status_code == 200
    client.logout()
    nxt = services.schedule_meeting(
        held.body, title="Next", starts_at=soon(120), place="Paris", by=officer
    )
    services.add_agenda_item(nxt, title="Approve", by=officer)
    services.convene(nxt, by=officer)
    services.open_meeting(nxt, by=officer)
    services.approve_minutes(minutes, at=nxt, is_public=False, by=officer)
    assert client.get(url).status_code == 404  # approved, not public
    Minutes.objects.filter(pk=minutes.pk).update(is_public=True)
    assert client.get(url).status_code == 200
    page = client.get(reverse("governance:public")).content.decode()
    assert url in page


def test_the_minutes_pdf_is_a_pdf(client, held, officer, gram_member):
    minutes = services.draft_minutes(held, by=officer)
    client.force_login(gram_member)
    response = client.get(reverse("governance:minutes_pdf", args=[minutes.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"%PDF"
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"].value is True
    assert "Adopt the report?" in "".join(page.extract_text() for page in reader.pages)


def test_erasure_takes_the_persons_name_out_of_the_minutes(held, officer):
    from tandem.governance import personal_data

    minutes = services.draft_minutes(held, by=officer)
    person = mandates(held.body, "patients")[0].person
    name = person.get_full_name()
    assert name in minutes.versions.get().text
    personal_data.erase(person)
    assert name not in minutes.versions.get().text


@pytest.mark.parametrize(("language", "heading"), [("fr", "Compte rendu"), ("en", "Minutes")])
def test_the_minutes_docx_holds_the_latest_version_in_the_readers_language(
    client, held, officer, gram_member, language, heading
):
    import io

    from docx import Document

    minutes = services.draft_minutes(held, by=officer)
    url = reverse("governance:minutes_docx", args=[minutes.pk])
    assert client.get(url).status_code == 404  # a visitor: draft minutes are not public
    gram_member.language = language
    gram_member.save(update_fields=["language"])
    client.force_login(gram_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith(f"{heading} · Q meeting")
    assert "Adopt the report?" in text
    assert document.core_properties.language == language
    assert len([p for p in document.paragraphs if p.style.name == "List Number"]) == len(
        minutes.versions.last().lines
    )


def test_the_blank_lines_of_the_minutes_are_blank_not_an_escape_code(
    client, held, officer, gram_member
):
    minutes = services.draft_minutes(held, by=officer)
    assert "" in minutes.versions.get().lines  # the text has blank lines between its parts
    services.amend_minutes(minutes, line=1, replacement="Minutes, corrected", by=gram_member)
    amendment = minutes.amendments.get()
    services.decide_amendment(amendment, accept=True, by=officer)
    client.force_login(gram_member)
    for url in (
        reverse("governance:minutes", args=[minutes.pk]),
        reverse("governance:minutes_compare", args=[minutes.pk]),
    ):
        page = client.get(url).content.decode()
        assert "\\u00a0" not in page
        assert "&nbsp;" in page


def test_approved_minutes_say_approved_in_french(client, held, officer, gram_member):
    # "Approved" is also an expense claim's status, feminine in French ("acceptée").
    minutes = services.draft_minutes(held, by=officer)
    nxt = services.schedule_meeting(
        held.body, title="Next", starts_at=soon(120), place="Paris", by=officer
    )
    services.add_agenda_item(nxt, title="Approve", by=officer)
    services.convene(nxt, by=officer)
    services.open_meeting(nxt, by=officer)
    services.approve_minutes(minutes, at=nxt, by=officer)
    gram_member.language = "fr"
    gram_member.save(update_fields=["language"])
    client.force_login(gram_member)
    page = client.get(reverse("governance:minutes", args=[minutes.pk])).text
    assert ">Approuvé</span>" in page and "Acceptée" not in page


def test_french_minutes_have_a_narrow_space_before_each_colon(held, officer):
    officer.language = "fr"  # the minutes are written in the language of who drafts them
    officer.save(update_fields=["language"])
    minutes = services.draft_minutes(held, by=officer)
    lines = minutes.versions.get().lines
    for heading in ("Présents\u202f:", "Absents\u202f:", "Pouvoirs\u202f:"):
        assert heading in lines
    assert any(
        line.startswith("Pour\u202f: 5, contre\u202f: 0, abstention\u202f: 0.") for line in lines
    )
    assert not [line for line in lines if line.endswith(":") and not line.endswith("\u202f:")]


@pytest.mark.parametrize(
    ("language", "quoted"),
    [("fr", "«\u202fMinutes, corrected\u202f»"), ("en", "“Minutes, corrected”")],
)
def test_an_amendment_is_quoted_the_readers_way(
    client, held, officer, gram_member, language, quoted
):
    """The trial: French pages quoted with “ ”; French quotes with « » and narrow spaces."""
    minutes = services.draft_minutes(held, by=officer)
    services.amend_minutes(minutes, line=1, replacement="Minutes, corrected", by=gram_member)
    gram_member.language = language
    gram_member.save(update_fields=["language"])
    client.force_login(gram_member)
    page = client.get(reverse("governance:minutes", args=[minutes.pk])).text
    assert quoted in page
