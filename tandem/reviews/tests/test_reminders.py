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


def test_the_reminders_are_a_periodic_task_of_the_application():
    from tandem.core.periodic import registered
    from tandem.reviews.tasks import send_reminders_task

    [job] = [j for j in registered() if j.name == "reviews.reminders"]
    assert job.every == dt.timedelta(hours=1) and job.task is send_reminders_task


def test_workers_enqueue_the_reminders_once_per_hour(settings, db):
    from django_tasks_db.models import DBTaskResult

    from tandem.core.periodic import enqueue_due

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert "reviews.reminders" in enqueue_due()
    assert "reviews.reminders" not in enqueue_due()  # another worker, the same hour
    path = "tandem.reviews.tasks.send_reminders_task"
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    later = timezone.now() + dt.timedelta(minutes=61)
    assert "reviews.reminders" in enqueue_due(now=later)
    assert DBTaskResult.objects.filter(task_path=path).count() == 2


def test_without_workers_the_periodic_command_runs_the_reminders(in_review, pool):
    """`make run` starts `tandem periodic_tasks` beside the server (immediate tasks)."""
    with time_machine.travel(timezone.now() + dt.timedelta(hours=73), tick=False):
        call_command("periodic_tasks", "--once")
    assert Assignment.objects.filter(state=AssignmentState.EXPIRED).count() == 3
