"""What the GRAM holds about a person, for the data export and for erasure. A mandate, an
attendance or a vote is part of a public body's record: erasure keeps the rows (the person is
anonymised with their account) but forgets the free text they wrote about themselves, and
their name and address wherever the minutes wrote them."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tandem.accounts.models import User
from tandem.core.erasure import erased_label, redact_rows
from tandem.governance.models import (
    Amendment,
    ConflictOfInterest,
    DocumentComment,
    Mandate,
    MinutesItem,
    MinutesVersion,
    Proposal,
)


def export(user: User) -> dict[str, Any]:
    return {
        "mandates": [
            {
                "college": m.college.code,
                "seat": m.seat,
                "role": m.role,
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
            }
            for m in Mandate.objects.filter(person=user).select_related("college")
        ],
        "proposals": [
            {"title": p.title, "status": p.status, "created": p.created.isoformat()}
            for p in Proposal.objects.filter(author=user)
        ],
        "conflicts_of_interest": [
            {"item": c.item.title, "reason": c.reason}
            for c in ConflictOfInterest.objects.filter(mandate__person=user).select_related("item")
        ],
        "comments_on_documents": [
            {"document": c.document.title, "text": c.text, "created": c.created.isoformat()}
            for c in DocumentComment.objects.filter(author=user).select_related("document")
        ],
    }


def erase(user: User) -> None:
    """Forget the person's reasons for conflicts of interest and their comments on documents,
    and take their full name and address out of every free text of the minutes: the meeting's
    record and each version's note of what changed, the wording of amendments, and each agenda
    item's summary of the discussion and decision (the minutes keep the meeting's record with
    the person's place taken by a label; other people's names stay)."""
    ConflictOfInterest.objects.filter(mandate__person=user).update(reason="")
    DocumentComment.objects.filter(author=user).delete()
    words = [user.get_full_name(), user.email]
    label = erased_label(user.pk)
    for model, fields in MINUTES_TEXTS:
        redact_rows(model._default_manager.all(), fields, words, label=label)


# The minutes' free texts, where anyone may have named the person.
MINUTES_TEXTS: list[tuple[type[Model], list[str]]] = [
    (MinutesVersion, ["text", "note"]),
    (Amendment, ["replacement"]),
    (MinutesItem, ["discussion", "outcome"]),
]
