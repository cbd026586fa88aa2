"""What the GRAM holds about a person, for the data export and for erasure. A mandate, an
attendance or a vote is part of a public body's record: erasure keeps the rows (the person is
anonymised with their account) but forgets the free text they wrote about themselves."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.core.erasure import erased_label
from tandem.governance.models import (
    ConflictOfInterest,
    DocumentComment,
    Mandate,
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
    """Forget the person's reasons for conflicts of interest, their comments on documents and
    their name in the minutes' texts (the minutes keep the meeting's record with the person's
    place taken by a label)."""
    ConflictOfInterest.objects.filter(mandate__person=user).update(reason="")
    DocumentComment.objects.filter(author=user).delete()
    name = user.get_full_name()
    if not name.strip():
        return
    label = erased_label(user.pk)
    for version in MinutesVersion.objects.filter(text__contains=name):
        version.text = version.text.replace(name, label)
        version.save(update_fields=["text", "updated"])
