"""The College of Reviewers: the reviewer pool, review requests and their documents, rounds,
assignments, reviews (grid + anchored comments) and the consolidated report.

Each workflow is a state machine: a `TextChoices` status and one table of allowed transitions,
applied by one transition function per aggregate in `services.py`."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.checks.models import StudyCategory
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization

# --- The reviewer pool ------------------------------------------------------------------------


class ReviewerStatus(models.TextChoices):
    APPLIED = "applied", _("Application to validate")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


REVIEWER_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewerStatus.APPLIED: frozenset({ReviewerStatus.ACTIVE, ReviewerStatus.INACTIVE}),
    ReviewerStatus.ACTIVE: frozenset({ReviewerStatus.INACTIVE}),
    ReviewerStatus.INACTIVE: frozenset({ReviewerStatus.ACTIVE}),
}


class ReviewerProfile(TimeStampedModel):
    """A member of the College. Joined by application (an organization member) validated by the
    coordinator, or by invitation (created active)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewers",
        help_text=_("The patient organization the reviewer belongs to."),
    )
    languages = models.JSONField(_("languages read"), default=list, blank=True)
    disease_areas = models.ManyToManyField(
        DiseaseArea, verbose_name=_("disease areas"), blank=True, related_name="reviewers"
    )
    training_completed_on = models.DateField(_("training completed on"), null=True, blank=True)
    max_open_reviews = models.PositiveSmallIntegerField(_("maximum open reviews"), default=2)
    conflict_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("declared conflicts (organizations)"),
        blank=True,
        related_name="conflicted_reviewers",
        help_text=_("Organizations the reviewer has a personal link with (work, family, funding)."),
    )
    declared_conflicts = models.TextField(
        _("declared conflicts, in words"),
        blank=True,
        help_text=_("Sponsors, laboratories or people; one per line. Matched with the study."),
    )
    motivation = models.TextField(_("motivation"), blank=True)
    show_name_to_researchers = models.BooleanField(
        _("researchers may see my name in reports"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReviewerStatus.choices,
        default=ReviewerStatus.APPLIED,
        db_index=True,
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_open_reviews__gte=1, max_open_reviews__lte=20),
                name="reviews_max_open_reviews_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewerStatus.values), name="reviews_reviewer_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("reviews:profile", args=[self.pk])

    @property
    def conflict_terms(self) -> list[str]:
        return [line.strip() for line in self.declared_conflicts.splitlines() if line.strip()]


class Unavailability(TimeStampedModel):
    profile = models.ForeignKey(
        ReviewerProfile,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="unavailabilities",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, validators=[validate_single_line]
    )

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="reviews_unavail_order")
        ]

    def __str__(self) -> str:
        return f"{self.start} – {self.end}"


# --- Review requests --------------------------------------------------------------------------


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


REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.DRAFT: frozenset({RequestStatus.SUBMITTED}),
    RequestStatus.SUBMITTED: frozenset(
        {RequestStatus.MISSING_DOCUMENTS, RequestStatus.ACCEPTED, RequestStatus.DECLINED}
    ),
    RequestStatus.MISSING_DOCUMENTS: frozenset({RequestStatus.SUBMITTED, RequestStatus.DECLINED}),
    RequestStatus.ACCEPTED: frozenset({RequestStatus.IN_REVIEW, RequestStatus.DECLINED}),
    RequestStatus.IN_REVIEW: frozenset({RequestStatus.CONSOLIDATING}),
    RequestStatus.CONSOLIDATING: frozenset({RequestStatus.REPORT_SENT}),
    RequestStatus.REPORT_SENT: frozenset({RequestStatus.REVISION, RequestStatus.CLOSED}),
    RequestStatus.REVISION: frozenset({RequestStatus.IN_REVIEW, RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
    RequestStatus.DECLINED: frozenset(),
}

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

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


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


ANALYSIS_TRANSITIONS: dict[str, frozenset[str]] = {
    AnalysisStatus.PENDING: frozenset(
        {AnalysisStatus.RUNNING, AnalysisStatus.FAILED, AnalysisStatus.SKIPPED}
    ),
    AnalysisStatus.RUNNING: frozenset(
        {AnalysisStatus.DONE, AnalysisStatus.FAILED, AnalysisStatus.SKIPPED}
    ),
    AnalysisStatus.DONE: frozenset(),
    AnalysisStatus.FAILED: frozenset(),
    AnalysisStatus.SKIPPED: frozenset(),
}


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


# --- Rounds, assignments, reviews -------------------------------------------------------------


class Round(TimeStampedModel):
    request = models.ForeignKey(
        ReviewRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    deadline = models.DateField(_("deadline for reviews"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="reviews_unique_round")
        ]

    def __str__(self) -> str:
        return _("Round %(number)s of %(request)s") % {
            "number": self.number,
            "request": self.request,
        }


class AssignmentState(models.TextChoices):
    PROPOSED = "proposed", _("Alternate")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", pgettext_lazy("assignment", "Accepted")
    DECLINED = "declined", pgettext_lazy("assignment", "Declined")
    EXPIRED = "expired", _("No answer in time")
    SUBMITTED = "submitted", _("Review sent")
    DISMISSED = "dismissed", _("Withdrawn by the coordinator")


ASSIGNMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AssignmentState.PROPOSED: frozenset({AssignmentState.INVITED, AssignmentState.DISMISSED}),
    AssignmentState.INVITED: frozenset(
        {
            AssignmentState.ACCEPTED,
            AssignmentState.DECLINED,
            AssignmentState.EXPIRED,
            AssignmentState.DISMISSED,
        }
    ),
    AssignmentState.ACCEPTED: frozenset({AssignmentState.SUBMITTED, AssignmentState.DISMISSED}),
    AssignmentState.DECLINED: frozenset(),
    AssignmentState.EXPIRED: frozenset(),
    AssignmentState.SUBMITTED: frozenset(),
    AssignmentState.DISMISSED: frozenset(),
}

# Seats taken in a round, and open work counted against a reviewer's maximum load.
SEAT_STATES = (AssignmentState.INVITED, AssignmentState.ACCEPTED, AssignmentState.SUBMITTED)
OPEN_STATES = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


class Assignment(TimeStampedModel):
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AssignmentState.choices,
        default=AssignmentState.INVITED,
        db_index=True,
    )
    alternate_rank = models.PositiveSmallIntegerField(_("alternate rank"), null=True, blank=True)
    reason = models.TextField(_("why this reviewer"), blank=True)
    respond_by = models.DateTimeField(_("answer expected by"), null=True, blank=True)
    due = models.DateField(_("review due on"))
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("review sent at"), null=True, blank=True)
    # Keys of the reminders already sent: the reminder command is idempotent.
    reminders_sent = models.JSONField(_("reminders sent"), default=list, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "alternate_rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "reviewer"], name="reviews_one_seat_per_round"
            ),
            models.CheckConstraint(
                condition=Q(state__in=AssignmentState.values), name="reviews_assignment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(alternate_rank__isnull=True) | Q(state=AssignmentState.PROPOSED),
                name="reviews_only_alternates_ranked",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "state"], name="reviews_assignment_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:workspace", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Criterion(models.TextChoices):
    READABILITY = "readability", _("Readability")
    FRAMEWORK = "framework", _("Understanding of the framework and objectives")
    CONSTRAINTS = "constraints", _("Clear statement of the constraints")
    RIGHTS = "rights", _("Respect of the participant's rights")


