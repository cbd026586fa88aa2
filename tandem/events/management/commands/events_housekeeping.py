"""`tandem events_housekeeping`: expire offered places not confirmed in time (the next person
waiting is offered the place) and send reminders two days before an event. Idempotent: run it
every quarter of an hour from a scheduler."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.events.services import expire_offers, send_reminders


class Command(BaseCommand):
    help = "Expire unconfirmed offers of places and send event reminders. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = expire_offers()
        reminded = send_reminders()
        self.stdout.write(f"expired offers: {expired}, reminders: {reminded}")
