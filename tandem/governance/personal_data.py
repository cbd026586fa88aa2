"""What the GRAM holds about a person, for the data export and for erasure. A mandate, an
attendance or a vote is part of a public body's record: erasure keeps the rows (the person is
anonymised with their account) but forgets the free text they wrote about themselves, and
their name and address wherever the minutes wrote them."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tandem.accounts.models import User
from tandem.core.erasure import erased_label, mentioning, redact_rows
from tandem.governance.models import (
    Action,
    AgendaItem,
    Amendment,
    Answer,
    ConflictOfInterest,
    DocumentComment,
    Mandate,
    MinutesItem,
    MinutesVersion,
    Proposal,
    QuotaChange,
    Vote,
)
from tandem.governance.services import refresh_clarity


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
    and take their full name and address out of every free text of the GRAM: the minutes (the
    meeting's record and each version's note of what changed, the wording of amendments, each
    agenda item's summary of the discussion and decision), the agenda, the votes' questions,
    the proposals (and their plain-language findings, which quote them), the director's answers
    and the follow-up of actions. The record keeps the person's place, taken by a label; other
    people's names stay."""
    ConflictOfInterest.objects.filter(mandate__person=user).update(reason="")
    DocumentComment.objects.filter(author=user).delete()
    words = [user.get_full_name(), user.email]
    label = erased_label(user.pk)
    for model, fields in FREE_TEXTS:
        redact_rows(model._default_manager.all(), fields, words, label=label)
    # A proposal's plain-language findings quote its text: checked again once it is redacted.
    named = list(
        Proposal.objects.filter(mentioning(PROPOSAL_TEXTS, words)).values_list("pk", flat=True)
    )
    redact_rows(Proposal.objects.filter(pk__in=named), PROPOSAL_TEXTS, words, label=label)
    for pk in named:
        refresh_clarity(pk)


# The GRAM's free texts, where anyone may have named the person: the minutes, the agenda, the
# votes' questions, the director's answers and the follow-up of actions.
FREE_TEXTS: list[tuple[type[Model], list[str]]] = [
    (MinutesVersion, ["text", "note"]),
    (Amendment, ["replacement"]),
    (MinutesItem, ["discussion", "outcome"]),
    (AgendaItem, ["title", "description"]),
    (Vote, ["question"]),
    (Answer, ["reason"]),
    (Action, ["title", "evidence"]),
    (QuotaChange, ["reason"]),
]
PROPOSAL_TEXTS = ["title", "text", "rationale", "expected_impact", "easy_read_summary"]
