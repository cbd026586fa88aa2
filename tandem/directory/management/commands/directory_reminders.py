"""Daily: remind organizations whose health-system approval is about to end (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.directory.services import remind_expiring_approvals


class Command(BaseCommand):
    help = "Send the reminders of health-system approvals that end soon. Safe to run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        count = remind_expiring_approvals()
        self.stdout.write(f"Approval reminders sent: {count}")
