"""A closed account (is_active False) is told nothing: `notify` is the one place that says so,
for every module that tells people (followers, members, officers, authors…)."""

from __future__ import annotations

import pytest
from django.core import mail

from tandem.core.models import Notification
from tandem.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_notify_refuses_a_closed_account(member, django_capture_on_commit_callbacks):
    member.is_active = False
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(member, kind="test", title="Hello %(name)s", params={"name": "Zoé"})
    assert note is None
    assert not Notification.objects.filter(recipient=member).exists()
    assert mail.outbox == []


def test_notify_still_tells_an_open_account(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(member, kind="test", title="Hello %(name)s", params={"name": "Zoé"})
    assert note is not None
    assert Notification.objects.filter(recipient=member).count() == 1
    assert len(mail.outbox) == 1
