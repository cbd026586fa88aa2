"""Serve Tandem with a real WSGI server: gunicorn, or waitress where processes cannot fork.

`tandem serve` (the management command) is the one way to run the web server: `make run` uses
it for the demo and operators use it in production (docs/operator-guide.md lists its options).
Django's `runserver` is for development only: it has no timeout and a listen queue of ten, so
under load connections wait in the kernel for minutes (issue 11, finding 14).
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.servers.basehttp import get_internal_wsgi_application
from gunicorn.app.base import BaseApplication

from tandem.core.bodylimit import WSGIApp

# gunicorn's own defaults, written down so that they are part of the configuration: the
# longest request line, the number of header fields and the longest field a client may send.
LIMIT_REQUEST_LINE = 4094
LIMIT_REQUEST_FIELDS = 100
LIMIT_REQUEST_FIELD_SIZE = 8190


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: default_workers()
    threads: int = 4
    timeout: int = 30
    access_log: bool = False
    reload: bool = False


def cache_is_per_process() -> bool:
    return bool(settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"))


def default_workers() -> int:
    return workers_for(
        per_process_cache=cache_is_per_process(),
        sqlite=settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        cores=os.cpu_count() or 1,
    )


def workers_for(*, per_process_cache: bool, sqlite: bool, cores: int) -> int:
    """One process if the cache lives in each process's memory (a local-memory cache set by
    hand): sign-in throttles and cached labels would differ from one process to the next. With
    a shared cache (the database cache, the default, or Redis with REDIS_URL): two
    processes per core with PostgreSQL (a worker waits for the database while another uses
    the core), one per core with SQLite (the database runs inside the worker); see
    docs/operator-guide.md."""
    if per_process_cache:
        return 1
    return cores if sqlite else 2 * cores


def gunicorn_settings(options: ServeOptions) -> dict[str, Any]:
    """gunicorn's settings for `options`. Threads (the gthread worker) keep a slow client from
    holding a whole process; `timeout` restarts a worker that stops answering, and with one
    thread (gunicorn's sync worker) it also ends a single request that runs longer."""
    return {
        "bind": [f"{options.host}:{options.port}"],
        "workers": options.workers or default_workers(),
        "threads": options.threads,
        "worker_class": "gthread" if options.threads > 1 else "sync",
        "timeout": options.timeout,
        "graceful_timeout": options.timeout,
        "keepalive": 5,
        "backlog": 2048,
        "limit_request_line": LIMIT_REQUEST_LINE,
        "limit_request_fields": LIMIT_REQUEST_FIELDS,
        "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
        "accesslog": "-" if options.access_log else None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "tandem",
        # gunicorn's control socket sits at one path per user: a second server on the machine
        # would take it over. Nothing of Tandem uses it.
        "control_socket_disable": True,
        # Load the project once, then fork: workers share its memory. Reloading on code
        # changes (development) needs each worker to load it itself.
        "preload_app": not options.reload,
        "reload": options.reload,
    }


class TandemGunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no types
    """gunicorn run from Python with the project's settings (gunicorn.app.base)."""

    def __init__(self, application: Any, config: dict[str, Any]) -> None:
        self.application = application
        self.config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.config.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def wsgi_application() -> WSGIApp:
    """settings.WSGI_APPLICATION (config.wsgi: Django with its chunked-body bound)."""
    application: WSGIApp = get_internal_wsgi_application()
    return application


def can_fork() -> bool:
    return hasattr(os, "fork")


def serve(options: ServeOptions, *, server: str = "auto") -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    if server == "auto":
        server = "gunicorn" if can_fork() else "waitress"
    if settings.WHITENOISE_USE_FINDERS:
        # Static files come from the apps' folders (demo): an empty STATIC_ROOT only keeps
        # WhiteNoise from warning that it is missing.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    application = wsgi_application()
    if server == "gunicorn":
        from django.db import connections

        # No connection opened by the checks may be shared by the forked workers.
        connections.close_all()
        TandemGunicorn(application, gunicorn_settings(options)).run()
        return
    import waitress

    one = waitress.create_server(application, **waitress_settings(options))
    _stop_on_signals()
    # gunicorn says where it listens; waitress logs it only at INFO level.
    print(f"Listening at: http://{options.host}:{one.effective_port} (waitress)", file=sys.stderr)
    try:
        one.run()
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, as gunicorn does
        pass
    finally:
        one.close()


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM end `one.run()` with KeyboardInterrupt. gunicorn installs its own
    handlers; waitress does not, and a server started by a shell's background job inherits
    SIGINT ignored (so Ctrl-C sent to it did nothing: CI's run of test_serve saw it)."""

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def waitress_settings(options: ServeOptions) -> dict[str, Any]:
    """waitress runs one process: its threads take the place of gunicorn's workers × threads.
    It reads whole bodies before the application sees them, so it refuses longer ones itself."""
    return {
        "host": options.host,
        "port": options.port,
        "threads": (options.workers or 1) * options.threads,
        "channel_timeout": max(options.timeout, 30),
        "backlog": 2048,
        "max_request_body_size": settings.REQUEST_BODY_MAX_BYTES,
        "max_request_header_size": LIMIT_REQUEST_FIELDS * LIMIT_REQUEST_FIELD_SIZE,
    }
