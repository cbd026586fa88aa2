"""Calls at the same moment, for the concurrency tests on PostgreSQL (SQLite has no row locks):
each call in its own thread, on its own connection, all released together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from tandem.core.errors import DomainError

# The mark of these tests: skipped on SQLite, run with DATABASE_URL=postgres://…
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
)


def in_thread(call: Callable[[], Any], failures: list[BaseException]) -> threading.Thread:
    """Start `call` in a thread of its own (its own connection, closed at the end), for a test
    that orders the steps of several transactions itself; whatever it raises is appended to
    `failures` (a thread's exception is otherwise lost). The caller joins the thread."""

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def race(calls: list[Callable[[], Any]]) -> list[DomainError]:
    """Run `calls` at once; the DomainErrors they raised (the refusals). Any other exception
    is raised here, once every thread has ended: a thread's exception is otherwise lost."""
    barrier = threading.Barrier(len(calls))
    refusals: list[DomainError] = []
    failures: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
        except DomainError as exc:
            refusals.append(exc)
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return refusals
