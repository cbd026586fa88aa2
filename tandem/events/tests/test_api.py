"""The API: the same services and rules as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Event, Registration
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db


def test_the_calendar_lists_upcoming_events_with_places_left_for_anyone(client, officer):
    event = make_event(officer, capacity=2, topic="vaccination")
    make_event(officer, topic="cognition")
    services.register(event, user=people(1)[0])
    body = client.get(reverse("api-events"), {"topic": "vaccination"}).json()
    assert body["count"] == 1
    assert body["results"][0]["places_left"] == 1
    assert client.get(reverse("api-events"), {"topic": "nonsense"}).status_code == 400
    detail = client.get(reverse("api-event", args=[event.pk])).json()
    assert detail["places_left"] == 1 and len(detail["sessions"]) == 1
    assert detail["online_url"] == ""


def test_registering_answers_201_registered_then_waiting(client, officer, member, reviewer):
    event = make_event(officer, capacity=1)
    client.force_login(member)
    first = client.post(
        reverse("api-event-registrations", args=[event.pk]), {}, content_type="application/json"
    )
    assert first.status_code == 201 and first.json()["state"] == "registered"
    again = client.post(
        reverse("api-event-registrations", args=[event.pk]), {}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "already"
    client.force_login(reviewer)
    second = client.post(
        reverse("api-event-registrations", args=[event.pk]), {}, content_type="application/json"
    )
    assert second.status_code == 201 and second.json()["state"] == "waiting"
    mine = client.get(reverse("api-my-registrations")).json()
    assert [r["state"] for r in mine["results"]] == ["waiting"]


def test_cancelling_through_the_api_promotes_the_next(client, officer, member, reviewer):
    event = make_event(officer, capacity=1)
    mine = services.register(event, user=member)
    theirs = services.register(event, user=reviewer)
    client.force_login(reviewer)
    assert client.delete(reverse("api-registration", args=[mine.pk])).status_code == 404
    client.force_login(member)
    response = client.delete(reverse("api-registration", args=[mine.pk]))
    assert response.status_code == 200 and response.json()["state"] == "cancelled"
    theirs.refresh_from_db()
    assert theirs.status == "offered"


def test_officers_create_events_with_sessions_and_see_registrations(client, officer, member):
    start = timezone.now() + dt.timedelta(days=20)
    payload = {
        "kind": "training",
        "title": "API training",
        "topic": "clinical_research",
        "description": "Learn.",
        "place_kind": "online",
        "online_url": "https://visio.example.org/x",
        "capacity": 10,
        "registration_opens": timezone.now().isoformat(),
        "registration_closes": (start - dt.timedelta(days=1)).isoformat(),
        "questions": ["Why?"],
        "accessibility": ["sign_language"],
        "sessions": [
            {
                "starts_at": start.isoformat(),
                "ends_at": (start + dt.timedelta(hours=3)).isoformat(),
            },
            {
                "starts_at": (start + dt.timedelta(days=1)).isoformat(),
                "ends_at": (start + dt.timedelta(days=1, hours=3)).isoformat(),
                "title": "Day 2",
            },
        ],
    }
    client.force_login(member)
    assert (
        client.post(reverse("api-events"), payload, content_type="application/json").status_code
        == 403
    )
    client.force_login(officer)
    response = client.post(reverse("api-events"), payload, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["questions"] == ["Why?"] and len(body["sessions"]) == 2
    assert body["online_url"] == "https://visio.example.org/x"  # officers see the link
    event = Event.objects.get(pk=body["id"])
    services.register(event, user=member)
    rows = client.get(reverse("api-event-registrations", args=[event.pk])).json()
    assert [r["email"] for r in rows] == [member.email]
    client.force_login(member)
    assert client.get(reverse("api-event-registrations", args=[event.pk])).status_code == 403


def test_lowering_the_capacity_through_the_api_is_a_conflict_naming_the_candidates(client, officer):
    event = make_event(officer, capacity=2)
    regs = [services.register(event, user=p) for p in people(2)]
    client.force_login(officer)
    url = reverse("api-event", args=[event.pk])
    response = client.patch(url, {"capacity": 1}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["errors"]["move_to_waiting"] == [str(regs[1].pk)]
    response = client.patch(
        url, {"capacity": 1, "move_to_waiting": [regs[1].pk]}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["waiting_count"] == 1
    assert Registration.objects.get(pk=regs[1].pk).status == "waiting"


def test_the_calendar_feed_address_is_renewable(client, member):
    client.force_login(member)
    first = client.get(reverse("api-my-feed")).json()["url"]
    assert client.get(reverse("api-my-feed")).json()["url"] == first
    renewed = client.post(reverse("api-my-feed"))
    assert renewed.status_code == 201 and renewed.json()["url"] != first
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(renewed.json()["url"]).status_code == 200
