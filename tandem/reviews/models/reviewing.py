"""The review: the grid of one assignment and the comments anchored to passages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tandem.core.models import TimeStampedModel
from tandem.core.transitions import Workflow
from tandem.reviews.models.requests import DocumentVersion
from tandem.reviews.models.rounds import Assignment


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


REVIEW_WORKFLOW = Workflow(
    states=ReviewState,
    table={ReviewState.DRAFT: {ReviewState.SUBMITTED}, ReviewState.SUBMITTED: set()},
    message=_("This review cannot go from “%(from)s” to “%(to)s”."),
    field="state",
    messages={ReviewState.SUBMITTED: _("This review is already sent; it cannot be changed.")},
)


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


class CommentKind(models.TextChoices):
    UNCLEAR = "unclear", _("Hard to understand")
    MISSING = "missing", _("Missing information")
    INACCURATE = "inaccurate", _("Inaccurate or misleading")
    TONE = "tone", _("Tone or presentation")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor: a suggestion")
    IMPORTANT = "important", _("Important")
    ESSENTIAL = "essential", _("Essential: to fix before the ethics committee")


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
    kind = models.CharField(
        _("kind of remark"), max_length=12, choices=CommentKind.choices, default=CommentKind.OTHER
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
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
