"""Meetings: the year's planning, convocation (notice, documents frozen, members notified,
calendar file), attendance, proxies, conflicts of interest, the quorum."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from tandem.core.errors import DomainError
from tandem.core.models import Notification
from tandem.governance import calendar, queries, services
from tandem.governance.models import AttendanceAnswer, MeetingStatus, ProxyStatus

from .conftest import check_in_all, mandates, seat, soon

pytestmark = pytest.mark.django_db


def pdf(name: str = "agenda.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_the_year_is_planned_one_meeting_per_quarter_and_empty_quarters_are_warned(body, officer):
    year = soon().year + 1
    assert all(not meetings for meetings in queries.year_plan(body, year).values())
    planned = services.plan_year(body, year=year, place="Paris", by=officer)
    assert [m.quarter for m in planned] == [1, 2, 3, 4]
    assert services.plan_year(body, year=year, place="Paris", by=officer) == []


def test_convening_freezes_the_documents_invites_and_notifies_the_members(
    meeting, officer, django_capture_on_commit_callbacks
):
    services.add_document(meeting, title="Agenda", upload=pdf(), by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        _meeting, on_time = services.convene(meeting, by=officer)
    assert on_time  # thirty days before, the notice period is fifteen
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED and meeting.quorum_rule.version == 1
    assert meeting.documents.get().frozen_at is not None
    assert meeting.attendances.count() == 20
    assert Notification.objects.filter(kind="governance.convocation").count() == 20
    later = services.add_document(meeting, title="Late note", upload=pdf("late.pdf"), by=officer)
    assert later.late and later.frozen_at is None


def test_a_late_convocation_is_sent_with_a_warning(full_body, officer):
    meeting = services.schedule_meeting(
        full_body, title="Soon", starts_at=soon(5), place="Lyon", by=officer
    )
    services.add_agenda_item(meeting, title="Only item", by=officer)
    _meeting, on_time = services.convene(meeting, by=officer)
    assert not on_time
    assert queries.notice_is_late(meeting)


def test_the_calendar_file_holds_the_meeting(meeting):
    parsed = Calendar.from_ical(calendar.feed(meeting.body, [meeting]))
    event = next(iter(parsed.walk("VEVENT")))
    assert str(event["summary"]) == "Q meeting" and str(event["location"]) == "Paris"


def test_a_proxy_goes_to_a_member_of_the_same_college_and_ends_at_check_in(
    meeting, officer, gram_member
):
    services.convene(meeting, by=officer)
    patients = mandates(meeting.body, "patients")
    researchers = mandates(meeting.body, "researchers")
    with pytest.raises(DomainError) as refusal:
        services.give_proxy(meeting, person=gram_member, holder=researchers[0])
    assert refusal.value.code == "proxy_college"
    proxy = services.give_proxy(meeting, person=gram_member, holder=patients[1])
    assert meeting.attendances.get(mandate=patients[0]).answer == AttendanceAnswer.NO
    with pytest.raises(DomainError) as refusal:
        services.give_proxy(meeting, person=patients[2].person, holder=patients[1])
    assert refusal.value.code == "proxy_held"
    assert "already holds a proxy" in str(refusal.value)
    services.check_in(meeting, mandate=patients[0], presence="remote", by=officer)
    proxy.refresh_from_db()
    assert proxy.status == ProxyStatus.CANCELLED


def test_a_non_member_cannot_answer_or_give_a_proxy(meeting, officer, member):
    services.convene(meeting, by=officer)
    with pytest.raises(DomainError) as refusal:
        services.answer_convocation(meeting, person=member, answer="yes")
    assert refusal.value.code == "not_member"


def test_the_quorum_counts_present_members_and_proxies_per_college(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    assert not queries.quorum(meeting).reached
    patients = mandates(meeting.body, "patients")
    check_in_all(meeting, officer, codes=("researchers", "administration"))
    for m in patients[:4]:
        services.check_in(meeting, mandate=m, presence="room", by=officer)
    check = queries.quorum(meeting)
    # 14 of 20 present overall, but only 4 of 10 patients' seats: 34% needs 4
    assert (check.counted, check.needed, check.reached) == (14, 10, True)
    services.give_proxy(meeting, person=patients[5].person, holder=patients[0])
    assert queries.quorum(meeting).counted == 15


def test_a_conflict_of_interest_leaves_the_vote_and_its_quorum(meeting, officer, gram_member):
    services.convene(meeting, by=officer)
    item = meeting.items.get()
    services.declare_conflict(item, person=gram_member, reason="I chair the association")
    check = queries.quorum(meeting, item)
    patients = next(c for c in check.colleges if c.code == "patients")
    assert patients.seats == 9


def test_a_meeting_is_convened_once(meeting, officer):
    services.convene(meeting, by=officer)
    with pytest.raises(DomainError):
        services.convene(meeting, by=officer)
    assert meeting.attendances.count() == 20


def test_seats_left_vacant_do_not_get_invitations(body, officer):
    seat(body, "patients")
    meeting = services.schedule_meeting(
        body, title="Small", starts_at=soon(), place="Paris", by=officer
    )
    services.add_agenda_item(meeting, title="Item", by=officer)
    services.convene(meeting, by=officer)
    assert meeting.attendances.count() == 1


def test_the_convocation_email_carries_the_meetings_calendar_file(
    meeting, officer, mailoutbox, django_capture_on_commit_callbacks
):
    member = mandates(meeting.body, "patients")[1].person
    member.language = "en"
    member.save(update_fields=["language"])
    silent = mandates(meeting.body, "patients")[2].person
    silent.contact_by_email = False
    silent.save(update_fields=["contact_by_email"])
    with django_capture_on_commit_callbacks(execute=True):
        services.convene(meeting, by=officer)
    assert Notification.objects.filter(kind="governance.convocation").count() == 20
    assert len(mailoutbox) == 19  # not to the one who refuses e-mails
    (mail,) = [m for m in mailoutbox if m.to == [member.email]]
    assert mail.subject == "[Tandem] Convocation: Q meeting"
    assert "please confirm your attendance" in mail.body
    # The agenda is in the e-mail itself: each item with its duration.
    assert "Agenda:\n1. Opening (15 minutes, " in mail.body
    assert "Place: Paris" in mail.body
    ((name, content, mimetype),) = mail.attachments
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["summary"]) == "Q meeting" and str(event["location"]) == "Paris"
    assert str(event["description"]).endswith(meeting.get_absolute_url())
    assert Notification.objects.get(recipient=member, kind="governance.convocation").emailed
    assert not Notification.objects.get(recipient=silent, kind="governance.convocation").emailed


def test_a_member_proposes_an_agenda_item_from_the_page_and_the_api(
    client, meeting, officer, gram_member
):
    from django.urls import reverse

    from tandem.accounts.services import create_api_token

    client.force_login(gram_member)
    response = client.post(
        reverse("governance:add_item", args=[meeting.pk]),
        {"item-title": "Patients' travel costs", "item-duration_minutes": 20},
    )
    assert response.status_code == 302
    item = meeting.items.get(title="Patients' travel costs")
    assert (item.owner, item.duration_minutes, item.position) == (gram_member, 20, 2)
    _token, key = create_api_token(gram_member, name="test")
    api = client.post(
        f"/api/v1/governance/meetings/{meeting.pk}/agenda",
        {"title": "Open data"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert api.status_code == 201 and api.json()["position"] == 3
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    late = client.post(
        f"/api/v1/governance/meetings/{meeting.pk}/agenda",
        {"title": "Too late"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert late.status_code == 409
    assert not meeting.items.filter(title="Too late").exists()


def test_the_convocation_is_written_in_each_members_language_not_the_conveners(
    meeting, officer, django_capture_on_commit_callbacks
):
    from django.utils import translation

    english, french = (m.person for m in mandates(meeting.body, "patients")[1:3])
    for person, language in ((english, "en"), (french, "fr")):
        person.language = language
        person.save(update_fields=["language"])
    # The secretariat reads Tandem in French: the page's request runs in French.
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.convene(meeting, by=officer)
    mine = Notification.objects.filter(kind="governance.convocation")
    with translation.override("en"):
        shown = mine.get(recipient=english)
        assert shown.shown_title == "Convocation: Q meeting"
        assert "please confirm your attendance" in shown.shown_body
    with translation.override("fr"):
        assert "merci de confirmer votre présence" in mine.get(recipient=french).shown_body
