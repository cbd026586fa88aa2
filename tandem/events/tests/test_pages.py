"""The pages through the client: roles, flows, bad input, constant query counts, documents."""

from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.events import services
from tandem.events.models import Event, ExpenseClaim, Registration
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db


def _calendar_queries(client) -> int:
    from django.core.cache import cache

    cache.clear()  # the results computed, not read from the cache
    with CaptureQueriesContext(connection) as seen:
        response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    return len(seen)


def test_the_calendar_query_count_does_not_grow_with_its_events(client, officer):
    make_event(officer)
    few = _calendar_queries(client)
    for i in range(15):
        make_event(officer, days=5 + i, kind=["training", "debate"][i % 2])
    assert _calendar_queries(client) == few


def test_the_calendar_filters_by_topic_kind_region_and_date(client, officer):
    make_event(officer, title="Vaccins à Lyon", topic="vaccination", region="ara", days=5)
    make_event(officer, title="Débat à Paris", kind="debate", days=40)
    response = client.get(reverse("events:calendar"), {"topic": "vaccination"})
    assert "Vaccins à Lyon" in response.text and "Débat à Paris" not in response.text
    response = client.get(reverse("events:calendar"), {"kind": "debate"})
    assert "Débat à Paris" in response.text and "Vaccins à Lyon" not in response.text
    response = client.get(reverse("events:calendar"), {"region": "ara"})
    assert "Vaccins à Lyon" in response.text and "Débat à Paris" not in response.text
    end = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.get(reverse("events:calendar"), {"end": end})
    assert "Vaccins à Lyon" in response.text and "Débat à Paris" not in response.text


def test_the_calendar_shows_the_places_left_in_french(client, officer):
    event = make_event(officer, capacity=3)
    services.register(event, user=people(1)[0])
    client.cookies["django_language"] = "fr"
    response = client.get(reverse("events:calendar"))
    assert "2 places restantes" in response.text


