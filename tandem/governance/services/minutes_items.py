"""Writes of the minutes, item by item: for each agenda item, the summary of the discussion, the
decision or outcome, and the proposal to the Directorate General it led to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.governance import queries
from tandem.governance.models import (
    ITEM_DISCUSSION_MAX,
    ITEM_OUTCOME_MAX,
    Minutes,
    MinutesVersion,
    Proposal,
)
from tandem.governance.services._common import _refuse
from tandem.governance.services.minutes import lock_draft, new_version


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


def _changes(latest: MinutesVersion, checked: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """What the checked entries change in the latest version's records, by agenda item id
    (an item without a record, in minutes drafted before items had one, is a change)."""
    records = {record.item_id: record for record in latest.items.all()}
    changes = {}
    for entry in checked:
        record = records.get(entry["item"].pk)
        wanted = {
            "discussion": entry["discussion"],
            "outcome": entry["outcome"],
            "proposal_id": getattr(entry["proposal"], "pk", None),
        }
        unchanged = (
            all(getattr(record, field) == value for field, value in wanted.items())
            if record
            else not any(wanted.values())
        )
        if unchanged:
            continue
        changes[entry["item"].pk] = wanted
    return changes


def record_minutes_items(
    minutes: Minutes,
    *,
    entries: Iterable[Mapping[str, Any]],
    by: User,
    based_on: int | None = None,
) -> Minutes:
    """Write what the minutes say of each agenda item in `entries` (each: `item` (its id),
    `discussion`, `outcome`, `proposal` (an id or nothing)). Draft minutes only: approved
    minutes are frozen. A change makes a new version of the minutes (the same text, the items
    rewritten), so that what the attendees read and approve is kept as it was; nothing changed,
    no version. `based_on`: the version the writer read; if the minutes have moved on since,
    refused (`stale_version`) rather than writing over someone else's change. Logs
    `governance.minutes.items_recorded`."""
    with transaction.atomic():
        minutes = lock_draft(minutes)
        checked = _checked(minutes, entries)
        latest = queries.latest_version(minutes)
        if based_on is not None and based_on != latest.number:
            raise _refuse(
                _(
                    "These minutes changed while you were writing: version %(n)s is the latest."
                    " Read it, then write your changes again."
                )
                % {"n": latest.number},
                "stale_version",
            )
        changes = _changes(latest, checked)
        if not changes:
            return minutes
        positions = sorted(
            entry["item"].position for entry in checked if entry["item"].pk in changes
        )
        version = new_version(
            latest,
            text=latest.text,
            note=str(
                _("Agenda items rewritten: %(items)s")
                % {"items": ", ".join(str(p) for p in positions)}
            ),
            by=by,
            records=changes,
        )
        log_action(
            minutes,
            "governance.minutes.items_recorded",
            by=by,
            data={"items": sorted(changes), "version": version.number},
        )
    return minutes
