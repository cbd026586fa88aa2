"""Background-task workers that survive one of them dying in the middle of a task.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a
worker killed mid-task (out of memory, a machine lost, `kill -9`) leaves it RUNNING forever
(upstream: RealOrangeOne/django-tasks#46). Here each worker writes a heartbeat row every few
seconds from a thread, and every worker (and `tandem requeue_stalled_tasks`, for cron) puts back
to READY the tasks whose worker stopped beating; a task that already lost its worker
`TASK_MAX_ATTEMPTS` times is marked failed instead (a document that kills every worker must not
kill them all in turn). The tasks themselves resume an interrupted run and write their effect
once (`run_check`, `analyse_version`): a worker that was only slow, not dead, loses the race.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.core.audit import log_action
from tandem.core.models import TaskWorker
from tandem.core.periodic import enqueue_due

logger = logging.getLogger(__name__)

WORKER_LOST = "tandem.core.taskworkers.WorkerLost"


@dataclass(frozen=True)
class Sweep:
    requeued: int
    failed: int


def heartbeat_seconds() -> float:
    return float(settings.TASK_WORKER_HEARTBEAT)


def stale_after() -> timedelta:
    return timedelta(seconds=float(settings.TASK_WORKER_STALE_AFTER))


def max_attempts() -> int:
    return int(settings.TASK_MAX_ATTEMPTS)


def beat(worker_id: str) -> None:
    """Record that this worker process is alive."""
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "last_seen": timezone.now(),
        },
    )


def retire(worker_id: str) -> None:
    """A worker that stops cleanly says so: it holds no task any more."""
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def requeue_stalled_tasks(*, after: timedelta | None = None, attempts: int | None = None) -> Sweep:
    """Put back to READY every RUNNING task whose worker has not beaten for `after` (failed, with
    `WorkerLost`, once it lost `attempts` workers). Idempotent; safe from several processes at
    once (rows locked with SKIP LOCKED). Logs `core.task.requeued` or `core.task.lost`."""
    after = after if after is not None else stale_after()
    attempts = attempts if attempts is not None else max_attempts()
    cutoff = timezone.now() - after
    requeued = failed = 0
    with transaction.atomic():
        alive = set(
            TaskWorker.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
        )
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.exception_class_path = WORKER_LOST
                result.traceback = f"The worker running this task stopped ({attempts} times)."
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed += 1
                action = "core.task.lost"
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                requeued += 1
                action = "core.task.requeued"
            logger.warning("%s: %s %s", action, result.task_path, result.pk)
            log_action(
                result,
                action,
                by=None,
                data={"task": result.task_path, "workers": result.worker_ids},
            )
        # Rows of workers gone for long are of no use to anyone.
        TaskWorker.objects.filter(last_seen__lt=cutoff - 10 * after).delete()
    return Sweep(requeued=requeued, failed=failed)


class Heartbeat:
    """A daemon thread that beats for `worker_id` and sweeps stalled tasks now and then. It
    runs beside the task in progress, so a long task does not look like a dead worker."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stop = threading.Event()
        # Set each time a pass (beat, and sweep when due) has ended: whoever shares the
        # database with the thread (a test on SQLite's shared memory) can wait for its writes.
        self.idle = threading.Event()
        self._thread = threading.Thread(target=self._run, name="task-heartbeat", daemon=True)

    def start(self) -> None:
        beat(self.worker_id)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        try:
            retire(self.worker_id)
        except DatabaseError:
            logger.warning("Could not retire task worker %s", self.worker_id)

    def _run(self) -> None:
        interval = heartbeat_seconds()
        sweep_every = max(interval, stale_after().total_seconds() / 2)
        since_sweep = sweep_every  # sweep at start: tasks left by a worker that died earlier
        while True:
            try:
                close_old_connections()  # a connection broken by a database restart is replaced
                beat(self.worker_id)
                if since_sweep >= sweep_every:
                    requeue_stalled_tasks()
                    enqueue_due()  # the application's periodic tasks (tandem.core.periodic)
                    since_sweep = 0
            except DatabaseError as exc:
                logger.warning("Task worker heartbeat failed: %s", exc)
            self.idle.set()
            if self._stop.wait(interval):
                connections.close_all()  # this thread's own connection
                return
            since_sweep += interval
