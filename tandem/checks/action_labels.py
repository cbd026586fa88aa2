"""Plain words for the action-log entries of checks (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "checks.check.deleted": _("Check deleted"),
        "checks.check.done": _("Document analysed"),
        "checks.check.failed": _("Document could not be analysed"),
        "checks.check.submitted": _("Document submitted for a check"),
        "checks.lexicon.added": _("Lexicon term added"),
        "checks.lexicon.retired": _("Lexicon term no longer used"),
        "checks.pdf.failed": _("Report PDF could not be prepared"),
        "checks.pdf.made": _("Report PDF prepared"),
        "checks.pdf.requested": _("Report PDF asked for"),
    }
)
