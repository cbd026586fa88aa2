"""The trainings a person followed, on their profile page, with their certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.events import services
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def _attended(event, person, officer):
    registration = services.register(event, user=person)
    services.record_attendance(
        event,
        by=officer,
        attended=[registration.pk],
        absent=[],
        now=event.starts_at + dt.timedelta(hours=1),
    )
    return registration


def test_the_profile_lists_the_trainings_followed_with_their_certificates(client, member, officer):
    training = make_event(officer, title="Understanding vaccines", capacity=3)
    registration = _attended(training, member, officer)
    debate = make_event(officer, title="A debate, not a training", kind="debate", capacity=3)
    _attended(debate, member, officer)
    client.force_login(member)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    text = response.text
    assert "Trainings I followed" in text and "Understanding vaccines" in text
    assert "A debate, not a training" not in text
    assert reverse("events:certificate", args=[registration.pk]) in text
    assert reverse("events:certificate_download", args=[registration.pk, "pdf"]) in text
    assert reverse("events:certificate_download", args=[registration.pk, "docx"]) in text


def test_a_registration_not_attended_is_not_a_training_followed(client, member, officer):
    services.register(make_event(officer, title="Coming soon", capacity=3), user=member)
    client.force_login(member)
    response = client.get(reverse("accounts:profile"))
    assert "Coming soon" not in response.text
    assert "No training followed yet." in response.text


def test_the_profile_says_it_in_french(client, member, officer):
    _attended(make_event(officer, title="Comprendre les vaccins", capacity=3), member, officer)
    member.language = "fr"
    member.save(update_fields=["language"])
    client.force_login(member)
    response = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Les formations que j&#x27;ai suivies" in response.text
    assert "Attestation de présence" in response.text


def test_someone_elses_trainings_are_not_on_my_profile(client, member, researcher, officer):
    _attended(make_event(officer, title="Their training", capacity=3), researcher, officer)
    client.force_login(member)
    assert "Their training" not in client.get(reverse("accounts:profile")).text


def test_the_profile_query_count_does_not_grow_with_the_trainings(client, member, officer):
    _attended(make_event(officer, title="First", capacity=3), member, officer)
    client.force_login(member)
    url = reverse("accounts:profile")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for index in range(3):
        _attended(
            make_event(officer, title=f"More {index}", capacity=3, days=20 + index), member, officer
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert "More 2" in response.text
    assert len(after) == len(before)
