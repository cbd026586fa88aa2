"""The Science and Society incubator: participatory projects and their stages, support
requests, the resource library (with versions), agreements generated from templates, working
groups and volunteers' contributions."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line, validate_text


def _upload_to(instance: Any, filename: str) -> str:
    # A generated name: the uploaded one could hold a path, markup or a misleading extension.
    return f"incubator/{type(instance).__name__.lower()}/{uuid.uuid4().hex}"


# --- Projects --------------------------------------------------------------------------------


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    DESIGN = "design", _("Design")
    AGREEMENT = "agreement", _("Agreement")
    RUNNING = "running", _("Running")
    RESULTS_SHARED = "results_shared", _("Results shared")
    CLOSED = "closed", _("Closed")


# The one table of allowed moves (STYLE.md 7): forward one stage, back one stage while the
# project is being prepared, and closed from anywhere (a project can stop at any time).
PROJECT_TRANSITIONS: dict[str, set[str]] = {
    ProjectStage.IDEA: {ProjectStage.DESIGN, ProjectStage.CLOSED},
    ProjectStage.DESIGN: {ProjectStage.AGREEMENT, ProjectStage.IDEA, ProjectStage.CLOSED},
    ProjectStage.AGREEMENT: {ProjectStage.RUNNING, ProjectStage.DESIGN, ProjectStage.CLOSED},
    ProjectStage.RUNNING: {ProjectStage.RESULTS_SHARED, ProjectStage.CLOSED},
    ProjectStage.RESULTS_SHARED: {ProjectStage.CLOSED},
    ProjectStage.CLOSED: set(),
}


class SupportKind(models.TextChoices):
    DESIGN = "design", _("Design and methodology")
    AGREEMENT = "agreement", _("Agreement or contract")
    FUNDING = "funding", _("Funding search")
    ETHICS = "ethics", _("Ethics and regulation")
    TRAINING = "training", _("Training")
    COMMUNICATION = "communication", _("Communication")


class Project(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    question = models.TextField(_("research question"), validators=[validate_text])
    why_it_matters = models.TextField(_("why it matters to patients"), validators=[validate_text])
    disease_areas = models.ManyToManyField(
        "directory.DiseaseArea", verbose_name=_("disease areas"), blank=True, related_name="+"
    )
    organizations = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("organizations involved"),
        blank=True,
        related_name="incubator_projects",
    )
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("researchers involved"),
        blank=True,
        related_name="incubator_projects",
    )
    units = models.ManyToManyField(
        "directory.ResearchUnit",
        verbose_name=_("research units involved"),
        blank=True,
        related_name="incubator_projects",
    )
    help_needed = models.JSONField(_("help needed"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposed_projects",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_incubator_projects",
    )
    institute = models.ForeignKey(
        "directory.Institute",
        verbose_name=_("theme-based institute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regional_office = models.ForeignKey(
        "directory.RegionalOffice",
        verbose_name=_("regional office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("followers"), blank=True, related_name="+"
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=ProjectStage.choices,
        default=ProjectStage.IDEA,
        db_index=True,
    )
    # The codes of the current stage's checklist items that are done (see stages.py).
    checklist_done = models.JSONField(default=list, blank=True, editable=False)
    is_public = models.BooleanField(_("show on the public page"), default=False)
    public_summary = models.TextField(
        _("summary for the public"), blank=True, validators=[validate_text]
    )
    # What a partnership agreement is made of.
    purpose = models.TextField(
        _("purpose of the partnership"), blank=True, validators=[validate_text]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    data_handling = models.TextField(
        _("data: what is collected and who holds it"), blank=True, validators=[validate_text]
    )
    publication = models.TextField(
        _("publication of the results"), blank=True, validators=[validate_text]
    )
    volunteer_compensation = models.TextField(
        _("compensation of volunteers"), blank=True, validators=[validate_text]
    )

    class Meta:
        verbose_name = _("participatory project")
        verbose_name_plural = _("participatory projects")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=ProjectStage.values), name="incubator_stage_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incubator:project", args=[self.pk])


class Milestone(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200, validators=[validate_single_line])
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class EntryKind(models.TextChoices):
    NOTE = "note", _("Note")
    DOCUMENT = "document", _("Document")
    DECISION = "decision", _("Decision")
    STAGE = "stage", _("Stage change")


class TimelineEntry(TimeStampedModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    text = models.TextField(_("text"), blank=True, validators=[validate_text])
    file = models.FileField(_("document"), upload_to=_upload_to, blank=True)
    file_kind = models.CharField(max_length=10, blank=True, editable=False)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.project}"


class Contribution(TimeStampedModel):
    """Time a volunteer gave to a project, shown on their profile."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="contributions"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="incubator_contributions",
    )
    role = models.CharField(_("role"), max_length=120, validators=[validate_single_line])
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="incubator_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} — {self.project} ({self.hours} h)"


# --- Support requests ------------------------------------------------------------------------


