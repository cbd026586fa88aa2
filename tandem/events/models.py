"""Events and training: the course catalogue, events with their sessions, registrations (a
workflow with a waiting list), feedback, personal calendar feeds and travel expense claims."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.accounts.models import AccessibilityNeed
from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.validators import validate_single_line
from tandem.directory.models import Region


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    LAB_MEETING = "lab_meeting", _("Meeting in a laboratory")
    DEBATE = "debate", _("Theme-based meeting or debate")
    NATIONAL = "national", _("National meeting")


class Topic(models.TextChoices):
    HEALTH_ENVIRONMENT = "health_environment", _("Health and environment")
    CLINICAL_RESEARCH = "clinical_research", _("Clinical research")
    VACCINATION = "vaccination", _("Vaccination")
    COGNITION = "cognition", _("Cognitive function")
    INFLAMMATION = "inflammation", _("Inflammation")
    REVIEWING = "reviewing", _("Reviewing documents for patients")
    OTHER = "other", _("Other subject")


class Eligibility(models.TextChoices):
    PARTNERS = "partners", _("Members of partner organizations")
    RESEARCHERS = "researchers", _("Researchers")
    EVERYONE = "everyone", _("Everyone with an account")


class PlaceKind(models.TextChoices):
    UNIT = "unit", _("In a research unit's laboratory")
    ADDRESS = "address", _("At an address")
    ONLINE = "online", _("Online")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter on request")
    QUIET_ROOM = "quiet_room", _("Quiet room")
    EASY_READ = "easy_read", _("Easy-to-read documents")


class Visibility(models.TextChoices):
    """Who sees an event: everyone (the public calendar), or only the people it is for (the
    members of the working group or project whose meeting it is, as the app that owns the
    meeting says through `tandem.events.audiences`), the people registered, and the officers."""

    PUBLIC = "public", _("Everyone: on the public calendar")
    MEMBERS = "members", _("Only the members of its group or project")


class Prerequisite(models.TextChoices):
    NONE = "", _("Not a prerequisite")
    COLLEGE = "college", _("Required to review for the College of Reviewers")


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for approval")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not approved")
    CANCELLED = "cancelled", _("Cancelled")


EVENT_TRANSITIONS: dict[str, set[str]] = {
    EventStatus.PROPOSED: {EventStatus.PUBLISHED, EventStatus.REJECTED},
    EventStatus.PUBLISHED: {EventStatus.CANCELLED},
    EventStatus.REJECTED: set(),
    EventStatus.CANCELLED: set(),
}


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("registration status", "Registered")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a place")
    CONFIRMED = "confirmed", _("Place confirmed")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


# The one table of allowed transitions. A place is held by registered, offered and confirmed
# registrations, and still counted once the day has come (attended, no-show). A place holder
# may be moved back to the waiting list when an officer lowers the capacity.
REGISTRATION_TRANSITIONS: dict[str, set[str]] = {
    RegistrationStatus.REGISTERED: {
        RegistrationStatus.CANCELLED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.NO_SHOW,
        RegistrationStatus.WAITING,
    },
    RegistrationStatus.WAITING: {RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED},
    RegistrationStatus.OFFERED: {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.WAITING,
    },
    RegistrationStatus.CONFIRMED: {
        RegistrationStatus.CANCELLED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.NO_SHOW,
        RegistrationStatus.WAITING,
    },
    RegistrationStatus.CANCELLED: set(),
    RegistrationStatus.ATTENDED: {RegistrationStatus.NO_SHOW},
    RegistrationStatus.NO_SHOW: {RegistrationStatus.ATTENDED},
}

HOLDS_A_PLACE = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
ACTIVE = (*HOLDS_A_PLACE, RegistrationStatus.WAITING)
# Who may claim travel expenses for an event: the people who had a place and were not
# recorded as absent (a no-show holds a place in the count, but did not travel). The one
# rule: the claim form offers these events (`queries.claimable_events`) and the claim service
# refuses the others.
MAY_CLAIM = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
)


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


CLAIM_TRANSITIONS: dict[str, set[str]] = {
    ClaimStatus.SUBMITTED: {ClaimStatus.APPROVED, ClaimStatus.REJECTED},
    ClaimStatus.APPROVED: set(),
    ClaimStatus.REJECTED: set(),
}


class Course(TimeStampedModel):
    """A course of the training catalogue; its sessions are events of kind training."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("summary"))
    objectives = models.TextField(_("learning objectives"), help_text=_("One objective per line."))
    duration_hours = models.PositiveSmallIntegerField(
        _("duration in hours"), default=3, validators=[MinValueValidator(1)]
    )
    prerequisite_for = models.CharField(
        _("prerequisite for"),
        max_length=10,
        choices=Prerequisite.choices,
        default=Prerequisite.NONE,
        blank=True,
    )
    is_active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:course", args=[self.pk])

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]


