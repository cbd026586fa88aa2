"""The officers' lists of an event name each accessibility need in the reader's language,
never by its code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Event
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "easy_read", "sign_language"),
    [
        ("en", "Easy-to-read documents", "Sign-language interpreter"),
        (
            "fr",
            "Documents faciles à lire et à comprendre (FALC)",
            "Interprète en langue des signes",
        ),
    ],
)
def test_registrations_and_attendance_show_the_needs_translated(
    client, officer, member, language, easy_read, sign_language
):
    event = make_event(officer, days=1)
    services.register(event, user=member, accessibility_needs=["easy_read", "sign_language"])
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + dt.timedelta(hours=1))
    type(officer).objects.filter(pk=officer.pk).update(language=language)  # theirs wins
    client.force_login(officer)
    for name in ("events:registrations", "events:attendance"):
        page = client.get(reverse(name, args=[event.pk])).text
        assert f"{sign_language}, {easy_read}" in page, name
        assert "easy_read" not in page and "sign_language" not in page, name
