"""The reviewer pool: the College's members (by application or invitation) and their absences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Language
from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.transitions import Workflow
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization


class ReviewerStatus(models.TextChoices):
    APPLIED = "applied", _("Application to validate")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


REVIEWER_WORKFLOW = Workflow(
    states=ReviewerStatus,
    table={
        ReviewerStatus.APPLIED: frozenset({ReviewerStatus.ACTIVE, ReviewerStatus.INACTIVE}),
        ReviewerStatus.ACTIVE: frozenset({ReviewerStatus.INACTIVE}),
        ReviewerStatus.INACTIVE: frozenset({ReviewerStatus.ACTIVE}),
    },
    message=_("This reviewer cannot go from “%(from)s” to “%(to)s”."),
)


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
    def language_labels(self) -> list[str]:
        """The languages read, in words (the profile keeps their codes)."""
        names = dict(Language.choices)
        return [str(names.get(code, code)) for code in self.languages]

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