CRITERIA = tuple(Criterion)
SCORE_LABELS = {
    1: _("1 — insufficient"),
    2: _("2 — to improve"),
    3: _("3 — good"),
    4: _("4 — very good"),
}


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent")


def _score_range(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 4})


class Review(TimeStampedModel):
    """The grid: four criteria (DOMAIN.md), each scored 1–4 and commented, plus suggestions
    about the protocol's burden on participants. A draft until submitted."""

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="review"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    readability_score = models.PositiveSmallIntegerField(_("readability: score"), null=True)
    readability_comment = models.TextField(_("readability: comment"), blank=True)
    framework_score = models.PositiveSmallIntegerField(
        _("framework and objectives: score"), null=True
    )
    framework_comment = models.TextField(_("framework and objectives: comment"), blank=True)
    constraints_score = models.PositiveSmallIntegerField(_("constraints: score"), null=True)
    constraints_comment = models.TextField(_("constraints: comment"), blank=True)
    rights_score = models.PositiveSmallIntegerField(_("participant's rights: score"), null=True)
    rights_comment = models.TextField(_("participant's rights: comment"), blank=True)
    burden_suggestions = models.TextField(
        _("suggestions about the burden of the protocol"),
        blank=True,
        help_text=_("Too many visits, exams or trips? What would make taking part easier?"),
    )
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(condition=_score_range(f"{c}_score"), name=f"reviews_{c}_1_4")
            for c in ("readability", "framework", "constraints", "rights")
        ]

    def __str__(self) -> str:
        return _("Review by %(reviewer)s") % {"reviewer": self.assignment.reviewer}

    def score(self, criterion: str) -> int | None:
        value: int | None = getattr(self, f"{criterion}_score")
        return value

    def comment(self, criterion: str) -> str:
        value: str = getattr(self, f"{criterion}_comment")
        return value


class AnswerState(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Taken into account")
    REJECTED = "rejected", _("Not taken into account")


class AnchoredComment(TimeStampedModel):
    """A comment on a passage of one document version. The quote and its context let the
    comment follow its passage into the next version when the text still matches."""

    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("document version"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="review_comments",
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quoted passage"))
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    comment = models.TextField(_("comment"))
    suggestion = models.TextField(_("suggested rewording"), blank=True)
    answer = models.CharField(
        _("answer"), max_length=10, choices=AnswerState.choices, default=AnswerState.PENDING
    )
    answer_reason = models.TextField(_("reason"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("same comment on the earlier version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    class Meta:
        verbose_name = _("anchored comment")
        verbose_name_plural = _("anchored comments")
        ordering = ["version", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="reviews_comment_span")
        ]

    def __str__(self) -> str:
        return self.quote[:60]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class ConsolidatedReport(TimeStampedModel):
    """One report per round: per criterion, the reviewers' scores and comments merged into one
    text by the coordinator."""

    round = models.OneToOneField(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="report"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    readability_text = models.TextField(_("readability"), blank=True)
    framework_text = models.TextField(_("framework and objectives"), blank=True)
    constraints_text = models.TextField(_("constraints"), blank=True)
    rights_text = models.TextField(_("participant's rights"), blank=True)
    burden_text = models.TextField(_("burden of the protocol"), blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    reviewer_names = models.JSONField(_("reviewers named"), default=list, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")

    def __str__(self) -> str:
        return _("Report of %(round)s") % {"round": self.round}

    def text(self, criterion: str) -> str:
        value: str = getattr(self, f"{criterion}_text")
        return value