def test_a_member_registers_joins_the_waiting_list_and_is_promoted(client, officer, member):
    event = make_event(officer, capacity=1, questions="What do you expect?")
    (first,) = people(1)
    taken = services.register(event, user=first)
    client.force_login(member)
    page = client.get(reverse("events:register", args=[event.pk]))
    assert "Join the waiting list" in page.text
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"question_0": "To learn", "accessibility_needs": ["wheelchair"]},
    )
    mine = Registration.objects.get(user=member)
    assert response.status_code == 302 and mine.status == "waiting"
    assert mine.answers == {"What do you expect?": "To learn"}
    page = client.get(reverse("events:registration", args=[mine.pk]))
    assert "On the waiting list</strong> · you are number 1" in page.text
    services.cancel_registration(taken, by=first)
    page = client.get(reverse("events:registration", args=[mine.pk]))
    assert "Confirm my place" in page.text
    client.post(reverse("events:confirm", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_registering_twice_through_the_page_sends_to_the_registration(client, event, member):
    client.force_login(member)
    client.post(reverse("events:register", args=[event.pk]), {})
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 302
    assert Registration.objects.filter(user=member).count() == 1


def test_a_closed_event_refuses_with_a_message_and_writes_nothing(client, officer, member):
    event = make_event(officer, registration_closes=timezone.now() - dt.timedelta(hours=1))
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 422
    assert "Registration is closed." in response.text
    assert not Registration.objects.exists()


def test_the_online_link_is_shown_only_to_people_with_a_place(client, officer, member):
    event = make_event(officer, place_kind="online")
    client.force_login(member)
    assert "visio.example.org" not in client.get(event.get_absolute_url()).text
    services.register(event, user=member)
    assert "visio.example.org" in client.get(event.get_absolute_url()).text
    ics = client.get(reverse("events:event_ics", args=[event.pk]))
    assert b"visio.example.org" in ics.content


def test_the_event_file_and_the_personal_feed_are_icalendar(client, officer, member):
    event = make_event(officer, sessions=2)
    services.register(event, user=member)
    ics = Calendar.from_ical(client.get(reverse("events:event_ics", args=[event.pk])).content)
    assert len(ics.walk("VEVENT")) == 2
    feed = services.feed_of(member)
    url = reverse("events:feed", args=[feed.token])
    parsed = Calendar.from_ical(client.get(url).content)
    assert [str(e["summary"]) for e in parsed.walk("VEVENT")] == [event.title, event.title]
    client.force_login(member)
    client.post(reverse("events:renew_feed"))
    assert client.get(url).status_code == 404  # the old address stops working


def test_a_researcher_proposes_and_an_officer_approves(client, researcher, officer):
    from tandem.directory.tests.factories import UnitFactory

    unit = UnitFactory()
    start = timezone.localtime() + dt.timedelta(days=20)
    client.force_login(researcher)
    response = client.post(
        reverse("events:propose"),
        {
            "title": "Visit our lab",
            "topic": "inflammation",
            "description": "See the microscopes.",
            "unit": unit.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": 8,
        },
    )
    event = Event.objects.get(title="Visit our lab")
    assert response.status_code == 302 and event.status == "proposed"
    assert "Visit our lab" not in client.get(reverse("events:calendar")).text
    client.force_login(officer)
    assert "Visit our lab" in client.get(reverse("events:manage")).text
    client.post(reverse("events:decide", args=[event.pk]), {"decision": "approve"})
    event.refresh_from_db()
    assert event.status == "published"
    assert researcher.notifications.filter(kind="events.decided").exists()


def test_an_officer_creates_an_event_with_two_sessions(client, officer):
    client.force_login(officer)
    start = timezone.localtime() + dt.timedelta(days=30)
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        reverse("events:new_event"),
        {
            "kind": "national",
            "title": "National meeting",
            "topic": "other",
            "description": "Two days together.",
            "place_kind": "address",
            "address": "1 place de la République",
            "city": "Paris",
            "region": "idf",
            "registration_opens": timezone.localtime().strftime(fmt),
            "registration_closes": (start - dt.timedelta(days=1)).strftime(fmt),
            "confirm_hours": 48,
            "eligibility": "everyone",
            "visibility": "public",
            "accessibility": ["step_free", "quiet_room"],
            "capacity": 200,
            "sessions-TOTAL_FORMS": 2,
            "sessions-INITIAL_FORMS": 0,
            "sessions-MIN_NUM_FORMS": 1,
            "sessions-MAX_NUM_FORMS": 20,
            "sessions-0-starts_at": start.strftime(fmt),
            "sessions-0-ends_at": (start + dt.timedelta(hours=8)).strftime(fmt),
            "sessions-1-starts_at": (start + dt.timedelta(days=1)).strftime(fmt),
            "sessions-1-ends_at": (start + dt.timedelta(days=1, hours=6)).strftime(fmt),
            "sessions-1-title": "Workshops",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = Event.objects.get(title="National meeting")
    assert event.sessions.count() == 2 and event.accessibility == ["step_free", "quiet_room"]


def test_lowering_the_capacity_shows_who_is_affected_and_needs_a_choice(client, officer):
    event = make_event(officer, capacity=3)
    regs = [services.register(event, user=p) for p in people(3)]
    client.force_login(officer)
    response = client.post(reverse("events:capacity", args=[event.pk]), {"capacity": 1})
    assert response.status_code == 422
    assert regs[2].user.get_full_name() in response.text
    assert Event.objects.get(pk=event.pk).capacity == 3
    response = client.post(
        reverse("events:capacity", args=[event.pk]),
        {"capacity": 1, "choose": "1", "move": [regs[1].pk, regs[2].pk]},
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).capacity == 1


def test_attendance_then_certificate_and_feedback(client, officer, member):
    event = make_event(officer, days=1)
    registration = services.register(event, user=member)
    # The day has come: the event starts within the hour.
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + dt.timedelta(hours=1))
    client.force_login(officer)
    page = client.get(reverse("events:attendance", args=[event.pk]))
    assert member.get_full_name() in page.text
    client.post(
        reverse("events:attendance", args=[event.pk]), {f"mark_{registration.pk}": "attended"}
    )
    registration.refresh_from_db()
    assert registration.status == "attended"
    client.force_login(member)
    assert client.get(reverse("events:certificate", args=[registration.pk])).status_code == 200
    docx = client.get(reverse("events:certificate_download", args=[registration.pk, "docx"]))
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Certificate of attendance" in text and member.get_full_name() in text
    client.post(
        reverse("events:feedback", args=[registration.pk]),
        {"rating": 4, "clear": 5, "comment": "Great"},
    )
    client.force_login(officer)
    summary = client.get(reverse("events:registrations", args=[event.pk]))
    assert "Great" in summary.text and "Overall: 4.0 / 5" in summary.text
    client.force_login(member)
    assert event.title in client.get(reverse("events:mine")).text


def test_the_certificate_is_a_tagged_pdf(client, officer, member):
    pytest.importorskip("weasyprint")
    event = make_event(officer, days=-2)
    registration = Registration.objects.create(
        event=event, user=member, status="attended", queue_number=1
    )
    client.force_login(member)
    pdf = client.get(reverse("events:certificate_download", args=[registration.pk, "pdf"]))
    from pypdf import PdfReader

    catalog = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"].value is True
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert member.get_full_name() in text


def test_a_person_without_attendance_has_no_certificate(client, event, member):
    registration = services.register(event, user=member)
    client.force_login(member)
    assert client.get(reverse("events:certificate", args=[registration.pk])).status_code == 404


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_travel_expenses_with_receipts_approved_and_exported(client, officer, member):
    event = make_event(officer)
    services.register(event, user=member)
    client.force_login(member)
    response = client.post(
        reverse("events:claims"),
        {
            "event": event.pk,
            "amount": "42.50",
            "description": '=HYPERLINK("http://evil") train',
            "receipts": [SimpleUploadedFile("ticket.pdf", _pdf())],
        },
    )
    assert response.status_code == 302
    claim = ExpenseClaim.objects.get(user=member)
    assert claim.receipts.count() == 1
    client.force_login(officer)
    client.post(reverse("events:decide_claim", args=[claim.pk]), {"decision": "approve"})
    claim.refresh_from_db()
    assert claim.status == "approved"
    csv_text = client.get(reverse("events:claims_export"), {"status": "approved"}).content.decode()
    assert "42.50" in csv_text and "'=HYPERLINK" in csv_text


def test_an_unreadable_receipt_is_refused_and_nothing_is_written(client, officer, member):
    event = make_event(officer)
    services.register(event, user=member)
    client.force_login(member)
    response = client.post(
        reverse("events:claims"),
        {
            "event": event.pk,
            "amount": "10",
            "description": "Bus",
            "receipts": [SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 not really a pdf")],
        },
    )
    assert response.status_code == 422
    assert "not a valid" in response.text or "cannot" in response.text.lower()
    assert not ExpenseClaim.objects.exists()


def test_a_rejection_needs_a_reason(client, officer, member):
    event = make_event(officer)
    services.register(event, user=member)
    claim = services.submit_claim(
        by=member,
        event=event,
        amount=10,
        description="Bus",
        receipts=[(SimpleUploadedFile("t.pdf", _pdf()), "pdf")],
    )
    client.force_login(officer)
    client.post(reverse("events:decide_claim", args=[claim.pk]), {"decision": "reject"})
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_the_calendar_shows_a_registration_at_once_though_its_results_are_cached(
    client, officer, django_capture_on_commit_callbacks
):
    event = make_event(officer, capacity=3, title="Cached")
    assert "3 places left" in client.get(reverse("events:calendar")).text
    with CaptureQueriesContext(connection) as seen:
        client.get(reverse("events:calendar"))
    assert not any("events_event" in q["sql"] for q in seen.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event, user=people(1)[0])
    assert "2 places left" in client.get(reverse("events:calendar")).text


def test_the_home_pages_training_card_leads_to_the_public_calendar(client):
    response = client.get(reverse("core:home"))
    assert f'href="{reverse("events:calendar")}"' in response.text
    assert client.get(reverse("events:calendar")).status_code == 200


def test_in_french_the_event_says_register_oneself_and_the_status_has_no_dangling_date(
    client, event, member
):
    # "Register" and "Registered" are also an organization's registration and the date column
    # of the directory's queue: in French the event's words are their own.
    member.language = "fr"
    member.save(update_fields=["language"])
    client.force_login(member)
    page = html.unescape(client.get(reverse("events:event", args=[event.pk])).text)
    assert "S'inscrire" in page and "Inscrire l'organisation" not in page
    form = html.unescape(client.get(reverse("events:register", args=[event.pk])).text)
    assert "S'inscrire" in form and "Inscrire l'organisation" not in form
    registration = services.register(event, user=member)
    page = client.get(reverse("events:registration", args=[registration.pk])).text
    assert "<strong>Inscrit·e</strong>" in page and "Inscrite le" not in page


def test_a_cancelled_registration_no_longer_offers_the_event_for_the_calendar(
    client, event, member
):
    registration = services.register(event, user=member)
    client.force_login(member)
    ics = reverse("events:event_ics", args=[event.pk])
    assert ics in client.get(reverse("events:registration", args=[registration.pk])).text
    client.post(reverse("events:cancel", args=[registration.pk]))
    page = client.get(reverse("events:registration", args=[registration.pk])).text
    assert "<strong>Cancelled</strong>" in page and ics not in page


def test_cancelling_asks_first_and_says_the_place_goes_to_the_next_person(client, event, member):
    registration = services.register(event, user=member)
    member.language = "fr"
    member.save(update_fields=["language"])
    client.force_login(member)
    cancel = reverse("events:cancel", args=[registration.pk])
    page = html.unescape(client.get(reverse("events:registration", args=[registration.pk])).text)
    assert f'href="{cancel}">Annuler mon inscription</a>' in page
    question = client.get(cancel)
    assert question.status_code == 200
    text = html.unescape(question.text)
    assert "Annuler votre inscription\u202f?" in text
    assert "elle passe à la personne suivante sur la liste d'attente" in text
    assert "Oui, annuler mon inscription" in text and "Garder mon inscription" in text
    registration.refresh_from_db()
    assert registration.status == "registered"  # asking changed nothing
    client.post(cancel)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    # Once cancelled, the question is not asked again: back to the registration.
    assert client.get(cancel).url == registration.get_absolute_url()


def test_nobody_else_can_open_the_question_of_cancelling(client, event, member, officer):
    registration = services.register(event, user=member)
    client.force_login(officer)
    assert client.get(reverse("events:cancel", args=[registration.pk])).status_code == 404
