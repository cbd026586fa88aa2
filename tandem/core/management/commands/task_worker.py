"""`tandem task_worker`: django-tasks-db's `db_worker` with a heartbeat (tandem.core.taskworkers).

Same options as `db_worker` (queues, interval, batch, max tasks, worker id); no autoreload.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from tandem.core.taskworkers import Heartbeat


class HeartbeatWorker(db_worker.Worker):
    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
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
