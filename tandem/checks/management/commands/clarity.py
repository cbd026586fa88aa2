"""`tandem clarity FILE …`: the clarity analyzer's command line (see docs/clarity.md)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Analyse the clarity of a leaflet or consent form (DOCX, ODT, PDF, text)."
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        # The pure library owns its arguments; Django's parser would reject them.
        from tandem.clarity.cli import main

        sys.exit(main(argv[2:], prog="tandem clarity"))

    def handle(
        self, *args: Any, **options: Any
    ) -> None:  # pragma: no cover - run_from_argv handles it
        raise NotImplementedError
