"""Plain words for the action-log entries of the GRAM (found by core at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "governance.body.created": _("Governance body created"),
        "governance.quota.changed": _("College quota changed"),
        "governance.mandate.appointed": _("Mandate recorded"),
        "governance.mandate.ended": _("Mandate ended"),
        "governance.quorum.adopted": _("Quorum rules adopted"),
        "governance.meeting.planned": _("Meeting planned"),
        "governance.meeting.convened": _("Convocation sent"),
        "governance.meeting.opened": _("Meeting opened"),
        "governance.meeting.closed": _("Meeting closed"),
        "governance.meeting.cancelled": _("Meeting cancelled"),
        "governance.agenda.added": _("Agenda item added"),
        "governance.document.added": _("Meeting document added"),
        "governance.attendance.answered": _("Attendance confirmed or declined"),
        "governance.attendance.recorded": _("Attendance recorded"),
        "governance.proxy.given": _("Proxy given"),
        "governance.proxy.withdrawn": _("Proxy withdrawn"),
        "governance.conflict.declared": _("Conflict of interest declared"),
        "governance.vote.opened": _("Vote opened"),
        "governance.vote.cast": _("Vote cast"),
        "governance.vote.changed": _("Vote changed by the member"),
        "governance.vote.closed": _("Vote closed"),
        "governance.proposal.drafted": _("Proposal drafted"),
        "governance.proposal.edited": _("Proposal edited"),
        "governance.proposal.cosigned": _("Proposal co-signed"),
        "governance.proposal.scheduled": _("Proposal put on an agenda"),
        "governance.proposal.adopted": _("Proposal adopted"),
        "governance.proposal.rejected": _("Proposal not adopted"),
        "governance.proposal.transmitted": _("Proposal sent to the Directorate General"),
        "governance.proposal.answered": _("Directorate General's answer recorded"),
        "governance.proposal.implemented": _("Proposal implemented"),
        "governance.minutes.drafted": _("Minutes drafted from the meeting's record"),
        "governance.minutes.amended": _("Amendment to the minutes proposed"),
        "governance.minutes.amendment_decided": _("Amendment to the minutes decided"),
        "governance.minutes.approved": _("Minutes approved"),
        "governance.action.added": _("Action added"),
        "governance.action.updated": _("Action updated"),
    }
)