class SupportStatus(models.TextChoices):
    # A request is feminine in French ("une demande"): its own context, apart from the
    # masculine "Open" and "Cancelled" of meetings and events.
    OPEN = "open", pgettext_lazy("support request", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the requester")
    RESOLVED = "resolved", _("Resolved")
    CANCELLED = "cancelled", pgettext_lazy("support request", "Cancelled")


SUPPORT_TRANSITIONS: dict[str, set[str]] = {
    SupportStatus.OPEN: {SupportStatus.IN_PROGRESS, SupportStatus.CANCELLED},
    SupportStatus.IN_PROGRESS: {
        SupportStatus.WAITING,
        SupportStatus.RESOLVED,
        SupportStatus.CANCELLED,
    },
    SupportStatus.WAITING: {SupportStatus.IN_PROGRESS, SupportStatus.CANCELLED},
    SupportStatus.RESOLVED: {SupportStatus.IN_PROGRESS},
    SupportStatus.CANCELLED: set(),
}
SUPPORT_CLOSED = (SupportStatus.RESOLVED, SupportStatus.CANCELLED)


class SupportRequest(TimeStampedModel):
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="support_requests",
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=SupportKind.choices)
    subject = models.CharField(_("subject"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("what you need"), validators=[validate_text])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="incubator_support_requests",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_support_requests",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SupportStatus.choices,
        default=SupportStatus.OPEN,
        db_index=True,
    )

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SupportStatus.values),
                name="incubator_support_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("incubator:support_request", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_on is not None
            and self.status not in SUPPORT_CLOSED
            and self.due_on < timezone.localdate()
        )


# --- Resource library ------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    PROCEDURE = "procedure", _("Procedure")
    AGREEMENT_TEMPLATE = "agreement_template", _("Agreement or contract template")
    METHOD_GUIDE = "method_guide", _("Methodological guide")
    TRAINING = "training", _("Training material")


class ResourceLanguage(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")
    BOTH = "both", _("French and English")


class ResourceVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members")
    STAFF = "staff", _("Department staff only")


class Resource(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    summary = models.TextField(_("summary"), blank=True, validators=[validate_text])
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    language = models.CharField(_("language"), max_length=4, choices=ResourceLanguage.choices)
    visibility = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=ResourceVisibility.choices,
        default=ResourceVisibility.MEMBERS,
    )
    # The version people find: kept by the services, so that a list shows it without a
    # subquery per row.
    latest = models.ForeignKey(
        "ResourceVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incubator:resource", args=[self.pk])


class ResourceVersion(TimeStampedModel):
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_upload_to)
    file_kind = models.CharField(max_length=10, editable=False)
    original_filename = models.CharField(max_length=255, editable=False)
    change_note = models.TextField(_("what changed"), validators=[validate_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("resource version")
        verbose_name_plural = _("resource versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], name="incubator_unique_resource_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} v{self.number}"


# --- Agreements ------------------------------------------------------------------------------


class Agreement(TimeStampedModel):
    """A partnership agreement of a project: its generated versions, its signatures and the
    signed copy."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="agreements"
    )
    template = models.ForeignKey(
        Resource, verbose_name=_("template"), on_delete=models.PROTECT, related_name="+"
    )
    signed_copy = models.FileField(_("signed copy"), upload_to=_upload_to, blank=True)
    signed_copy_name = models.CharField(max_length=255, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.project} — {self.template}"

    def get_absolute_url(self) -> str:
        return reverse("incubator:agreement", args=[self.pk])


class AgreementVersion(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_upload_to)
    template_version = models.ForeignKey(
        ResourceVersion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, default="fr")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="incubator_unique_agreement_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class Signature(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="signatures"
    )
    party = models.CharField(_("party"), max_length=200, validators=[validate_single_line])
    signatory = models.CharField(_("signed by"), max_length=200, validators=[validate_single_line])
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.signatory} ({self.party})"


# --- Working groups --------------------------------------------------------------------------


class WorkingGroup(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    purpose = models.TextField(_("purpose"), validators=[validate_text])
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_working_groups",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="incubator_working_groups",
    )
    organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("organizations"), blank=True, related_name="+"
    )
    is_public = models.BooleanField(_("show on the public page"), default=False)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incubator:group", args=[self.pk])


class PostKind(models.TextChoices):
    UPDATE = "update", _("Update")
    MESSAGE = "message", _("Discussion")
    DOCUMENT = "document", _("Document")


class GroupPost(TimeStampedModel):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="posts",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    text = models.TextField(_("text"), blank=True, validators=[validate_text])
    file = models.FileField(_("document"), upload_to=_upload_to, blank=True)
    file_kind = models.CharField(max_length=10, blank=True, editable=False)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("working group post")
        verbose_name_plural = _("working group posts")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.group}"


# --- Meetings (events of the events module) ------------------------------------------------


class Meeting(TimeStampedModel):
    """A meeting of a working group or of a project, held as an event of the events module
    (its dates, place, places and registrations live there): this row only links them."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="incubator_meeting",
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event__starts_at", "pk"]
        constraints = [
            # A meeting belongs to a group or to a project, never both, never neither.
            models.CheckConstraint(
                condition=models.Q(group__isnull=False, project__isnull=True)
                | models.Q(group__isnull=True, project__isnull=False),
                name="incubator_meeting_of_one",
            )
        ]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.event_id])
