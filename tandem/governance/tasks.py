from __future__ import annotations

from django_tasks import task


@task()
def reminders_task() -> int:
    """The GRAM's reminders (overdue answers of the Directorate General and overdue actions,
    once a day each: idempotent), run daily by the application itself (tandem.core.periodic,
    registered in apps.py)."""
    from tandem.governance.services import send_reminders

    return send_reminders()


@task()
def send_convocation_email(notification_id: int, meeting_id: int, site: str = "") -> bool:
    """The convocation's e-mail: the in-app notification's words, in the member's language,
    with the meeting's time, place, video link and agenda (items, owners, durations,
    documents), and the meeting's iCalendar file attached (`meeting.ics`), so that it goes into their
    calendar. Sent once (the notification is then marked as e-mailed)."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    from tandem.core.models import Notification
    from tandem.core.validators import single_line
    from tandem.governance import calendar
    from tandem.governance.models import Meeting

    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    meeting = Meeting.objects.select_related("body").filter(pk=meeting_id).first()
    if notification is None or notification.emailed or meeting is None:
        return False
    recipient = notification.recipient
    site_url = (site or settings.SITE_URL).rstrip("/")
    with translation.override(recipient.language or "fr"):
        items = meeting.items.select_related("owner").prefetch_related("documents")
        body = render_to_string(
            "governance/email/convocation.txt",
            {
                "notification": notification,
                "site_url": site_url,
                "recipient": recipient,
                "meeting": meeting,
                "items": items,
            },
        )
        message = EmailMessage(
            subject=f"[Tandem] {single_line(notification.shown_title)}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
        )
    message.attach(
        "meeting.ics",
        calendar.feed(meeting.body, [meeting], site=site_url),
        "text/calendar; charset=utf-8; method=PUBLISH",
    )
    message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed=True)
    return True
