"""The College of Reviewers: requests, turnaround, reviews sent on time, and the clarity
analyzer's indicator of the documents before and after review."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.reporting.indicators import filters
from tandem.reporting.indicators.base import (
    ALL_FILTERS,
    Chart,
    Indicator,
    Result,
    Series,
    Unit,
    average,
    days,
    month_labels,
    monthly_counts,
    per_month,
    percent,
    register,
)
from tandem.reporting.scope import Scope
from tandem.reviews.models import (
    ANALYSED_DOCUMENTS,
    Assignment,
    AssignmentState,
    Document,
    DocumentKind,
    DocumentVersion,
    ReviewRequest,
)

# The College's queue and metrics are its coordinators' (officers); the director and the
# GRAM read the figures without them.
COORDINATE = "reviews.coordinate"


def _queue(scope: Scope) -> str:
    return reverse("reviews:queue")


def review_requests(scope: Scope) -> Result:
    counts = monthly_counts(
        ReviewRequest.objects.filter(filters.review_requests(scope)), "submitted_at", scope
    )
    return Result(
        value=sum(counts["all"]),
        labels=month_labels(scope),
        series=(Series(_("Requests submitted"), counts["all"]),),
    )


def turnaround(scope: Scope) -> Result:
    """Average days from submission to the report, per month of the report."""
    start, end = scope.period.bounds()
    sent = ReviewRequest.objects.filter(
        filters.review_requests(scope),
        report_sent_at__gte=start,
        report_sent_at__lt=end,
        submitted_at__isnull=False,
    )
    overall = sent.aggregate(mean=Avg(F("report_sent_at") - F("submitted_at")))["mean"]
    means = per_month(
        sent,
        "report_sent_at",
        scope,
        mean=lambda month: Avg(F("report_sent_at") - F("submitted_at"), filter=month),
    )["mean"]
    return Result(
        value=days(overall),
        labels=month_labels(scope),
        series=(
            Series(
                _("Average days to the report"),
                tuple(days(mean) for mean in means),
            ),
        ),
    )


def on_time(scope: Scope) -> Result:
    """Share of the reviews sent in the period that were sent by their due date."""
    counts = monthly_counts(
        Assignment.objects.filter(
            filters.review_requests(scope, "round__request__"), state=AssignmentState.SUBMITTED
        ),
        "submitted_at",
        scope,
        on_time=Q(submitted_at__date__lte=F("due")),
    )
    rates = tuple(
        percent(part, whole) for part, whole in zip(counts["on_time"], counts["all"], strict=True)
    )
    return Result(
        value=percent(sum(counts["on_time"]), sum(counts["all"])),
        labels=month_labels(scope),
        series=(Series(_("Reviews sent on time (%)"), rates),),
    )


def clarity_before_after(scope: Scope) -> Result:
    """For each kind of analysed document revised after review (a later version analysed in
    the period): the average indicator of its first version and of its latest one."""
    start, end = scope.period.bounds()
    scored = DocumentVersion.objects.filter(document=OuterRef("pk"), score__isnull=False)
    per_kind: dict[str, Any] = {
        row["kind"]: row
        for row in Document.objects.filter(
            filters.review_requests(scope, "request__"),
            kind__in=ANALYSED_DOCUMENTS,
            latest_version__score__isnull=False,
            latest_version__created__gte=start,
            latest_version__created__lt=end,
        )
        .annotate(
            first_number=Subquery(scored.order_by("number").values("number")[:1]),
            first_score=Subquery(scored.order_by("number").values("score")[:1]),
        )
        .filter(latest_version__number__gt=F("first_number"))
        .values("kind")
        .order_by()
        # Both scores are there: the latest is filtered on, the first is a scored version.
        .annotate(before=Avg("first_score"), after=Avg("latest_version__score"))
    }

    def mean(kind: str, name: str) -> float | None:
        found = per_kind[kind][name] if kind in per_kind else None
        return None if found is None else round(float(found), 1)

    before = [mean(kind, "before") for kind in ANALYSED_DOCUMENTS]
    after = [mean(kind, "after") for kind in ANALYSED_DOCUMENTS]
    gains = [b - a for a, b in zip(before, after, strict=True) if a is not None and b is not None]
    return Result(
        value=average(gains),
        labels=tuple(str(DocumentKind(kind).label) for kind in ANALYSED_DOCUMENTS),
        series=(
            Series(_("First version"), tuple(before)),
            Series(_("After review"), tuple(after)),
        ),
    )


register(
    Indicator(
        slug="review-requests",
        section="reviews",
        title=gettext_lazy("Review requests"),
        definition=gettext_lazy(
            "Studies submitted to the College of Reviewers in each month of the period."
        ),
        unit=Unit.COUNT,
        chart=Chart.LINE,
        compute=review_requests,
        filters=ALL_FILTERS,
        records=_queue,
        records_permission=COORDINATE,
    )
)
register(
    Indicator(
        slug="review-turnaround",
        section="reviews",
        title=gettext_lazy("Review turnaround"),
        definition=gettext_lazy(
            "For the reports sent in the period: the average number of days from the "
            "submission of the study to the consolidated report, per month of the report."
        ),
        unit=Unit.DAYS,
        chart=Chart.LINE,
        compute=turnaround,
        filters=ALL_FILTERS,
        records=_queue,
        records_permission=COORDINATE,
    )
)
register(
    Indicator(
        slug="reviews-on-time",
        section="reviews",
        title=gettext_lazy("Reviews sent on time"),
        definition=gettext_lazy(
            "Reviews sent by reviewers in the period, and the percentage of them sent on or "
            "before their due date, per month."
        ),
        unit=Unit.PERCENT,
        chart=Chart.LINE,
        compute=on_time,
        filters=ALL_FILTERS,
        records=_queue,
        records_permission=COORDINATE,
    )
)
register(
    Indicator(
        slug="clarity-before-after",
        section="reviews",
        title=gettext_lazy("Clarity of documents before and after review"),
        definition=gettext_lazy(
            "Information leaflets and consent forms revised after review, whose latest "
            "version was analysed in the period: the average clarity indicator (0 to 100) of "
            "their first version and of their latest one. The value is the average gain."
        ),
        unit=Unit.SCORE,
        chart=Chart.BAR,
        compute=clarity_before_after,
        filters=ALL_FILTERS,
        records=lambda scope: reverse("reviews:metrics"),
        records_permission=COORDINATE,
    )
)
