"""`tandem task_worker`: django-tasks-db's `db_worker` with a heartbeat (tandem.core.taskworkers),
which also outlives a restart of the database.

Same options as `db_worker` (queues, interval, batch, max tasks, worker id); no autoreload.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

from tandem.core.taskworkers import Heartbeat

logger = logging.getLogger(__name__)


class HeartbeatWorker(db_worker.Worker):
    def run(self) -> None:
        base_id, lost = self.worker_id, 0
        while True:
            heartbeat = Heartbeat(self.worker_id)
            try:
                heartbeat.start()
                super().run()
                return
            except (OperationalError, InterfaceError) as exc:
                # db_worker stops on a lost database. Wait, then carry on under a new worker
                # id: a task this run may have left RUNNING belongs to the old id, which no
                # longer beats, so another worker takes it up.
                if not self.running:
                    return
                logger.warning("Database unavailable, the worker waits: %s", exc)
                connections.close_all()
                time.sleep(max(self.interval, 1.0))
                lost += 1
                self.worker_id = f"{base_id[:56]}-r{lost}"
            finally:
                heartbeat.stop()


class Command(db_worker.Command):
    help = "Run a background-task worker that other workers can tell is alive."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = HeartbeatWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
