"""Plain words for the incubator's actions (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "incubator.project.proposed": _("Participatory project proposed"),
        "incubator.project.updated": _("Project details changed"),
        "incubator.project.partner_added": _("Partner added to a project"),
        "incubator.project.officer_assigned": _("Officer assigned to a project"),
        "incubator.project.linked": _("Project linked to an institute and a regional office"),
        "incubator.project.checklist": _("Project checklist updated"),
        "incubator.project.moved": _("Project moved to another stage"),
        "incubator.project.published": _("Project page made public"),
        "incubator.project.unpublished": _("Project page no longer public"),
        "incubator.timeline.added": _("Added to a project's timeline"),
        "incubator.milestone.added": _("Milestone added"),
        "incubator.milestone.done": _("Milestone reached"),
        "incubator.contribution.recorded": _("Volunteer contribution recorded"),
        "incubator.support.requested": _("Support requested"),
        "incubator.support.taken": _("Support request taken"),
        "incubator.support.assigned": _("Support request assigned"),
        "incubator.support.moved": _("Support request status changed"),
        "incubator.resource.added": _("Resource added to the library"),
        "incubator.resource.version_added": _("New version of a resource"),
        "incubator.resource.updated": _("Resource description changed"),
        "incubator.resource.downloaded": _("Resource downloaded"),
        "incubator.agreement.generated": _("Agreement generated"),
        "incubator.agreement.downloaded": _("Agreement downloaded"),
        "incubator.agreement.signed": _("Agreement signature recorded"),
        "incubator.agreement.signed_copy_stored": _("Signed agreement stored"),
        "incubator.group.created": _("Working group created"),
        "incubator.group.members": _("Working group members changed"),
        "incubator.group.published": _("Working group public page changed"),
        "incubator.group.posted": _("Posted to a working group"),
        "incubator.meeting.scheduled": _("Meeting scheduled"),
    }
)
