from __future__ import annotations

from django_tasks import TaskContext, task


@task(takes_context=True)
def analyse_version_task(context: TaskContext, version_id: int) -> str:
    from tandem.reviews.models import DocumentVersion
    from tandem.reviews.services import analyse_version

    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "missing"
    # A second attempt means the first one's worker was lost (tandem.core.taskworkers).
    return analyse_version(version, resume=context.attempt > 1).analysis_status


@task()
def send_reminders_task() -> dict[str, int]:
    """The College's reminders, expiries and escalations (idempotent), run every hour by the
    application itself (tandem.core.periodic, registered in apps.py)."""
    from tandem.reviews.services import send_reminders

    return send_reminders()
