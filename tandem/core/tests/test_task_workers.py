"""A task whose worker died is run again, once, later (tandem.core.taskworkers)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tandem.checks import services as checks
from tandem.checks.models import CheckStatus
from tandem.core.models import ActionLogEntry, TaskWorker
from tandem.core.taskworkers import Heartbeat, requeue_stalled_tasks

pytestmark = pytest.mark.django_db

TEXT = (
    "Vous pouvez arrêter l'étude à tout moment. Votre médecin vous soignera de la même façon. " * 5
)


def _running(*workers: str, started_ago: int = 300) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="tandem.checks.tasks.run_check_task",
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=started_ago),
        worker_ids=list(workers),
    )


def _beating(worker_id: str, *, ago: int = 0) -> None:
    TaskWorker.objects.create(
        worker_id=worker_id, last_seen=timezone.now() - timedelta(seconds=ago)
    )


def test_a_task_whose_worker_stopped_beating_goes_back_to_the_queue():
    _beating("dead", ago=120)
    result = _running("dead")
    sweep = requeue_stalled_tasks(after=timedelta(seconds=60))
    result.refresh_from_db()
    assert (sweep.requeued, result.status) == (1, TaskResultStatus.READY)
    assert ActionLogEntry.objects.filter(action="core.task.requeued").count() == 1


def test_a_task_of_a_worker_that_never_beat_goes_back_to_the_queue():
    result = _running("db_worker-without-heartbeat")
    requeue_stalled_tasks(after=timedelta(seconds=60))
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY


def test_a_long_task_of_a_live_worker_is_left_running():
    _beating("alive", ago=5)
    result = _running("alive", started_ago=3600)
    assert requeue_stalled_tasks(after=timedelta(seconds=60)).requeued == 0
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING


def test_a_task_that_lost_its_worker_three_times_fails_instead_of_killing_another():
    result = _running("w1", "w2", "w3")
    sweep = requeue_stalled_tasks(after=timedelta(seconds=60), attempts=3)
    result.refresh_from_db()
    assert (sweep.failed, result.status) == (1, TaskResultStatus.FAILED)
    assert result.exception_class_path == "tandem.core.taskworkers.WorkerLost"


def test_sweeping_twice_requeues_once():
    _running("dead")
    requeue_stalled_tasks(after=timedelta(seconds=60))
    assert requeue_stalled_tasks(after=timedelta(seconds=60)).requeued == 0
    assert ActionLogEntry.objects.filter(action="core.task.requeued").count() == 1


def test_the_command_reports_what_it_requeued(capsys):
    _running("dead")
    call_command("requeue_stalled_tasks", "--after", "60")
    assert "requeued 1, failed 0" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)  # the heartbeat thread has its own connection
def test_a_worker_beats_while_it_runs_and_retires_when_it_stops():
    heartbeat = Heartbeat("w-test")
    heartbeat.start()
    try:
        # SQLite's shared memory locks a table while the thread writes: read after its pass.
        assert heartbeat.idle.wait(timeout=30)
        assert TaskWorker.objects.filter(worker_id="w-test").exists()
    finally:
        heartbeat.stop()  # a thread left running would write into the next tests
    assert not TaskWorker.objects.filter(worker_id="w-test").exists()


def _interrupted_check(researcher):
    """A check whose first run was killed after it marked the check running."""
    check = checks.submit_check(
        researcher, title="Notice", document_kind="leaflet", text=TEXT * 150
    )
    check.refresh_from_db()
    check.status = CheckStatus.RUNNING
    check.save(update_fields=["status"])
    return check


def test_a_check_interrupted_by_a_lost_worker_is_finished_by_the_next_attempt(researcher):
    check = _interrupted_check(researcher)
    check = checks.run_check(check, resume=True)
    assert check.status == CheckStatus.DONE
    assert ActionLogEntry.objects.filter(action="checks.check.done").count() == 1


def test_a_check_already_running_elsewhere_is_not_started_twice(researcher):
    check = _interrupted_check(researcher)
    assert checks.run_check(check).status == CheckStatus.RUNNING


def test_a_lost_run_that_was_only_slow_writes_nothing_once_the_next_attempt_finished(
    researcher, monkeypatch
):
    check = _interrupted_check(researcher)
    next_attempt = type(check).objects.get(pk=check.pk)
    analyze = checks.analyze

    def slow_analyze(*args, **kwargs):
        monkeypatch.setattr(checks, "analyze", analyze)
        checks.run_check(next_attempt, resume=True)  # finishes while this run still analyses
        return analyze(*args, **kwargs)

    monkeypatch.setattr(checks, "analyze", slow_analyze)
    checks.run_check(check, resume=True)
    assert ActionLogEntry.objects.filter(action="checks.check.done").count() == 1
