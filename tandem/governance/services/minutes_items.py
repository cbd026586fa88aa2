"""Writes of the minutes, item by item: for each agenda item, the summary of the discussion, the
decision or outcome, and the proposal to the Directorate General it led to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.governance.models import (
    ITEM_DISCUSSION_MAX,
    ITEM_OUTCOME_MAX,
    Minutes,
    MinutesItem,
    Proposal,
)
from tandem.governance.services._common import _refuse
from tandem.governance.services.minutes import lock_draft


def _checked(minutes: Minutes, entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every entry read against the meeting's agenda and the body's proposals, before anything
    is written: one bad entry refuses them all."""
    entries = list(entries)
    items = {item.pk: item for item in minutes.meeting.items.all()}
    wanted = {entry["proposal"] for entry in entries if entry.get("proposal") is not None}
    proposals = {  # one query for every entry, not one per entry
        proposal.pk: proposal
        for proposal in Proposal.objects.filter(body_id=minutes.meeting.body_id, pk__in=wanted)
    }
    checked = []
    for entry in entries:
        item = items.get(entry.get("item"))  # type: ignore[arg-type]
        if item is None:
            raise _refuse(_("This item is not on the agenda of this meeting."), "item")
        proposal = None
        if entry.get("proposal") is not None:
            proposal = proposals.get(entry["proposal"])
            if proposal is None:
                raise _refuse(_("This proposal is not one of the body's proposals."), "proposal")
        discussion = (entry.get("discussion") or "").strip()
        outcome = (entry.get("outcome") or "").strip()
        if len(discussion) > ITEM_DISCUSSION_MAX or len(outcome) > ITEM_OUTCOME_MAX:
            raise _refuse(
                _("The record of the item “%(title)s” is too long.") % {"title": item.title},
                "too_long",
            )
        checked.append(
            {"item": item, "discussion": discussion, "outcome": outcome, "proposal": proposal}
        )
    return checked


def record_minutes_items(
    minutes: Minutes, *, entries: Iterable[Mapping[str, Any]], by: User
) -> Minutes:
    """Write what the minutes say of each agenda item in `entries` (each: `item` (its id),
    `discussion`, `outcome`, `proposal` (an id or nothing)). Draft minutes only: approved
    minutes are frozen. Logs `governance.minutes.items_recorded`."""
    with transaction.atomic():
        minutes = lock_draft(minutes)
        checked = _checked(minutes, entries)
        for entry in checked:
            MinutesItem.objects.update_or_create(
                minutes=minutes,
                item=entry["item"],
                defaults={k: entry[k] for k in ("discussion", "outcome", "proposal")},
            )
        log_action(
            minutes,
            "governance.minutes.items_recorded",
            by=by,
            data={"items": [entry["item"].pk for entry in checked]},
        )
    return minutes
