"""Periodic tasks, scheduled by the application itself rather than an operator's cron.

An app registers a task (a `django_tasks` task that takes no argument and is idempotent) with
its period (`register`, from its AppConfig.ready). Every task worker enqueues the registered
tasks that are due, from its heartbeat thread (`tandem.core.taskworkers.Heartbeat`): due means
no run of the task was enqueued within its period, read from the task results themselves, and
decided under a lock, so that of several workers one enqueues it. Without workers (the demo's
immediate tasks, `make run`), `tandem periodic_tasks` runs them on the same schedule."""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task: Task  # type: ignore[type-arg]

    @property
    def path(self) -> str:
        return str(self.task.module_path)


# Filled by the apps' ready() at start-up from their code, never at run time: every process
# holds the same list. Whether a task is due is read from the shared task results (enqueue_due).
_REGISTERED: dict[str, Periodic] = {}


def register(name: str, *, every: timedelta, task: Task) -> None:  # type: ignore[type-arg]
    """Run `task` every `every` (at most once per period, whichever workers are running)."""
    _REGISTERED[name] = Periodic(name=name, every=every, task=task)


def registered() -> list[Periodic]:
    return list(_REGISTERED.values())


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue, with the database backend, each registered task none of whose runs was
    enqueued within its period. Safe from several workers at once (a lock per task on
    PostgreSQL; SQLite serialises writers). Returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in registered():
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # no ORM for an advisory lock
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(job.name)])
            recent = DBTaskResult.objects.filter(
                task_path=job.path, enqueued_at__gt=now - job.every
            ).exists()
            if recent:
                continue
            job.task.enqueue()
            enqueued.append(job.name)
    if enqueued:
        logger.info("Periodic tasks enqueued: %s", ", ".join(enqueued))
    return enqueued


def _lock_id(name: str) -> int:
    return zlib.crc32(f"tandem.periodic.{name}".encode())


class Schedule:
    """The schedule of one process that runs the periodic tasks itself (`tandem
    periodic_tasks`): each task when its period has passed since this process last ran it."""

    def __init__(self) -> None:
        self.last: dict[str, datetime] = {}

    def run_due(self, now: datetime | None = None) -> list[str]:
        now = now or timezone.now()
        ran = []
        for job in registered():
            last = self.last.get(job.name)
            if last is not None and now - last < job.every:
                continue
            self.last[job.name] = now
            try:
                job.task.enqueue()
            except Exception:
                logger.exception("Periodic task %s failed", job.name)
            ran.append(job.name)
        return ran
