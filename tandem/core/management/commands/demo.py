"""Load the demo data of every app (idempotent), or print the demo accounts.

Each app's optional `demo.py` is found through the app registry, in INSTALLED_APPS order (an app
comes after those it builds on): `load()` writes its demo rows, and `accounts_text()`, where an
app has people to sign in as, describes them for `--accounts`. Core imports none of them."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation


def demo_modules() -> Iterator[tuple[AppConfig, ModuleType]]:
    """The project's apps that have a `demo` module, in app order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("tandem."):
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        yield config, module


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refused in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--accounts", action="store_true", help="Only print the demo accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            for _config, module in demo_modules():
                if hasattr(module, "accounts_text"):
                    self.stdout.write(module.accounts_text())
            return
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is only loaded in demo mode (TANDEM_DEMO=1, never in production)."
            )
        translation.activate("fr")
        for config, module in demo_modules():
            with transaction.atomic():
                module.load()
            self.stdout.write(f"Demo data loaded: {config.label}")
