"""The College of Reviewers requires the reviewers' training: its application page shows it,
the coordinator sees it in the pool and on the profile, and may waive it with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import ActionLogEntry
from tandem.events import queries, services
from tandem.events.models import Event, Registration
from tandem.events.tests.conftest import make_event
from tandem.reviews.models import ReviewerProfile

pytestmark = pytest.mark.django_db


def _attend(event: Event, user) -> Registration:
    return Registration.objects.create(event=event, user=user, status="attended", queue_number=1)


def test_the_status_names_the_next_session_until_the_training_is_attended(
    officer, member, college_course
):
    past = make_event(officer, course=college_course, days=-20)
    upcoming = make_event(officer, course=college_course, days=15)
    (status,) = queries.prerequisite_status(member, "college")
    assert status.completed_on is None and status.next_event == upcoming
    _attend(past, member)
    (status,) = queries.prerequisite_status(member, "college")
    assert status.completed_on == timezone.localdate(past.starts_at)
    assert queries.completed_training(member, college_course) == status.completed_on
    assert queries.trained_for([member, officer], "college") == {member.pk: status.completed_on}


def test_the_application_page_offers_the_next_session(client, officer, member, college_course):
    upcoming = make_event(officer, course=college_course, days=15, title="Session of May")
    client.force_login(member)
    page = client.get(reverse("reviews:apply"))
    assert "Reviewers&#x27; training" in page.text or "Reviewers' training" in page.text
    assert reverse("events:event", args=[upcoming.pk]) in page.text


def test_the_pool_shows_who_is_trained_in_a_constant_number_of_queries(
    client, coordinator, officer, college_course, django_assert_max_num_queries
):
    from tandem.accounts.tests.factories import UserFactory

    past = make_event(officer, course=college_course, days=-20)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        ReviewerProfile.objects.create(user=person, languages=["fr"], status="active")
    _attend(past, people[0])
    client.force_login(coordinator)
    response = client.get(reverse("reviews:pool"))
    assert response.text.count("not done") == 2
    for person in [UserFactory() for _ in range(5)]:
        ReviewerProfile.objects.create(user=person, languages=["fr"], status="active")
        _attend(past, person)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("reviews:pool")).text.count("not done") == 2


def test_the_coordinator_waives_the_training_with_a_reason(client, coordinator, member):
    profile = ReviewerProfile.objects.create(user=member, languages=["fr"], status="applied")
    client.force_login(coordinator)
    url = reverse("reviews:profile", args=[profile.pk])
    client.post(url, {"action": "waive_training", "reason": ""})
    profile.refresh_from_db()
    assert profile.training_completed_on is None  # refused without a reason
    client.post(url, {"action": "waive_training", "reason": "Trained by the AFM in 2025"})
    profile.refresh_from_db()
    assert profile.training_completed_on == timezone.localdate()
    entry = ActionLogEntry.objects.get(action="reviews.training.waived")
    assert entry.data == {"reason": "Trained by the AFM in 2025"}


def test_a_training_attended_appears_among_the_persons_completed_trainings(
    client, officer, member, college_course
):
    past = make_event(officer, course=college_course, days=-3, title="Reviewers, autumn")
    _attend(past, member)
    services.renew_feed_token(member)
    client.force_login(member)
    page = client.get(reverse("events:mine"))
    assert "Reviewers, autumn" in page.text
    assert reverse("events:certificate", args=[past.registrations.get().pk]) in page.text
