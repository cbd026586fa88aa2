"""Plain words for the dotted action names of the action log, shown in history panels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "accounts.account.erased": _("Account erased"),
    "accounts.invitation.accepted": _("Invitation accepted"),
    "accounts.invitation.revoked": _("Invitation withdrawn"),
    "accounts.invitation.sent": _("Invitation sent"),
    "accounts.login": _("Signed in"),
    "accounts.profile.updated": _("Profile updated"),
    "accounts.roles.changed": _("Roles changed"),
    "accounts.token.created": _("API token created"),
    "accounts.token.revoked": _("API token revoked"),
    "checks.check.deleted": _("Check deleted"),
    "checks.check.done": _("Document analysed"),
    "checks.check.failed": _("Document could not be analysed"),
    "checks.check.submitted": _("Document submitted for a check"),
    "checks.lexicon.added": _("Lexicon term added"),
    "checks.lexicon.retired": _("Lexicon term no longer used"),
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
    "reviews.assignment.accepted": _("Review accepted by the reviewer"),
    "reviews.assignment.alternate": _("Reviewer named as an alternate"),
    "reviews.assignment.declined": _("Review declined by the reviewer"),
    "reviews.assignment.dismissed": _("Reviewer dismissed"),
    "reviews.assignment.escalated": _("Late review reported to the coordinator"),
    "reviews.assignment.expired": _("Invitation expired without an answer"),
    "reviews.assignment.invited": _("Reviewer invited"),
    "reviews.assignment.late": _("Review late"),
    "reviews.assignment.promoted": _("Alternate invited"),
    "reviews.assignment.reminded": _("Reminder sent to the reviewer"),
    "reviews.certificate.downloaded": _("Certificate downloaded"),
    "reviews.comment.added": _("Comment added"),
    "reviews.comment.answered": _("Comment answered"),
    "reviews.comment.deleted": _("Comment deleted"),
    "reviews.document.analysed": _("Document analysed"),
    "reviews.document.analysis_failed": _("Document could not be analysed"),
    "reviews.document.downloaded": _("Document downloaded"),
    "reviews.document.uploaded": _("Document uploaded"),
    "reviews.report.downloaded": _("Report downloaded"),
    "reviews.report.saved": _("Report saved"),
    "reviews.report.sent": _("Report sent"),
    "reviews.request.accepted": _("Request accepted"),
    "reviews.request.closed": _("Request closed"),
    "reviews.request.consolidating": _("Reviews being consolidated"),
    "reviews.request.created": _("Request created"),
    "reviews.request.declined": _("Request declined"),
    "reviews.request.missing_documents": _("Missing documents asked for"),
    "reviews.request.report_sent": _("Report sent to the researcher"),
    "reviews.request.revision_started": _("Revision started"),
    "reviews.request.submitted": _("Request sent to the College"),
    "reviews.review.saved": _("Review draft saved"),
    "reviews.review.submitted": _("Review sent"),
    "reviews.reviewer.applied": _("Application to the College"),
    "reviews.reviewer.invited": _("Invited to the College"),
    "reviews.reviewer.unavailable": _("Absence recorded"),
    "reviews.reviewer.updated": _("Reviewer profile updated"),
    "reviews.reviewer.validated": _("Reviewer validated"),
    "reviews.round.complete": _("All reviews are in"),
    "reviews.round.opened": _("Review round opened"),
    "reviews.round.short": _("Not enough reviewers for the round"),
}


def action_label(action: str) -> str:
    label = LABELS.get(action)
    if label is not None:
        return str(label)
    # An action nobody named yet: its last two words, readable.
    parts = action.split(".")
    subject = parts[-2] if len(parts) > 1 else parts[0]
    return f"{subject.replace('_', ' ').capitalize()} — {parts[-1].replace('_', ' ')}"
