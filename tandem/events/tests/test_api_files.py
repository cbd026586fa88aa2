"""The events' downloads through the API: an event's iCalendar file and the travel expense
claims as CSV. The same files as the pages', for the same people."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from conftest import PERSONAS
from conftest import persona_token as _auth
from tandem.events import services
from tandem.events.models import ClaimStatus, Event, EventStatus, ExpenseClaim
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

OFFICERS = {"officer", "admin_user"}


# --- An event as iCalendar -----------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_published_events_file_for_everyone(client, request, officer, persona):
    event = make_event(officer, sessions=2)
    response = client.get(reverse("api-event-calendar", args=[event.pk]), **_auth(request, persona))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_proposed_events_file_for_the_officers_only(client, request, officer, persona):
    event = make_event(officer)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PROPOSED)
    response = client.get(reverse("api-event-calendar", args=[event.pk]), **_auth(request, persona))
    if persona in OFFICERS:
        assert response.status_code == 200
        assert response.content.startswith(b"BEGIN:VCALENDAR")
    else:  # not found, as on the page (anonymous included: anyone may ask)
        assert response.status_code == 404


def test_the_video_link_only_for_a_person_with_a_place(client, request, officer, member):
    event = make_event(officer, place_kind="online")
    url = reverse("api-event-calendar", args=[event.pk])
    assert b"visio.example.org" not in client.get(url, **_auth(request, "member")).content
    services.register(event, user=member)
    assert b"visio.example.org" in client.get(url, **_auth(request, "member")).content
    assert b"visio.example.org" not in client.get(url).content  # anonymous: no place


# --- The claims for accounting -------------------------------------------------------------


def _claim(officer, member, status: str, description: str) -> ExpenseClaim:
    event = make_event(officer)
    return ExpenseClaim.objects.create(
        user=member, event=event, amount="42.50", description=description, status=status
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_claims_export_for_the_officers_only(client, request, officer, member, persona):
    _claim(officer, member, ClaimStatus.APPROVED, '=HYPERLINK("http://evil") train')
    _claim(officer, member, ClaimStatus.SUBMITTED, "Bus, waiting")
    response = client.get(reverse("api-expense-claims-export"), **_auth(request, persona))
    if persona == "anonymous":
        assert response.status_code == 401
        return
    if persona not in OFFICERS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="travel-expenses.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "claim"  # the header, then the approved claims only (the default)
    assert [r[-1] for r in rows[1:]] == ['\'=HYPERLINK("http://evil") train']


def test_the_claims_export_is_the_pages_file(client, request, officer, member):
    _claim(officer, member, ClaimStatus.APPROVED, "Train")
    _claim(officer, member, ClaimStatus.SUBMITTED, "Bus")
    api = client.get(
        reverse("api-expense-claims-export"), {"status": ""}, **_auth(request, "officer")
    )
    client.force_login(officer)
    page = client.get(reverse("events:claims_export"), {"status": ""})
    assert api.content == page.content and b"Train" in api.content and b"Bus" in api.content
    assert api["Content-Disposition"] == page["Content-Disposition"]


def test_an_unknown_status_is_a_clear_400(client, request):
    response = client.get(
        reverse("api-expense-claims-export"), {"status": "paid"}, **_auth(request, "officer")
    )
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
