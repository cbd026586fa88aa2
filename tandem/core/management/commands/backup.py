from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tandem.core.backup import create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (portable JSON, read from one snapshot) and the uploaded files "
        "into one .tar.gz file with a manifest of row counts, row digests and file checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["output"] or Path(f"tandem-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            counts = create_backup(target)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {target}: {counts['objects']} objects, {counts['files']} files."
        )
