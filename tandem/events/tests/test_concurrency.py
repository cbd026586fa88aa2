"""No overbooking, ever: many people registering at the same moment for few places
(PostgreSQL: threads with their own connections; the row lock on the event serialises them).
SQLite is measured through a real server in bench/events_calendar.py (a burst of 200)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tandem.core.errors import DomainError
from tandem.events import services
from tandem.events.models import Event, Registration, RegistrationStatus
from tandem.events.tests.conftest import make_event, people

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
)

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
    errors: list[Exception] = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            call()
        except DomainError as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    event = Event.objects.get(pk=event.pk)
    held = Registration.objects.filter(
        event=event, status__in=("registered", "offered", "confirmed")
    ).count()
    waiting = Registration.objects.filter(event=event, status="waiting").count()
    assert held == event.places_taken <= 5
    assert waiting == event.waiting_count
    assert held + waiting == 10
