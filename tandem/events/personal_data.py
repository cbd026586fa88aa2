"""What events hold about a person, for the data export and for erasure."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.cache import bump
from tandem.core.erasure import erased_label, forget_objects
from tandem.events.models import (
    ACTIVE,
    HOLDS_A_PLACE,
    CalendarFeed,
    Event,
    ExpenseClaim,
    Feedback,
    Registration,
)
from tandem.events.services import CALENDAR, cancel_registration


def export(user: User) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "starts": r.event.starts_at.isoformat() if r.event.starts_at else "",
                "status": r.status,
                "answers": r.answers,
                "accessibility_needs": r.accessibility_needs,
                "accessibility_notes": r.accessibility_notes,
                "feedback": {
                    "rating": r.feedback.rating,
                    "clear": r.feedback.clear,
                    "comment": r.feedback.comment,
                }
                if hasattr(r, "feedback")
                else None,
            }
            for r in Registration.objects.filter(user=user).select_related("event", "feedback")
        ],
        "travel_expenses": [
            {
                "event": c.event.title,
                "amount": str(c.amount),
                "description": c.description,
                "status": c.status,
                "receipts": [r.original_filename for r in c.receipts.all()],
            }
            for c in ExpenseClaim.objects.filter(user=user).select_related("event")
        ],
    }


def erase(user: User) -> None:
    """Registrations, feedback, claims with their receipt files, and the calendar feed go.
    Places in events to come are freed for the waiting list."""
    claims = ExpenseClaim.objects.filter(user=user)
    forget_objects(ExpenseClaim, claims.values_list("pk", flat=True), label=erased_label(user.pk))
    for claim in claims.prefetch_related("receipts"):
        for receipt in claim.receipts.all():
            receipt.file.delete(save=False)
    claims.delete()
    # Places in events to come are freed (and offered to the waiting list) first.
    for registration in Registration.objects.filter(
        user=user, status__in=ACTIVE, event__starts_at__gt=timezone.now()
    ):
        cancel_registration(registration, by=None)
    for registration in Registration.objects.filter(user=user, status__in=HOLDS_A_PLACE):
        Event.objects.filter(pk=registration.event_id, places_taken__gt=0).update(
            places_taken=F("places_taken") - 1
        )
    registrations = Registration.objects.filter(user=user)
    forget_objects(
        Registration, registrations.values_list("pk", flat=True), label=erased_label(user.pk)
    )
    forget_objects(
        Feedback,
        Feedback.objects.filter(registration__user=user).values_list("pk", flat=True),
        label=erased_label(user.pk),
    )
    registrations.delete()
    CalendarFeed.objects.filter(user=user).delete()
    bump(CALENDAR)
