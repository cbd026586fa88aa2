"""The convocation says when the meeting is in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from tandem.core.models import Notification
from tandem.governance import services

pytestmark = pytest.mark.django_db


def test_the_convocation_says_the_day_and_hour_in_the_readers_language(
    full_body, officer, gram_member, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year + 1
    starts = dt.datetime(year, 3, 12, 14, 0, tzinfo=timezone.get_default_timezone())
    meeting = services.schedule_meeting(
        full_body, title="Printemps", starts_at=starts, place="Paris", by=officer
    )
    services.add_agenda_item(meeting, title="Opening", by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.convene(meeting, by=officer)

    note = Notification.objects.get(recipient=gram_member, kind="governance.convocation")
    with translation.override("fr"):
        assert f"12 mars {year} 14:00" in note.shown_body
    with translation.override("en"):
        assert f"The meeting is on March 12, {year}, 2:00 PM." in note.shown_body
