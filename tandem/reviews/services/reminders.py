"""Reminders before and at each deadline, expiry of silent invitations and escalation of late
reviews (the hourly `tandem review_reminders`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.reviews.conf import setting
from tandem.reviews.models import Assignment, AssignmentState
from tandem.reviews.services.notices import notify_coordinators
from tandem.reviews.services.rounds import expire_assignment


def send_reminders(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Reminders before and at each deadline, expiry of silent invitations (the alternate is
    promoted) and escalation of late reviews to the coordinators. Idempotent: each reminder is
    recorded on the assignment and never sent twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"response_reminders": 0, "due_reminders": 0, "expired": 0, "escalated": 0}
    invited = Assignment.objects.filter(state=AssignmentState.INVITED).select_related(
        "round__request", "reviewer"
    )
    for assignment in invited:
        if assignment.respond_by and assignment.respond_by <= now:
            expire_assignment(assignment)
            counts["expired"] += 1
            continue
        for hours in setting("REVIEWS_RESPONSE_REMINDER_HOURS"):
            key = f"respond-{hours}h"
            if (
                assignment.respond_by
                and key not in assignment.reminders_sent
                and assignment.respond_by - dt.timedelta(hours=hours) <= now
            ):
                _remind(
                    assignment,
                    [key],
                    gettext_noop("Reminder: will you review “%(title)s”?"),
                    {"title": str(assignment.round.request)},
                )
                counts["response_reminders"] += 1
    accepted = Assignment.objects.filter(state=AssignmentState.ACCEPTED).select_related(
        "round__request", "reviewer"
    )
    escalation = setting("REVIEWS_ESCALATION_DAYS")
    for assignment in accepted:
        passed = [
            days
            for days in setting("REVIEWS_DUE_REMINDER_DAYS")
            if assignment.due - dt.timedelta(days=days) <= today <= assignment.due
        ]
        # Only the nearest reminder is sent; the earlier ones it replaces are marked as done.
        if passed and f"due-{min(passed)}d" not in assignment.reminders_sent:
            _remind(
                assignment,
                [f"due-{days}d" for days in passed],
                gettext_noop("Reminder: your review of “%(title)s” is due on %(date)s"),
                {"title": str(assignment.round.request), "date": assignment.due},
            )
            counts["due_reminders"] += 1
        if "escalated" not in assignment.reminders_sent and today >= assignment.due + dt.timedelta(
            days=escalation
        ):
            with transaction.atomic():
                _mark(assignment, ["escalated"])
                notify_coordinators(
                    kind="reviews.assignment.late",
                    title=gettext_noop("%(name)s's review of “%(title)s” is late"),
                    params={
                        "name": str(assignment.reviewer),
                        "title": str(assignment.round.request),
                    },
                    url=assignment.round.request.get_absolute_url(),
                )
                log_action(assignment, "reviews.assignment.escalated", by=None)
            counts["escalated"] += 1
    return counts


def _mark(assignment: Assignment, keys: list[str]) -> None:
    locked = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    locked.reminders_sent = [
        *locked.reminders_sent,
        *(k for k in keys if k not in locked.reminders_sent),
    ]
    locked.save(update_fields=["reminders_sent", "updated"])
    assignment.reminders_sent = locked.reminders_sent


def _remind(assignment: Assignment, keys: list[str], title: str, params: dict[str, Any]) -> None:
    with transaction.atomic():
        _mark(assignment, keys)
        notify(
            assignment.reviewer,
            kind="reviews.reminder",
            title=title,
            params=params,
            url=reverse("reviews:my_assignments"),
        )
        log_action(assignment, "reviews.assignment.reminded", by=None, data={"keys": keys})
