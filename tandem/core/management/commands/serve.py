"""`tandem serve`: the web server, for the demo (`make run`) and for production."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.core import serving
from tandem.core.site import set_served_address


class Command(BaseCommand):
    help = (
        "Serve Tandem with gunicorn (waitress where processes cannot fork), with timeouts and "
        "request limits. Ctrl-C stops it. Options: docs/operator-guide.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="Processes (default: 1 with a local-memory cache, else 2 per core with "
            "PostgreSQL and 1 per core with SQLite).",
        )
        parser.add_argument(
            "--threads", type=int, default=4, help="Threads per process (default 4)."
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=30,
            help="Seconds before a silent worker is restarted; with --threads 1, the longest "
            "a request may run (default 30).",
        )
        parser.add_argument(
            "--server",
            choices=["auto", "gunicorn", "waitress"],
            default="auto",
            help="auto: gunicorn, or waitress on machines without fork.",
        )
        parser.add_argument("--access-log", action="store_true", help="Print one line per request.")
        parser.add_argument(
            "--reload", action="store_true", help="Restart on code changes (development)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["threads"] < 1 or options["workers"] < 0 or options["timeout"] < 1:
            raise CommandError("--threads and --timeout must be at least 1, --workers at least 0.")
        if options["server"] == "gunicorn" and not serving.can_fork():
            raise CommandError("gunicorn needs fork(): use --server waitress on this machine.")
        if options["workers"] > 1 and serving.cache_is_per_process():
            self.stderr.write(
                "Warning: several processes with a per-process cache: each one counts failed "
                "sign-ins on its own and keeps its own copy of cached labels. Set REDIS_URL."
            )
        set_served_address(options["host"], options["port"])
        serving.serve(
            serving.ServeOptions(
                host=options["host"],
                port=options["port"],
                workers=options["workers"],
                threads=options["threads"],
                timeout=options["timeout"],
                access_log=options["access_log"],
                reload=options["reload"],
            ),
            server=options["server"],
        )
