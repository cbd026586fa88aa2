"""What the clarity checks hold about a person, for the data export and for erasure."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.checks.models import ClarityCheck
from tandem.core.erasure import erased_label, forget_objects


def export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "title": c.title,
            "created": c.created.isoformat(),
            "document_kind": c.document_kind,
            "status": c.status,
            "score": c.score,
            "file_name": c.original_filename,
            "text": c.report.get("text") if c.report else c.text,
        }
        for c in ClarityCheck.objects.filter(owner=user)
    ]


def erase(user: User) -> None:
    checks = ClarityCheck.objects.filter(owner=user)
    # Their titles are the person's own words (often a name): the log forgets them too.
    forget_objects(ClarityCheck, checks.values_list("pk", flat=True), label=erased_label(user.pk))
    for check in ClarityCheck.objects.filter(owner=user).exclude(file=""):
        check.file.delete(save=False)
    ClarityCheck.objects.filter(owner=user).delete()
