"""The invitation to review says by when to answer in the reader's language: the month's name
in their words and the time as their language writes it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from tandem.core.models import Notification
from tandem.reviews import services

# 10 March 2026, 9:30 in Paris; an invited reviewer has 72 hours to answer.
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=timezone.get_default_timezone())


def test_the_invitation_says_by_when_in_the_readers_language(accepted, coordinator, pool):
    with time_machine.travel(NOW, tick=False):
        services.assign_reviewers(
            accepted,
            by=coordinator,
            reviewers=pool[:1],
            alternates=[],
            deadline=dt.date(2026, 3, 24),
        )

    note = Notification.objects.get(recipient=pool[0], kind="reviews.assignment.invited")
    with translation.override("fr"):
        assert "13 mars 2026 09:30" in note.shown_body
    with translation.override("en"):
        assert note.shown_body == "Please accept or decline by March 13, 2026, 9:30 AM."
