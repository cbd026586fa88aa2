from __future__ import annotations

from django_tasks import TaskContext, task


@task(takes_context=True)
def run_check_task(context: TaskContext, check_id: int) -> str:
    from tandem.checks.models import ClarityCheck
    from tandem.checks.services import run_check

    check = ClarityCheck.objects.filter(pk=check_id).first()
    if check is None:
        return "missing"
    # A second attempt means the first one's worker was lost (tandem.core.taskworkers).
    return run_check(check, resume=context.attempt > 1).status
