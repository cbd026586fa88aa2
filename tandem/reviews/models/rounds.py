"""Review rounds and the assignments of reviewers to them (seats and ranked alternates)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.transitions import Workflow
from tandem.reviews.models.requests import ReviewRequest


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


ASSIGNMENT_WORKFLOW = Workflow(
    states=AssignmentState,
    table={
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
    },
    message=_("This assignment cannot go from “%(from)s” to “%(to)s”."),
    field="state",
)

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
    # Why this reviewer: a code and its parameters (`explanations.reason_sentence` words them
    # in the reader's language); `reason` holds a free text, or a sentence stored before codes.
    reason = models.TextField(_("why this reviewer"), blank=True)
    reason_code = models.CharField(_("why this reviewer (code)"), max_length=20, blank=True)
    reason_params = models.JSONField(_("why this reviewer (details)"), default=dict, blank=True)
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
    def why(self) -> str:
        """Why this reviewer, in the active language (the stored text when there is no code)."""
        from tandem.reviews.explanations import reason_sentence

        if self.reason_code:
            return reason_sentence(self.reason_code, self.reason_params) or self.reason
        return self.reason
