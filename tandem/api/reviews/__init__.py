"""The College of Reviewers' API: review requests (create with documents, list, detail, report),
assignments (coordinator: suggestion and assignment; reviewer: accept, decline, submit the grid
with anchored comments). Views reuse the reviews app's queries and services, as the pages do."""

from __future__ import annotations

from django.urls import path

from tandem.api.reviews.assignments import (
    AcceptView,
    AssignmentDetailView,
    AssignmentListView,
    CertificateView,
    CommentCreateView,
    CommentDeleteView,
    DeclineView,
    DismissView,
    GridView,
    RequestAssignmentsView,
    SubmitReviewView,
)
from tandem.api.reviews.reports import (
    AnswerView,
    CommentsView,
    ConsolidateView,
    ReportDocxView,
    ReportDraftView,
    ReportPdfView,
    ReportView,
    SendReportView,
)
from tandem.api.reviews.requests import (
    CloseView,
    DocumentUploadView,
    NewRoundView,
    ReviewRequestDetailView,
    ReviewRequestListView,
    SendView,
    TriageView,
    VersionDownloadView,
    VersionView,
    WithdrawView,
)

urlpatterns = [
    path("review-requests", ReviewRequestListView.as_view(), name="api-review-requests"),
    path("review-requests/<int:pk>", ReviewRequestDetailView.as_view(), name="api-review-request"),
    path("review-requests/<int:pk>/report", ReportView.as_view(), name="api-review-report"),
    path(
        "review-requests/<int:pk>/assignments",
        RequestAssignmentsView.as_view(),
        name="api-review-assignments",
    ),
    path("review-requests/<int:pk>/send", SendView.as_view(), name="api-review-send"),
    path("review-requests/<int:pk>/triage", TriageView.as_view(), name="api-review-triage"),
    path(
        "review-requests/<int:pk>/documents",
        DocumentUploadView.as_view(),
        name="api-review-documents",
    ),
    path(
        "review-requests/<int:pk>/consolidate",
        ConsolidateView.as_view(),
        name="api-review-consolidate",
    ),
    path(
        "review-requests/<int:pk>/report/draft",
        ReportDraftView.as_view(),
        name="api-review-report-draft",
    ),
    path(
        "review-requests/<int:pk>/report/send",
        SendReportView.as_view(),
        name="api-review-report-send",
    ),
    path(
        "review-requests/<int:pk>/report.docx",
        ReportDocxView.as_view(),
        name="api-review-report-docx",
    ),
    path(
        "review-requests/<int:pk>/report.pdf",
        ReportPdfView.as_view(),
        name="api-review-report-pdf",
    ),
    path("review-requests/<int:pk>/comments", CommentsView.as_view(), name="api-review-comments"),
    path("review-requests/<int:pk>/rounds", NewRoundView.as_view(), name="api-review-rounds"),
    path("review-requests/<int:pk>/close", CloseView.as_view(), name="api-review-close"),
    path("review-requests/<int:pk>/withdraw", WithdrawView.as_view(), name="api-review-withdraw"),
    path("review-comments/<int:pk>", CommentDeleteView.as_view(), name="api-comment"),
    path("review-comments/<int:pk>/answer", AnswerView.as_view(), name="api-comment-answer"),
    path("document-versions/<int:pk>", VersionView.as_view(), name="api-version"),
    path(
        "document-versions/<int:pk>/download",
        VersionDownloadView.as_view(),
        name="api-version-download",
    ),
    path("assignments", AssignmentListView.as_view(), name="api-assignments"),
    path(
        "assignments/certificate.docx", CertificateView.as_view(), name="api-reviewer-certificate"
    ),
    path("assignments/<int:pk>", AssignmentDetailView.as_view(), name="api-assignment"),
    path("assignments/<int:pk>/grid", GridView.as_view(), name="api-assignment-grid"),
    path(
        "assignments/<int:pk>/comments",
        CommentCreateView.as_view(),
        name="api-assignment-comments",
    ),
    path("assignments/<int:pk>/dismiss", DismissView.as_view(), name="api-assignment-dismiss"),
    path("assignments/<int:pk>/accept", AcceptView.as_view(), name="api-assignment-accept"),
    path("assignments/<int:pk>/decline", DeclineView.as_view(), name="api-assignment-decline"),
    path("assignments/<int:pk>/review", SubmitReviewView.as_view(), name="api-assignment-review"),
]
