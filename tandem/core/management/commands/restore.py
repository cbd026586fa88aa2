from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.core.backup import restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `tandem backup` into a freshly migrated database, then check "
        "every table and file against the backup's manifest. With --check, only check the "
        "archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Check the archive against its manifest without restoring anything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"No backup file at {archive}")
        try:
            if options["check"]:
                counts = verify_backup(archive)
                self.stdout.write(
                    f"The backup is intact: {counts['objects']} objects, {counts['files']} files."
                )
                return
            counts = restore_backup(archive)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored and checked {counts['objects']} objects and {counts['files']} files."
        )
