from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.core.backup import restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `tandem backup` into a migrated, empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"No backup file at {archive}")
        try:
            counts = restore_backup(archive)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {counts['objects']} objects and {counts['files']} files.")
