"""The GRAM's API under /api/v1/governance/: the body and mandates, meetings (agenda,
convocation, documents, attendance, proxies), votes (conflicts of interest, ballots), minutes,
proposals (co-signatures, agenda, transmission, the Directorate General's answer, actions),
the yearly report and the pages' downloads (minutes, report, calendars), split by meaning as
the governance app's services and views are. Every write calls the same service as the pages;
a refusal is a 409 with the service's code."""

from __future__ import annotations

from django.urls import path

from tandem.api.governance.attendance import (
    AttendanceView,
    CheckInView,
    ProxiesView,
    ProxyView,
)
from tandem.api.governance.body import (
    BodiesView,
    MandateEndView,
    MandateRenewalView,
    MandatesView,
    QuorumRulesView,
    QuotaView,
)
from tandem.api.governance.documents import (
    DocumentCommentsView,
    DocumentFileView,
    DocumentsView,
    DocumentVersionView,
)
from tandem.api.governance.files import (
    CalendarFeedView,
    MeetingCalendarView,
    MinutesDocxView,
    MinutesPdfView,
    ReportDocxView,
    ReportPdfView,
)
from tandem.api.governance.meetings import (
    AgendaView,
    MeetingStatusView,
    MeetingsView,
    MeetingView,
    PlanYearView,
)
from tandem.api.governance.minutes import (
    AmendmentDecisionView,
    AmendmentsView,
    ApproveMinutesView,
    MeetingMinutesView,
)
from tandem.api.governance.minutes_items import MinutesItemsView
from tandem.api.governance.proposals import (
    ActionProgressView,
    ActionsView,
    CosignView,
    DecisionView,
    ProposalsView,
    ProposalView,
    ScheduleView,
    TransmitView,
)
from tandem.api.governance.report import ReportView
from tandem.api.governance.votes import (
    BallotView,
    CloseVoteView,
    ConflictView,
    OpenVoteView,
    VoteView,
)

P = "governance/"
urlpatterns = [
    path(P + "reports/<int:year>", ReportView.as_view(), name="api-gram-report"),
    path(P + "meetings/<int:pk>/documents", DocumentsView.as_view(), name="api-gram-documents"),
    path(
        P + "documents/<int:pk>/versions",
        DocumentVersionView.as_view(),
        name="api-gram-document-versions",
    ),
    path(
        P + "documents/<int:pk>/comments",
        DocumentCommentsView.as_view(),
        name="api-gram-document-comments",
    ),
    path(P + "bodies", BodiesView.as_view(), name="api-gram-bodies"),
    path(P + "mandates", MandatesView.as_view(), name="api-gram-mandates"),
    path(P + "meetings", MeetingsView.as_view(), name="api-gram-meetings"),
    path(P + "meetings/<int:pk>", MeetingView.as_view(), name="api-gram-meeting"),
    path(
        P + "meetings/<int:pk>/status", MeetingStatusView.as_view(), name="api-gram-meeting-status"
    ),
    path(P + "meetings/<int:pk>/agenda", AgendaView.as_view(), name="api-gram-agenda"),
    path(P + "meetings/<int:pk>/attendance", AttendanceView.as_view(), name="api-gram-attendance"),
    path(P + "meetings/<int:pk>/check-in", CheckInView.as_view(), name="api-gram-check-in"),
    path(P + "meetings/<int:pk>/proxies", ProxiesView.as_view(), name="api-gram-proxies"),
    path(P + "items/<int:pk>/conflicts", ConflictView.as_view(), name="api-gram-conflicts"),
    path(P + "items/<int:pk>/votes", OpenVoteView.as_view(), name="api-gram-open-vote"),
    path(P + "votes/<int:pk>", VoteView.as_view(), name="api-gram-vote"),
    path(P + "votes/<int:pk>/ballots", BallotView.as_view(), name="api-gram-ballots"),
    path(P + "votes/<int:pk>/close", CloseVoteView.as_view(), name="api-gram-close-vote"),
    path(P + "meetings/<int:pk>/minutes", MeetingMinutesView.as_view(), name="api-gram-minutes"),
    path(P + "minutes/<int:pk>/amendments", AmendmentsView.as_view(), name="api-gram-amendments"),
    path(
        P + "amendments/<int:pk>/decision",
        AmendmentDecisionView.as_view(),
        name="api-gram-amendment",
    ),
    path(
        P + "minutes/<int:pk>/approve",
        ApproveMinutesView.as_view(),
        name="api-gram-approve-minutes",
    ),
    path(P + "proposals", ProposalsView.as_view(), name="api-gram-proposals"),
    path(P + "proposals/<int:pk>", ProposalView.as_view(), name="api-gram-proposal"),
    path(P + "proposals/<int:pk>/cosignatures", CosignView.as_view(), name="api-gram-cosign"),
    path(P + "proposals/<int:pk>/agenda", ScheduleView.as_view(), name="api-gram-schedule"),
    path(P + "proposals/<int:pk>/transmit", TransmitView.as_view(), name="api-gram-transmit"),
    path(P + "proposals/<int:pk>/answer", DecisionView.as_view(), name="api-gram-answer"),
    path(P + "proposals/<int:pk>/actions", ActionsView.as_view(), name="api-gram-actions"),
    path(P + "actions/<int:pk>", ActionProgressView.as_view(), name="api-gram-action"),
    path(P + "minutes/<int:pk>/items", MinutesItemsView.as_view(), name="api-gram-minutes-items"),
    path(P + "colleges/<int:pk>/quota", QuotaView.as_view(), name="api-gram-quota"),
    path(P + "quorum-rules", QuorumRulesView.as_view(), name="api-gram-quorum-rules"),
    path(P + "mandates/<int:pk>/renewal", MandateRenewalView.as_view(), name="api-gram-renewal"),
    path(P + "mandates/<int:pk>/end", MandateEndView.as_view(), name="api-gram-mandate-end"),
    path(P + "meetings/plan", PlanYearView.as_view(), name="api-gram-plan-year"),
    path(P + "proxies/<int:pk>", ProxyView.as_view(), name="api-gram-proxy"),
    # The pages' downloads (tandem.api.governance.files).
    path(P + "calendar.ics", CalendarFeedView.as_view(), name="api-gram-calendar-feed"),
    path(
        P + "meetings/<int:pk>/calendar.ics",
        MeetingCalendarView.as_view(),
        name="api-gram-meeting-calendar",
    ),
    path(P + "minutes/<int:pk>/minutes.pdf", MinutesPdfView.as_view(), name="api-gram-minutes-pdf"),
    path(
        P + "minutes/<int:pk>/minutes.docx", MinutesDocxView.as_view(), name="api-gram-minutes-docx"
    ),
    path(
        P + "reports/<int:year>/report.docx", ReportDocxView.as_view(), name="api-gram-report-docx"
    ),
    path(P + "reports/<int:year>/report.pdf", ReportPdfView.as_view(), name="api-gram-report-pdf"),
    path(
        "governance/documents/<int:pk>/file",
        DocumentFileView.as_view(),
        name="api-gram-document-file",
    ),
]
