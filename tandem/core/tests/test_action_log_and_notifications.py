from __future__ import annotations

import contextlib

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from tandem.core import notifications
from tandem.core.audit import history_of, log_action, log_actions
from tandem.core.models import ActionLogEntry, Notification

pytestmark = pytest.mark.django_db


def test_an_action_is_recorded_with_actor_object_and_data(member, officer):
    entry = log_action(member, "accounts.profile.updated", by=officer, data={"fields": ["phone"]})
    assert entry.actor == officer
    assert entry.object_repr == str(member)
    assert list(history_of(member)) == [entry]


def test_many_actions_are_recorded_at_once_as_one_by_one(member, researcher, officer):
    def fields(entry):
        return (
            entry.actor_id,
            entry.actor_label,
            entry.action,
            entry.content_type_id,
            entry.object_id,
            entry.object_repr,
            entry.data,
        )

    one_by_one = [
        log_action(member, "accounts.profile.updated", by=officer, data={"fields": ["phone"]}),
        log_action(researcher, "accounts.profile.updated", by=officer),
        log_action(None, "accounts.import.applied", by=officer, data={"n": 2}),
    ]
    together = log_actions(
        [
            (member, "accounts.profile.updated", {"fields": ["phone"]}),
            (researcher, "accounts.profile.updated", None),
            (None, "accounts.import.applied", {"n": 2}),
        ],
        by=officer,
    )
    stored = ActionLogEntry.objects.filter(pk__in=[e.pk for e in together]).order_by("pk")
    assert [fields(e) for e in stored] == [fields(e) for e in one_by_one]
    assert all(e.time is not None for e in stored)
    assert history_of(researcher).first() == stored[1]


def test_a_notification_is_shown_and_emailed_in_the_recipients_language(
    member, django_capture_on_commit_callbacks
):
    member.language = "fr"
    member.save()
    from django.utils.translation import gettext_lazy as _

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(member, kind="test", title=_("Notifications"), body="Texte")
    assert notifications.unread_count(member) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert member.notifications.get().title == "Notifications"


def test_no_notification_email_leaves_before_the_transaction_commits(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notifications.notify(member, kind="test", title="Hello")
            assert mail.outbox == []
        assert mail.outbox == []  # still inside the test's transaction: not committed yet
    assert len(mail.outbox) == 1


def test_a_rolled_back_notification_sends_no_email(member, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        notifications.notify(member, kind="test", title="Hello")
        raise RuntimeError("the change failed after the notification was made")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=member).exists()


def test_no_email_when_the_person_refuses_emails(member, django_capture_on_commit_callbacks):
    member.contact_by_email = False
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(member, kind="test", title="Hello")
    assert mail.outbox == []
    assert notifications.unread_count(member) == 1


def test_opening_a_notification_marks_it_read(client, member):
    n = notifications.notify(member, kind="test", title="Hello", email=False)
    client.force_login(member)
    assert client.get(reverse("core:notification", args=[n.pk])).status_code == 200
    assert notifications.unread_count(member) == 0


def test_nobody_opens_someone_elses_notification(client, member, researcher):
    n = notifications.notify(member, kind="test", title="Hello", email=False)
    client.force_login(researcher)
    assert client.get(reverse("core:notification", args=[n.pk])).status_code == 404


def test_the_outbox_shows_what_the_file_backend_wrote(client, admin_user, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    mail.send_mail("Bonjour Tandem", "Corps du message", "from@example.org", ["to@example.org"])
    client.force_login(admin_user)
    page = client.get(reverse("core:outbox"))
    assert "Bonjour Tandem" in page.content.decode()
    name = page.context["page"].object_list[0].name
    detail = client.get(reverse("core:outbox_message", args=[name]))
    assert "Corps du message" in detail.content.decode()
