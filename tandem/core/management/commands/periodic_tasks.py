"""`tandem periodic_tasks`: run the application's periodic tasks (tandem.core.periodic) on their
schedule, for a deployment without task workers (the demo: `make run` starts it beside the web
server). With workers, they enqueue these tasks themselves: this command is not needed."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.core.periodic import Schedule, registered


class Command(BaseCommand):
    help = "Run the periodic tasks (the College's reminders…) on their schedule. Ctrl-C stops it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between two looks (default 60)."
        )
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        schedule = Schedule()
        names = ", ".join(f"{job.name} (every {job.every})" for job in registered())
        self.stdout.write(f"Periodic tasks: {names or 'none'}")
        while True:
            ran = schedule.run_due()
            if ran:
                self.stdout.write("Ran: " + ", ".join(ran))
            if options["once"]:
                return
            try:
                time.sleep(options["interval"])
            except KeyboardInterrupt:
                return
