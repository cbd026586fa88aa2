"""The consolidated report of a round."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.core.models import TimeStampedModel
from tandem.core.transitions import Workflow
from tandem.reviews.models.rounds import Round


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


REPORT_WORKFLOW = Workflow(
    states=ReportStatus,
    table={ReportStatus.DRAFT: {ReportStatus.SENT}, ReportStatus.SENT: set()},
    message=_("This report cannot go from “%(from)s” to “%(to)s”."),
    messages={ReportStatus.SENT: _("This report is already sent.")},
)


class ConsolidatedReport(TimeStampedModel):
    """One report per round: per criterion, the reviewers' scores and comments merged into one
    text by the coordinator."""

    round = models.OneToOneField(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="report"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    readability_text = models.TextField(_("readability"), blank=True)
    framework_text = models.TextField(_("framework and objectives"), blank=True)
    constraints_text = models.TextField(_("constraints"), blank=True)
    rights_text = models.TextField(_("participant's rights"), blank=True)
    burden_text = models.TextField(_("burden of the protocol"), blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    reviewer_names = models.JSONField(_("reviewers named"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")

    def __str__(self) -> str:
        return _("Report of %(round)s") % {"round": self.round}

    def text(self, criterion: str) -> str:
        value: str = getattr(self, f"{criterion}_text")
        return value
