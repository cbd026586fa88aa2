"""The dates of the events' notices (the reminder before an event, a place offered from the
waiting list) are written in the reader's language, with the month's name in their words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from tandem.core.models import Notification
from tandem.events import services
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db
# Tuesday 10 March 2026, 9:30 in Paris: the event of `make_event(days=1)` starts a day later.
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=timezone.get_default_timezone())


def _in(language: str, note: Notification) -> str:
    with translation.override(language):
        return f"{note.shown_title} {note.shown_body}"


def test_the_reminder_says_the_day_of_the_event_in_the_readers_language(officer):
    with time_machine.travel(NOW, tick=False):
        event = make_event(officer, days=1)
        (person,) = people(1)
        services.register(event, user=person)
        assert services.send_reminders() == 1

    note = Notification.objects.get(recipient=person, kind="events.reminder")
    assert "11 mars 2026 09:30" in _in("fr", note)
    assert "March 11, 2026, 9:30 AM" in _in("en", note)


def test_a_place_offered_says_until_when_in_the_readers_language(officer):
    with time_machine.travel(NOW, tick=False):
        event = make_event(officer, days=1)
        first, second, waiting = people(3)
        registration = services.register(event, user=first)
        services.register(event, user=second)
        services.register(event, user=waiting)
        services.cancel_registration(registration, by=first)

    note = Notification.objects.get(recipient=waiting, kind="events.offered")
    # The offer lasts until the event starts, a day later (sooner than its 48 hours).
    assert "11 mars 2026 09:30" in _in("fr", note)
    assert "March 11, 2026, 9:30 AM" in _in("en", note)
    assert "Understanding clinical research" in _in("en", note)


def test_the_certificate_writes_the_hours_of_each_session_the_readers_way(officer):
    from tandem.events.documents import certificate_context

    with time_machine.travel(NOW, tick=False):
        event = make_event(officer, days=1)
        (person,) = people(1)
        registration = services.register(event, user=person)

    with translation.override("fr"):
        assert certificate_context(registration)["dates"] == ["11 mars 2026, 09:30–12:30"]
    with translation.override("en"):
        assert certificate_context(registration)["dates"] == ["March 11, 2026, 9:30 AM–12:30 PM"]
