"""A printed report's file goes with its row, whatever deletes it: the check's deletion (and its
later versions' PDFs), the cascade of an account's deletion, the erasure of personal data. The
file is deleted once the deletion is committed, never for a deletion rolled back."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete

from tandem.checks.models import CheckPdf


def _delete_file(sender: type[CheckPdf], instance: CheckPdf, **kwargs: Any) -> None:
    if not instance.file:
        return
    name, storage = str(instance.file.name), instance.file.storage
    transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    post_delete.connect(_delete_file, sender=CheckPdf, dispatch_uid="checks-pdf-file")
