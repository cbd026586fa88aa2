"""Background tasks (django.tasks API): immediate in the demo, a database worker in production."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from tandem.core.validators import single_line


@task()
def send_notification_email(notification_id: int, site: str = "") -> bool:
    """`site`: the address of the request that caused the notification (tandem.core.site);
    SITE_URL when none (a task queued before the argument existed, a command)."""
    from tandem.core.models import Notification

    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed:
        return False
    recipient = notification.recipient
    with translation.override(recipient.language or "fr"):
        body = render_to_string(
            "core/email/notification.txt",
            {
                "notification": notification,
                "site_url": (site or settings.SITE_URL).rstrip("/"),
                "recipient": recipient,
            },
        )
        send_mail(
            # A subject is a header: a newline in a name would lose the whole e-mail.
            subject=f"[Tandem] {single_line(notification.shown_title)}",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed=True)
    return True
