"""Reminders, expiry and escalation: idempotent, with time frozen (never slept on)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.management import call_command
from django.utils import timezone

from tandem.core.models import Notification
from tandem.reviews import services
from tandem.reviews.models import Assignment, AssignmentState


def test_silence_past_the_answer_deadline_promotes_the_alternate(in_review, pool):
    with time_machine.travel(timezone.now() + dt.timedelta(hours=73), tick=False):
        counts = services.send_reminders()
        again = services.send_reminders()
    assert counts["expired"] == 3
    assert again == {"response_reminders": 0, "due_reminders": 0, "expired": 0, "escalated": 0}
    states = dict(
        Assignment.objects.filter(round=in_review.current_round).values_list("reviewer_id", "state")
    )
    assert states[pool[0].pk] == AssignmentState.EXPIRED
    assert states[pool[3].pk] == AssignmentState.INVITED  # the alternate now holds a seat


def test_a_response_reminder_is_sent_once(in_review, pool):
    with time_machine.travel(timezone.now() + dt.timedelta(hours=50), tick=False):
        first = services.send_reminders()
        second = services.send_reminders()
    assert first["response_reminders"] == 3
    assert second["response_reminders"] == 0
    assert Notification.objects.filter(recipient=pool[0], kind="reviews.reminder").count() == 1


def test_due_reminders_then_escalation_are_idempotent(in_review, pool, coordinator):
    for assignment in Assignment.objects.filter(
        round=in_review.current_round, state=AssignmentState.INVITED
    ):
        services.accept_assignment(assignment, by=assignment.reviewer)
    due = in_review.current_round.deadline
    moment = timezone.make_aware(dt.datetime.combine(due - dt.timedelta(days=1), dt.time(9)))
    with time_machine.travel(moment, tick=False):
        assert services.send_reminders()["due_reminders"] == 3
        assert services.send_reminders()["due_reminders"] == 0
    late = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9)))
    with time_machine.travel(late, tick=False):
        call_command("review_reminders")
        call_command("review_reminders")
    assert (
        Notification.objects.filter(recipient=coordinator, kind="reviews.assignment.late").count()
        == 3
    )
