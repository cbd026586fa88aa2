"""Review requests (a study) and their documents, each with its versions and their analysis."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.checks.models import StudyCategory
from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.transitions import Workflow
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    MISSING_DOCUMENTS = "missing_documents", _("Documents missing")
    ACCEPTED = "accepted", pgettext_lazy("review request", "Accepted")
    IN_REVIEW = "in_review", _("In review")
    CONSOLIDATING = "consolidating", _("Report in preparation")
    REPORT_SENT = "report_sent", _("Report sent")
    REVISION = "revision", _("Being revised")
    CLOSED = "closed", pgettext_lazy("review request", "Closed")
    DECLINED = "declined", pgettext_lazy("review request", "Declined")


REQUEST_WORKFLOW = Workflow(
    states=RequestStatus,
    table={
        RequestStatus.DRAFT: frozenset({RequestStatus.SUBMITTED}),
        # Any sent request may be closed (by the coordinator) or withdrawn (by its team), with
        # a reason when it ends before its report.
        RequestStatus.SUBMITTED: frozenset(
            {
                RequestStatus.MISSING_DOCUMENTS,
                RequestStatus.ACCEPTED,
                RequestStatus.DECLINED,
                RequestStatus.CLOSED,
            }
        ),
        RequestStatus.MISSING_DOCUMENTS: frozenset(
            {RequestStatus.SUBMITTED, RequestStatus.DECLINED, RequestStatus.CLOSED}
        ),
        RequestStatus.ACCEPTED: frozenset(
            {RequestStatus.IN_REVIEW, RequestStatus.DECLINED, RequestStatus.CLOSED}
        ),
        RequestStatus.IN_REVIEW: frozenset({RequestStatus.CONSOLIDATING, RequestStatus.CLOSED}),
        RequestStatus.CONSOLIDATING: frozenset({RequestStatus.REPORT_SENT, RequestStatus.CLOSED}),
        RequestStatus.REPORT_SENT: frozenset({RequestStatus.REVISION, RequestStatus.CLOSED}),
        RequestStatus.REVISION: frozenset({RequestStatus.IN_REVIEW, RequestStatus.CLOSED}),
        RequestStatus.CLOSED: frozenset(),
        RequestStatus.DECLINED: frozenset(),
    },
    message=_("This request cannot go from “%(from)s” to “%(to)s”."),
)

# Statuses in which the coordinator still has something to do or wait for.
OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.MISSING_DOCUMENTS,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.CONSOLIDATING,
    RequestStatus.REPORT_SENT,
    RequestStatus.REVISION,
)


# Statuses in which the authors may upload documents (after a report, uploading starts the
# revision).
EDITABLE_STATUSES = (
    RequestStatus.DRAFT,
    RequestStatus.SUBMITTED,
    RequestStatus.MISSING_DOCUMENTS,
    RequestStatus.REPORT_SENT,
    RequestStatus.REVISION,
)


class Outcome(models.TextChoices):
    REVISED = "revised", _("Documents revised after the review")
    UNCHANGED = "unchanged", _("Documents kept as they were")
    WITHDRAWN = "withdrawn", _("Study withdrawn")


class ReviewRequest(TimeStampedModel):
    title = models.CharField(_("study title"), max_length=300, validators=[validate_single_line])
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, validators=[validate_single_line]
    )
    category = models.CharField(_("study category"), max_length=10, choices=StudyCategory.choices)
    language = models.CharField(
        _("language of the documents"),
        max_length=2,
        choices=[("fr", _("French")), ("en", _("English"))],
        default="fr",
    )
    disease_areas = models.ManyToManyField(
        DiseaseArea, verbose_name=_("disease areas"), blank=True, related_name="review_requests"
    )
    sponsor_reference = models.CharField(
        _("sponsor reference"), max_length=100, blank=True, validators=[validate_single_line]
    )
    planned_submission_on = models.DateField(
        _("planned submission to the ethics committee"), null=True, blank=True
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organizations involved in the study"),
        blank=True,
        related_name="review_requests",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="review_requests",
    )
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegates"),
        blank=True,
        related_name="delegated_review_requests",
    )
    reviewers_wanted = models.PositiveSmallIntegerField(_("reviewers wanted"), default=3)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
        db_index=True,
    )
    status_note = models.TextField(_("message from the coordinator"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome, in words"), blank=True)
    current_round = models.ForeignKey(
        "Round",
        verbose_name=_("current round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Stage times, for the turnaround metrics.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    review_started_at = models.DateTimeField(_("review started at"), null=True, blank=True)
    report_sent_at = models.DateTimeField(_("report sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewers_wanted__gte=1, reviewers_wanted__lte=10),
                name="reviews_reviewers_wanted_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="reviews_request_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created"], name="reviews_request_status")]

    def __str__(self) -> str:
        return f"{self.acronym} — {self.title}" if self.acronym else self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:request", args=[self.pk])


class DocumentKind(models.TextChoices):
    PROTOCOL_SUMMARY = "protocol_summary", _("Protocol summary")
    LEAFLET = "leaflet", _("Information leaflet")
    CONSENT = "consent", _("Consent form")


REQUIRED_DOCUMENTS = (DocumentKind.PROTOCOL_SUMMARY, DocumentKind.LEAFLET, DocumentKind.CONSENT)
# The analyzer's checklist is written for these two.
ANALYSED_DOCUMENTS = (DocumentKind.LEAFLET, DocumentKind.CONSENT)


class Document(TimeStampedModel):
    request = models.ForeignKey(
        ReviewRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    latest_version = models.ForeignKey(
        "DocumentVersion",
        verbose_name=_("latest version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["request", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"], name="reviews_one_document_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.request}"


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being analysed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Could not be analysed")
    SKIPPED = "skipped", _("Not analysed")


ANALYSIS_WORKFLOW = Workflow(
    states=AnalysisStatus,
    table={
        AnalysisStatus.PENDING: frozenset(
            {AnalysisStatus.RUNNING, AnalysisStatus.FAILED, AnalysisStatus.SKIPPED}
        ),
        AnalysisStatus.RUNNING: frozenset(
            {AnalysisStatus.DONE, AnalysisStatus.FAILED, AnalysisStatus.SKIPPED}
        ),
        AnalysisStatus.DONE: frozenset(),
        AnalysisStatus.FAILED: frozenset(),
        AnalysisStatus.SKIPPED: frozenset(),
    },
    message=_("This analysis cannot go from “%(from)s” to “%(to)s”."),
    field="analysis_status",
)


def _version_upload_to(instance: DocumentVersion, filename: str) -> str:
    # Private storage: the stored name reveals nothing and cannot be guessed.
    return f"reviews/{uuid.uuid4().hex}"


class DocumentVersion(TimeStampedModel):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_version_upload_to)
    original_filename = models.CharField(_("file name"), max_length=255)
    # The type found by checking the content (tandem.core.uploads), never the name's: the file
    # is served back with it. Empty for versions stored before it was kept.
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("extracted text"), blank=True)
    analysis_status = models.CharField(
        _("analysis"),
        max_length=10,
        choices=AnalysisStatus.choices,
        default=AnalysisStatus.PENDING,
    )
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_values = models.JSONField(default=dict, blank=True)
    report = models.JSONField(_("clarity report"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("indicator"), null=True, blank=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="reviews_unique_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document.get_kind_display()} v{self.number}"

    def get_download_url(self) -> str:
        return reverse("reviews:download", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.analysis_status not in (AnalysisStatus.PENDING, AnalysisStatus.RUNNING)
