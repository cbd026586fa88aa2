"""The events' notices are stored as message ids with their values and written in the reader's
language each time they are shown, whatever language the person who acted was using: an
officer working in English who cancels an event tells a French reader in French."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import Notification
from tandem.directory.tests.factories import UnitFactory
from tandem.events import services
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db


def _shown(note: Notification, language: str) -> str:
    with translation.override(language):
        return f"{note.shown_title} | {note.shown_body}"


def _french_reader(*roles: str):
    (person,) = people(1, *roles)
    person.language = "fr"
    person.save(update_fields=["language"])
    return person


def test_fewer_places_is_told_in_the_readers_language(officer):
    event = make_event(officer, capacity=2)
    first, second = _french_reader(), _french_reader()
    services.register(event, user=first)
    latest = services.register(event, user=second)
    with translation.override("en"):
        services.set_capacity(event, by=officer, capacity=1, move_to_waiting=[latest.pk])

    note = Notification.objects.get(recipient=second, kind="events.moved_to_waiting")
    assert _shown(note, "fr") == (
        "Moins de places\u202f: vous revenez sur la liste d'attente pour "
        "Understanding clinical research | Vous êtes en tête de liste\u202f: la prochaine "
        "place libre vous sera proposée."
    )
    assert "Fewer places" not in _shown(note, "fr")
    assert _shown(note, "en").startswith("Fewer places: you are back on the waiting list")


def test_a_cancellation_keeps_the_officers_reason_as_written(officer):
    event = make_event(officer)
    person = _french_reader()
    services.register(event, user=person)
    with translation.override("en"):
        services.cancel_event(event, by=officer, reason="La salle est fermée pour travaux.")

    note = Notification.objects.get(recipient=person, kind="events.cancelled")
    assert _shown(note, "fr") == (
        "Annulé\u202f: Understanding clinical research | La salle est fermée pour travaux."
    )
    assert _shown(note, "en") == (
        "Cancelled: Understanding clinical research | La salle est fermée pour travaux."
    )


def test_a_proposed_meeting_and_its_decision_in_each_readers_language(officer):
    officer.language = "fr"
    officer.save(update_fields=["language"])
    researcher = _french_reader(Role.RESEARCHER)
    start = timezone.now() + dt.timedelta(days=30)
    with translation.override("en"):
        event = services.propose_lab_meeting(
            by=researcher,
            title="Open day",
            topic="other",
            description="An afternoon in the laboratory.",
            capacity=10,
            sessions=[services.SessionData(start, start + dt.timedelta(hours=2))],
            unit=UnitFactory(),
        )
        services.decide_proposal(event, by=officer, approve=False, reason="Trop tôt.")

    proposed = Notification.objects.get(recipient=officer, kind="events.proposed")
    assert "Open day" in _shown(proposed, "fr")
    assert "A laboratory meeting" not in _shown(proposed, "fr")
    assert _shown(proposed, "en").startswith("A laboratory meeting is proposed: Open day")
    decided = Notification.objects.get(recipient=researcher, kind="events.decided")
    assert "Open day" in _shown(decided, "fr")
    assert "not approved" not in _shown(decided, "fr")
    assert _shown(decided, "en") == "Your laboratory meeting is not approved: Open day | Trop tôt."


def test_another_officer_reads_it_in_their_language_too():
    """The rows hold message ids, not sentences: nothing in them depends on who acted."""
    officer = UserFactory(roles=[Role.OFFICER])
    event = make_event(officer)
    person = _french_reader()
    services.register(event, user=person)
    with translation.override("fr"):
        services.cancel_event(event, by=officer, reason="Room closed.")
    note = Notification.objects.get(recipient=person, kind="events.cancelled")
    assert note.title == "Cancelled: %(title)s"
    assert note.params["title"] == "Understanding clinical research"