class Event(TimeStampedModel):
    kind = models.CharField(_("kind of event"), max_length=12, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    description = models.TextField(_("description"))
    audience = models.CharField(
        _("for whom"), max_length=300, blank=True, validators=[validate_single_line]
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PUBLISHED
    )
    place_kind = models.CharField(_("place"), max_length=8, choices=PlaceKind.choices)
    unit = models.ForeignKey(
        "directory.ResearchUnit",
        verbose_name=_("research unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, validators=[validate_single_line]
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    online_url = models.URLField(
        _("link to join online"),
        blank=True,
        help_text=_("Shown only to the people who have a place."),
    )
    capacity = models.PositiveIntegerField(
        _("number of places"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    # Places held (registered, offered, confirmed, attended, no-show), kept by the services
    # under the event's row lock: the calendar reads it without counting.
    places_taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    waiting_count = models.PositiveIntegerField(_("on the waiting list"), default=0, editable=False)
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    confirm_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered place"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    visibility = models.CharField(
        _("who sees it"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    eligibility = models.CharField(
        _("who may register"),
        max_length=12,
        choices=Eligibility.choices,
        default=Eligibility.EVERYONE,
    )
    questions = models.TextField(
        _("questions asked at registration"),
        blank=True,
        help_text=_("One question per line."),
    )
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    # The first session's start and the last one's end, kept by the services: the calendar
    # sorts and filters on them.
    starts_at = models.DateTimeField(_("starts"), null=True, editable=False)
    ends_at = models.DateTimeField(_("ends"), null=True, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_events",
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="events_calendar"),
            models.Index(fields=["status", "kind", "starts_at"], name="events_calendar_kind"),
            models.Index(fields=["status", "topic", "starts_at"], name="events_calendar_topic"),
            models.Index(fields=["status", "region", "starts_at"], name="events_calendar_region"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.pk])

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def accessibility_labels(self) -> list[str]:
        return [str(label) for code, label in Accessibility.choices if code in self.accessibility]

    def place_label(self) -> str:
        if self.place_kind == PlaceKind.ONLINE:
            return str(_("Online"))
        if self.place_kind == PlaceKind.UNIT and self.unit is not None:
            return ", ".join(part for part in (str(self.unit), self.unit.city) if part)
        return ", ".join(part for part in (self.address, self.city) if part)


class Session(models.Model):
    """One date of an event (a two-day training has two; a national meeting its programme)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(
        _("programme item"), max_length=200, blank=True, validators=[validate_single_line]
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_session_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%Y-%m-%d %H:%M}"


class Registration(TimeStampedModel):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    # Arrival order on the waiting list (the event's counter, taken under its row lock).
    queue_number = models.PositiveIntegerField(_("arrival number"), default=0)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_notes = models.TextField(_("other needs, in your own words"), blank=True)
    offered_until = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queue_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status", "queue_number"], name="events_reg_queue"),
            models.Index(fields=["user", "status"], name="events_reg_person"),
            models.Index(fields=["status", "offered_until"], name="events_reg_offers"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", args=[self.pk])

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE

    def accessibility_need_labels(self) -> list[str]:
        """The needs in the reader's language, in the order of the choices."""
        return [
            str(label)
            for code, label in AccessibilityNeed.choices
            if code in self.accessibility_needs
        ]


class Feedback(TimeStampedModel):
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(
        _("overall, how was it?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    clear = models.PositiveSmallIntegerField(
        _("was it easy to follow?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("anything to tell us?"), blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.registration} ({self.rating}/5)"


class CalendarFeed(TimeStampedModel):
    """A person's private iCalendar feed: whoever knows the token reads the person's events,
    so the token can be renewed (the old address then stops working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("secret token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


def _receipt_upload_to(instance: Receipt, filename: str) -> str:
    return f"events/receipts/{instance.claim.user_id}/{uuid.uuid4().hex}"


class ExpenseClaim(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="expense_claims",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="expense_claims"
    )
    amount = models.DecimalField(
        _("amount in euros"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(10_000)],
    )
    description = models.TextField(_("what the expenses were"))
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("travel expense claim")
        verbose_name_plural = _("travel expense claims")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "-created"], name="events_claims_queue")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event} ({self.amount} €)"

    def get_absolute_url(self) -> str:
        return reverse("events:claim", args=[self.pk])


class Receipt(TimeStampedModel):
    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="receipts"
    )
    file = models.FileField(_("file"), upload_to=_receipt_upload_to)
    original_filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type of file"), max_length=8)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_filename
