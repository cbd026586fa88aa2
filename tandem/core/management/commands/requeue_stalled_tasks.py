"""`tandem requeue_stalled_tasks`: run again the tasks whose worker died (tandem.core.taskworkers).

Every `tandem task_worker` already does this every half minute; the command is for cron when no
worker may be running, and for operators. Idempotent.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.core.taskworkers import max_attempts, requeue_stalled_tasks, stale_after


class Command(BaseCommand):
    help = "Put back in the queue the tasks whose worker stopped beating."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--after",
            type=float,
            default=stale_after().total_seconds(),
            help="seconds without a heartbeat after which a worker counts as dead",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=max_attempts(),
            help="a task whose worker died this many times is marked failed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sweep = requeue_stalled_tasks(
            after=timedelta(seconds=options["after"]), attempts=options["max_attempts"]
        )
        self.stdout.write(f"requeued {sweep.requeued}, failed {sweep.failed}")
