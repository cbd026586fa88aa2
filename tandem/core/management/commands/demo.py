"""Load the demo data of every app (idempotent), or print the demo accounts."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refused in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--accounts", action="store_true", help="Only print the demo accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        from tandem.accounts.demo import accounts_text

        if options["accounts"]:
            self.stdout.write(accounts_text())
            return
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is only loaded in demo mode (TANDEM_DEMO=1, never in production)."
            )
        translation.activate("fr")
        for config in apps.get_app_configs():
            if not config.name.startswith("tandem."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load()
            self.stdout.write(f"Demo data loaded: {config.label}")
