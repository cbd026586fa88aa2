"""Plain words for the reporting module's actions (`tandem.core.action_labels`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "reporting.report.downloaded": _("Activity report downloaded"),
        "reporting.report.requested": _("Activity report PDF asked for"),
        "reporting.report.made": _("Activity report PDF made"),
    }
)
