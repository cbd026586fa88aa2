from __future__ import annotations

from django_tasks import TaskContext, task


@task(takes_context=True)
def make_report_pdf_task(context: TaskContext, report_id: int) -> str:
    from tandem.reporting.models import ActivityReportFile
    from tandem.reporting.services import make_report_pdf

    found = ActivityReportFile.objects.filter(pk=report_id).first()
    if found is None:
        return "missing"
    # A second attempt means the first one's worker was lost (tandem.core.taskworkers).
    return make_report_pdf(found, resume=context.attempt > 1).status
