"""The yearly activity report's PDF, made in the background: the page and the API ask for it
(`request_report_pdf`), a task makes it (`make_report_pdf`), both then offer the file.

DOCX stays in the request: it is made in well under a second."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.transitions import Workflow
from tandem.reporting.models import ActivityReportFile, ReportStatus

logger = logging.getLogger(__name__)

REPORT_WORKFLOW = Workflow(
    states=ReportStatus,
    table={
        ReportStatus.PENDING: {ReportStatus.RUNNING},
        ReportStatus.RUNNING: {ReportStatus.READY, ReportStatus.FAILED},
        ReportStatus.READY: {ReportStatus.PENDING},  # asked again: made from today's figures
        ReportStatus.FAILED: {ReportStatus.PENDING},
    },
    message=_("The report's PDF cannot go from “%(from)s” to “%(to)s”."),
)

LANGUAGES = ("fr", "en")
FIRST_REPORT_YEAR = 2000


def check_report_year(year: int, language: str) -> None:
    if language not in LANGUAGES:
        raise DomainError(_("The report exists in French and in English only."), code="language")
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year + 1:
        raise DomainError(
            _("There is no activity report for %(year)s.") % {"year": year}, code="year"
        )


def report_pdf_of(year: int, language: str) -> ActivityReportFile | None:
    return ActivityReportFile.objects.filter(year=year, language=language).first()


def request_report_pdf(year: int, language: str, *, by: User) -> ActivityReportFile:
    """Ask for the year's PDF in `language`: made again from today's figures by a background
    task. Asking while it is being made changes nothing (one task at a time)."""
    check_report_year(year, language)
    with transaction.atomic():
        report, created = ActivityReportFile.objects.select_for_update().get_or_create(
            year=year, language=language
        )
        if report.in_progress and not created:
            return report
        if report.status != ReportStatus.PENDING:  # a new row starts there
            REPORT_WORKFLOW.apply(report, ReportStatus.PENDING)
        report.requested_by = by
        report.finished_at = None
        report.save()
        log_action(
            report,
            "reporting.report.requested",
            by=by,
            data={"year": year, "language": language},
        )
        from tandem.reporting.tasks import make_report_pdf_task

        pk = report.pk
        transaction.on_commit(lambda: make_report_pdf_task.enqueue(pk))
    return report


def _still_running(report: ActivityReportFile) -> bool:
    return (
        ActivityReportFile.objects.select_for_update()
        .filter(pk=report.pk, status=ReportStatus.RUNNING)
        .exists()
    )


def make_report_pdf(report: ActivityReportFile, *, resume: bool = False) -> ActivityReportFile:
    """Draw the PDF and keep it. Any failure marks the report failed (the page says so and
    offers to try again); nothing escapes to crash the worker. `resume`: the task's earlier
    run lost its worker; only the first run to finish writes its file."""
    from tandem.reporting.report import report_pdf

    with transaction.atomic():
        report = ActivityReportFile.objects.select_for_update().get(pk=report.pk)
        if not (resume and report.status == ReportStatus.RUNNING):
            if report.status != ReportStatus.PENDING:
                return report  # already taken by another worker
            REPORT_WORKFLOW.apply(report, ReportStatus.RUNNING)
            report.save(update_fields=["status", "updated"])
    try:
        content = report_pdf(report.year, language=report.language)
    except Exception:  # a failed drawing must never crash the worker
        logger.exception("Activity report %s could not be made", report.pk)
        with transaction.atomic():
            if _still_running(report):
                REPORT_WORKFLOW.apply(report, ReportStatus.FAILED)
                report.finished_at = timezone.now()
                report.save(update_fields=["status", "finished_at", "updated"])
        return report
    with transaction.atomic():
        if not _still_running(report):
            return ActivityReportFile.objects.get(pk=report.pk)
        old = report.file.name if report.file else ""
        report.file.save("report.pdf", ContentFile(content), save=False)
        REPORT_WORKFLOW.apply(report, ReportStatus.READY)
        report.finished_at = timezone.now()
        report.save(update_fields=["file", "status", "finished_at", "updated"])
        log_action(report, "reporting.report.made", by=None, data={"bytes": len(content)})
        if old:
            transaction.on_commit(lambda: report.file.storage.delete(old))
    return report
