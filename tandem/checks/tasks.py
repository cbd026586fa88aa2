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


@task(takes_context=True)
def make_check_pdf_task(context: TaskContext, pdf_id: int) -> str:
    from tandem.checks.models import CheckPdf
    from tandem.checks.services import make_check_pdf

    found = CheckPdf.objects.filter(pk=pdf_id).first()
    if found is None:
        return "missing"  # deleted with its check before its turn came
    # A second attempt means the first one's worker was lost (tandem.core.taskworkers).
    made = make_check_pdf(found, resume=context.attempt > 1)
    return made.status if made is not None else "missing"
