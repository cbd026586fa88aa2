"""No overbooking, ever: many people registering at the same moment for few places
(PostgreSQL: threads with their own connections; the row lock on the event serialises them),
through the services and through the API.
SQLite is measured through a real server in bench/events_calendar.py (a burst of 200)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from tandem.accounts.services import create_api_token
from tandem.core.tests.threads import postgres_only, race
from tandem.events import services
from tandem.events.models import Event, Registration, RegistrationStatus
from tandem.events.tests.conftest import make_event, people


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Two hundred people are made for each test: hashing their passwords the production way
    # took most of its minutes. What is tested here never signs in with a password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# 200 registrations by 40 threads at once (the server's max_connections is shared).
THREADS, PER_THREAD = 40, 5


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_hundred_registrations_at_once_for_fifty_places_place_exactly_fifty(officer):
    event = make_event(officer, capacity=50)
    persons = people(THREADS * PER_THREAD)
    errors: list[Exception] = []
    order: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def run(batch):
        try:
            barrier.wait()
            for person in batch:
                registration = services.register(event, user=person)
                with lock:
                    order.append(registration.pk)
        except Exception as exc:  # any error fails the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(persons[i::THREADS],)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    counts = {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    }
    assert counts == {RegistrationStatus.REGISTERED: 50, RegistrationStatus.WAITING: 150}
    event = Event.objects.get(pk=event.pk)
    assert (event.places_taken, event.waiting_count) == (50, 150)
    # Arrival order: the queue numbers follow the order the locks were taken, places first.
    rows = list(Registration.objects.filter(event=event).order_by("queue_number"))
    assert [r.queue_number for r in rows] == list(range(1, 201))
    assert {r.status for r in rows[:50]} == {RegistrationStatus.REGISTERED}
    assert {r.status for r in rows[50:]} == {RegistrationStatus.WAITING}


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_cancellations_and_registrations_at_once_never_exceed_the_capacity(officer):
    event = make_event(officer, capacity=5)
    holders = [services.register(event, user=p) for p in people(5)]
    newcomers = people(10)
    calls = [lambda r=r: services.cancel_registration(r, by=r.user) for r in holders] + [
        lambda p=p: services.register(event, user=p) for p in newcomers
    ]
    errors = race(calls)
    assert errors == []
    event = Event.objects.get(pk=event.pk)
    held = Registration.objects.filter(
        event=event, status__in=("registered", "offered", "confirmed")
    ).count()
    waiting = Registration.objects.filter(event=event, status="waiting").count()
    assert held == event.places_taken <= 5
    assert waiting == event.waiting_count
    assert held + waiting == 10


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_two_hundred_api_registrations_with_repeats_never_overbooks(officer):
    """200 POST /api/v1/events/{id}/registrations at the same moment by 40 threads, each with
    its own API token: 180 people, 20 of whom send their request twice from two
    threads. Exactly 50 places are taken, the 130 others wait in arrival order, each person has
    one registration, and a repeat is told "already" (409), never a server error."""
    event = make_event(officer, capacity=50)
    persons = people(180)
    requests = persons + persons[:20]  # person k is in thread k, their repeat in thread k + 20
    url = reverse("api-event-registrations", args=[event.pk])
    batches = [requests[i::THREADS] for i in range(THREADS)]
    # Each person's own API token (a Bearer token costs less to make than a signed-in session).
    tokens = {person.pk: create_api_token(person, name="burst")[1] for person in persons}
    keys = [[tokens[person.pk] for person in batch] for batch in batches]
    answers: list[list[tuple[int, dict]]] = [[] for _ in range(THREADS)]
    errors: list[Exception] = []
    barrier = threading.Barrier(THREADS)

    def run(index):
        try:
            barrier.wait()
            client = Client()
            for key in keys[index]:
                response = client.post(
                    url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
                )
                answers[index].append((response.status_code, response.json()))
        except Exception as exc:  # any error fails the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    flat = [answer for per_thread in answers for answer in per_thread]
    assert sorted({code for code, _body in flat}) == [201, 409]
    assert [body["code"] for code, body in flat if code == 409] == ["already"] * 20
    created = [body for code, body in flat if code == 201]
    assert len(created) == 180
    assert sum(body["state"] == "registered" for body in created) == 50
    # Arrival order: each thread's requests arrive one after the other, so each answer it gets
    # has a later place in the queue than the one before.
    for per_thread in answers:
        numbers = [body["queue_number"] for code, body in per_thread if code == 201]
        assert numbers == sorted(numbers)
    rows = list(Registration.objects.filter(event=event).order_by("queue_number"))
    assert len(rows) == len({r.user_id for r in rows}) == 180
    assert [r.queue_number for r in rows] == list(range(1, 181))
    assert {r.status for r in rows[:50]} == {RegistrationStatus.REGISTERED}
    assert {r.status for r in rows[50:]} == {RegistrationStatus.WAITING}
    event = Event.objects.get(pk=event.pk)
    assert (event.places_taken, event.waiting_count) == (50, 130)
