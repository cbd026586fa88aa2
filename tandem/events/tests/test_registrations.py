"""Registering, the waiting list, promotion with a time to confirm, cancelling, capacity."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry, Notification
from tandem.events import services
from tandem.events.models import Event, Registration, RegistrationStatus
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db


def _refresh(event: Event) -> Event:
    return Event.objects.get(pk=event.pk)


def test_places_are_given_in_order_then_the_waiting_list(event):
    first, second, third = people(3)
    assert services.register(event, user=first).status == RegistrationStatus.REGISTERED
    assert services.register(event, user=second).status == RegistrationStatus.REGISTERED
    waiting = services.register(event, user=third)
    assert waiting.status == RegistrationStatus.WAITING
    event = _refresh(event)
    assert (event.places_taken, event.waiting_count, event.places_left) == (2, 1, 0)
    assert ActionLogEntry.objects.filter(action="events.registration.created").count() == 3


def test_accessibility_needs_come_from_the_profile_unless_given(event):
    person, other = people(2)
    person.accessibility_needs = ["wheelchair"]
    person.accessibility_notes = "I come with my dog."
    person.save()
    registration = services.register(event, user=person)
    assert registration.accessibility_needs == ["wheelchair"]
    assert registration.accessibility_notes == "I come with my dog."
    given = services.register(event, user=other, accessibility_needs=["large_print"])
    assert given.accessibility_needs == ["large_print"]


def test_answers_are_kept_for_the_event_questions_only(officer):
    event = make_event(officer, questions="What do you expect?\nDo you eat meat?")
    (person,) = people(1)
    registration = services.register(
        event, user=person, answers={"What do you expect?": " To learn ", "Other": "x"}
    )
    assert registration.answers == {"What do you expect?": "To learn", "Do you eat meat?": ""}


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ({"days": -1}, "past"),
        ({"registration_closes": "past"}, "closed"),
        ({"registration_opens": "future"}, "not_open"),
        ({"eligibility": "researchers"}, "not_eligible"),
    ],
)
def test_bad_registrations_are_refused_and_change_nothing(officer, setup, code):
    extra = dict(setup)
    now = timezone.now()
    if extra.get("registration_closes") == "past":
        extra["registration_closes"] = now - dt.timedelta(hours=1)
    if extra.get("registration_opens") == "future":
        extra["registration_opens"] = now + dt.timedelta(days=1)
    event = make_event(officer, **extra)
    (person,) = people(1)
    with pytest.raises(DomainError) as refused:
        services.register(event, user=person)
    assert refused.value.code == code
    assert not Registration.objects.exists()
    assert _refresh(event).places_taken == 0


def test_registering_twice_is_refused(event):
    (person,) = people(1)
    services.register(event, user=person)
    with pytest.raises(DomainError) as refused:
        services.register(event, user=person)
    assert refused.value.code == "already"
    assert Registration.objects.count() == 1


def test_partners_events_take_members_and_reviewers_not_researchers(
    officer, member, reviewer, researcher
):
    event = make_event(officer, eligibility="partners", capacity=5)
    services.register(event, user=member)
    services.register(event, user=reviewer)
    with pytest.raises(DomainError):
        services.register(event, user=researcher)


def test_a_freed_place_is_offered_to_the_first_waiting_with_a_time_to_confirm(event):
    a, b, c, d = people(4)
    first = services.register(event, user=a)
    services.register(event, user=b)
    waiting_c = services.register(event, user=c)
    services.register(event, user=d)
    services.cancel_registration(first, by=a)
    waiting_c.refresh_from_db()
    assert waiting_c.status == RegistrationStatus.OFFERED
    assert waiting_c.offered_until is not None
    assert waiting_c.offered_until <= timezone.now() + dt.timedelta(hours=48, minutes=1)
    assert Notification.objects.filter(recipient=c, kind="events.offered").exists()
    event = _refresh(event)
    assert (event.places_taken, event.waiting_count) == (2, 1)
    services.confirm_offer(waiting_c, by=c)
    waiting_c.refresh_from_db()
    assert waiting_c.status == RegistrationStatus.CONFIRMED


def test_an_offer_not_confirmed_in_time_goes_to_the_next_person(event):
    a, b, c, d = people(4)
    first = services.register(event, user=a)
    services.register(event, user=b)
    offered = services.register(event, user=c)
    next_one = services.register(event, user=d)
    services.cancel_registration(first, by=a)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49)):
        with pytest.raises(DomainError) as refused:
            services.confirm_offer(offered, by=c)
        assert refused.value.code == "expired"
        assert services.expire_offers() == 1
    offered.refresh_from_db()
    next_one.refresh_from_db()
    assert offered.status == RegistrationStatus.CANCELLED
    assert next_one.status == RegistrationStatus.OFFERED
    event = _refresh(event)
    assert (event.places_taken, event.waiting_count) == (2, 0)


def test_cancelling_a_place_on_the_waiting_list_frees_no_place(event):
    a, b, c = people(3)
    services.register(event, user=a)
    services.register(event, user=b)
    waiting = services.register(event, user=c)
    services.cancel_registration(waiting, by=c)
    event = _refresh(event)
    assert (event.places_taken, event.waiting_count) == (2, 0)
    # cancelled twice: refused, nothing changes
    with pytest.raises(DomainError):
        services.cancel_registration(waiting, by=c)
    # and the person may register again
    again = services.register(event, user=c)
    assert again.status == RegistrationStatus.WAITING


def test_lowering_the_capacity_below_the_places_held_names_who_is_affected(officer):
    event = make_event(officer, capacity=3)
    a, b, c = people(3)
    for person in (a, b, c):
        services.register(event, user=person)
    with pytest.raises(services.CapacityConflict) as conflict:
        services.set_capacity(event, by=officer, capacity=1)
    assert [r.user for r in conflict.value.affected] == [c, b]
    assert _refresh(event).capacity == 3  # nothing changed
    chosen = [r.pk for r in conflict.value.affected]
    services.set_capacity(event, by=officer, capacity=1, move_to_waiting=chosen)
    event = _refresh(event)
    assert (event.capacity, event.places_taken, event.waiting_count) == (1, 1, 2)
    statuses = dict(Registration.objects.values_list("user", "status"))
    assert statuses[a.pk] == "registered"
    assert statuses[b.pk] == statuses[c.pk] == "waiting"
    assert Notification.objects.filter(recipient=b, kind="events.moved_to_waiting").exists()


def test_raising_the_capacity_offers_the_new_places(event, officer):
    a, b, c = people(3)
    for person in (a, b, c):
        services.register(event, user=person)
    services.set_capacity(event, by=officer, capacity=3)
    assert Registration.objects.get(user=c).status == RegistrationStatus.OFFERED


def test_cancelling_the_event_cancels_everyone_and_tells_them(event, officer):
    a, b, c = people(3)
    for person in (a, b, c):
        services.register(event, user=person)
    with pytest.raises(DomainError):
        services.cancel_event(event, by=officer, reason=" ")
    services.cancel_event(event, by=officer, reason="The room is flooded.")
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert Notification.objects.filter(kind="events.cancelled").count() == 3


def test_reminders_are_sent_once_two_days_before(officer):
    event = make_event(officer, days=1)
    (person,) = people(1)
    services.register(event, user=person)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert Notification.objects.filter(recipient=person, kind="events.reminder").count() == 1
