from __future__ import annotations

import pytest

from tandem.accounts import demo as account_demo
from tandem.directory import demo as directory_demo
from tandem.events import demo
from tandem.events.models import Event, ExpenseClaim, Feedback, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_every_kind_and_loads_twice():
    account_demo.load()
    directory_demo.load()
    demo.load()
    counts = (Event.objects.count(), Registration.objects.count(), Feedback.objects.count())
    demo.load()
    assert (Event.objects.count(), Registration.objects.count(), Feedback.objects.count()) == counts
    assert set(Event.objects.values_list("kind", flat=True)) == {
        "training",
        "lab_meeting",
        "debate",
        "national",
    }
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert {"registered", "waiting", "offered", "attended", "no_show", "cancelled"} <= statuses
    assert Event.objects.filter(status="proposed").exists()
    assert Feedback.objects.count() >= 8
    assert ExpenseClaim.objects.filter(status="approved").exists()
    full = Event.objects.get(title="Vaccination : questions et réponses")
    assert full.places_left == 0 and full.waiting_count == 1


def test_the_demos_online_events_offer_only_what_helps_online():
    """The trial: online events listed step-free access and a hearing loop."""
    account_demo.load()
    directory_demo.load()
    demo.load()
    online = Event.objects.filter(place_kind="online")
    assert online.exists()
    physical = {"step_free", "hearing_loop", "quiet_room"}
    for event in online:
        assert not physical & set(event.accessibility), event.title
        assert "salle" not in event.accessibility_notes, event.title
    on_site = Event.objects.exclude(place_kind="online").first()
    assert on_site is not None and "step_free" in on_site.accessibility


def test_a_demo_description_after_a_question_takes_no_full_stop():
    account_demo.load()
    directory_demo.load()
    demo.load()
    debate = Event.objects.get(title="Débat : qui décide des priorités de recherche ?")
    assert debate.description.startswith("Débat : qui décide des priorités de recherche ? Un")
    assert not Event.objects.filter(description__contains="?.").exists()
