"""Schedules of the College, read from settings with defaults (docs/reviews.md lists them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Days a reviewer has to send a review, counted from the invitation.
    "REVIEWS_REVIEW_DAYS": 10,
    # Hours an invited reviewer has to accept or decline; silence past it promotes an alternate.
    "REVIEWS_RESPONSE_HOURS": 72,
    # Reminders to invited reviewers, in hours before the answer is due.
    "REVIEWS_RESPONSE_REMINDER_HOURS": [24],
    # Reminders to reviewers who accepted, in days before the review is due (0: on the day).
    "REVIEWS_DUE_REMINDER_DAYS": [3, 1, 0],
    # Days after the due date at which the coordinator is told a review is late.
    "REVIEWS_ESCALATION_DAYS": 1,
    # Alternates proposed per request.
    "REVIEWS_ALTERNATES": 2,
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
