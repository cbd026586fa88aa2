"""Plain words for the action-log entries of directory (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "directory.approval.expiring": _("Approval about to expire"),
        "directory.approval.reminded": _("Reminder sent about the approval"),
        "directory.disease_area.saved": _("Disease area saved"),
        "directory.import.applied": _("Directory import applied"),
        "directory.member.added": _("Member added"),
        "directory.member.removed": _("Member removed"),
        "directory.member.role_changed": _("Member's role changed"),
        "directory.organization.archived": _("Organization archived"),
        "directory.organization.merged": _("Duplicate merged into this organization"),
        "directory.organization.merged_away": _("Merged into another organization"),
        "directory.organization.reactivated": _("Organization reactivated"),
        "directory.organization.registered": _("Organization registered"),
        "directory.organization.updated": _("Organization updated"),
        "directory.organization.validated": _("Organization validated"),
        "directory.partnership.added": _("Partnership added"),
        "directory.researcher.updated": _("Researcher profile updated"),
    }
)
