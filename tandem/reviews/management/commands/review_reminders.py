"""`tandem review_reminders`: reminders, expiries and escalations of the College (idempotent;
run it every hour from a scheduler or the worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.reviews.services import send_reminders


class Command(BaseCommand):
    help = "Send the College's reminders, expire silent invitations, escalate late reviews. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = send_reminders()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
