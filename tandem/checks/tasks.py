from __future__ import annotations

from django_tasks import task


@task()
def run_check_task(check_id: int) -> str:
    from tandem.checks.models import ClarityCheck
    from tandem.checks.services import run_check

    check = ClarityCheck.objects.filter(pk=check_id).first()
    if check is None:
        return "missing"
    return run_check(check).status
