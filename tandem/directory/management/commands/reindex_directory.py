"""Rebuild the organizations' search columns from their fields (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.directory.services import reindex_organizations


class Command(BaseCommand):
    help = (
        "Rebuild every organization's search text and area list from its fields. Run it once "
        "the new version serves after an upgrade that says so. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex_organizations()
        self.stdout.write(f"Organizations reindexed: {count}")
