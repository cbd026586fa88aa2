"""The yearly activity report as a PDF, made by a background task: drawing it takes seconds,
too long for a request. One row per year and language: asking again makes it again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.core.models import TimeStampedModel


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be made")
    RUNNING = "running", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


def _upload_to(instance: ActivityReportFile, filename: str) -> str:
    # Never guessed: the file is only served through its permission-checked view.
    import uuid

    return f"reporting/{instance.year}/{uuid.uuid4().hex}.pdf"


class ActivityReportFile(TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=2)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity report (PDF)")
        verbose_name_plural = _("activity reports (PDF)")
        constraints = [
            models.UniqueConstraint(fields=["year", "language"], name="reporting_one_pdf_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.language})"

    @property
    def in_progress(self) -> bool:
        return self.status in (ReportStatus.PENDING, ReportStatus.RUNNING)
