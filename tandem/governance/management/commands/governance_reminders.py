"""`tandem governance_reminders`: remind the Directorate General of overdue answers and owners
of overdue actions (once a day each; run it daily from a scheduler or the worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.governance.services import send_reminders


class Command(BaseCommand):
    help = "Send the GRAM's reminders: overdue answers and actions. Once a day each."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reminders: {send_reminders()}")
