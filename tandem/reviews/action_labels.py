"""Plain words for the action-log entries of reviews (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "reviews.assignment.accepted": _("Review accepted by the reviewer"),
        "reviews.assignment.alternate": _("Reviewer named as an alternate"),
        "reviews.assignment.declined": _("Review declined by the reviewer"),
        "reviews.assignment.dismissed": _("Reviewer dismissed"),
        "reviews.assignment.ended": _("Invitation ended: the report was sent"),
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
        "reviews.request.deleted": _("Draft request deleted"),
        "reviews.request.edited": _("Request edited"),
        "reviews.request.missing_documents": _("Missing documents asked for"),
        "reviews.request.report_sent": _("Report sent to the researcher"),
        "reviews.request.revision_started": _("Revision started"),
        "reviews.request.submitted": _("Request sent to the College"),
        "reviews.request.withdrawn": _("Request withdrawn by its research team"),
        "reviews.review.saved": _("Review draft saved"),
        "reviews.review.submitted": _("Review sent"),
        "reviews.reviewer.applied": _("Application to the College"),
        "reviews.reviewer.invited": _("Invited to the College"),
        "reviews.reviewer.unavailable": _("Absence recorded"),
        "reviews.reviewer.updated": _("Reviewer profile updated"),
        "reviews.reviewer.validated": _("Reviewer validated"),
        "reviews.training.waived": _("Reviewers' training waived"),
        "reviews.round.complete": _("All reviews are in"),
        "reviews.round.deadline_changed": _("Round deadline moved"),
        "reviews.round.opened": _("Review round opened"),
        "reviews.round.short": _("Not enough reviewers for the round"),
    }
)
