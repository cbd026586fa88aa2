import datetime as dt

from tandem.core.periodic import registered
from tandem.events.tasks import housekeeping_task
from tandem.governance.tasks import reminders_task


def test_the_housekeeping_and_the_gram_reminders_are_periodic_tasks_of_the_application():
    jobs = {job.name: job for job in registered()}
    assert jobs["events.housekeeping"].every == dt.timedelta(minutes=15)
    assert jobs["events.housekeeping"].task is housekeeping_task
    assert jobs["governance.reminders"].every == dt.timedelta(days=1)
    assert jobs["governance.reminders"].task is reminders_task


def test_the_housekeeping_task_runs_the_expiries_and_the_reminders(db):
    assert housekeeping_task.call() == {"expired": 0, "reminded": 0}
