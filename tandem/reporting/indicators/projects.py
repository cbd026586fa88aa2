"""Participatory projects by stage, and the support requests with their delays (the
incubator)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.models import ActionLogEntry
from tandem.incubator.models import Project, ProjectStage, SupportRequest, SupportStatus
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
    register,
)
from tandem.reporting.scope import Scope


def projects_by_stage(scope: Scope) -> Result:
    """Projects proposed before the end of the period, by their stage today."""
    _start, end = scope.period.bounds()
    counts = Project.objects.filter(filters.projects(scope), created__lt=end).aggregate(
        **{code: Count("pk", filter=Q(stage=code)) for code in ProjectStage.values}
    )
    values = tuple(int(counts[code] or 0) for code in ProjectStage.values)
    return Result(
        value=sum(values),
        labels=tuple(str(label) for label in ProjectStage.labels),
        series=(Series(_("Projects"), values),),
    )


def support_requests(scope: Scope) -> Result:
    """Support requests made in each month, and those of them resolved since."""
    counts = monthly_counts(
        SupportRequest.objects.filter(filters.projects(scope, "project__")),
        "created",
        scope,
        resolved=Q(status=SupportStatus.RESOLVED),
    )
    return Result(
        value=sum(counts["all"]),
        labels=month_labels(scope),
        series=(
            Series(_("Requests made"), counts["all"]),
            Series(_("Of which resolved"), counts["resolved"]),
        ),
    )


def support_delays(scope: Scope) -> Result:
    """Days from a request to its resolution, for the requests resolved in the period (the
    time of resolution is the action log's `incubator.support.moved` to "resolved")."""
    start, end = scope.period.bounds()
    resolved = dict(
        ActionLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(SupportRequest),
            action="incubator.support.moved",
            data__to=SupportStatus.RESOLVED,
            time__gte=start,
            time__lt=end,
        )
        .order_by("time")
        .values_list("object_id", "time")
    )
    requests = SupportRequest.objects.filter(
        filters.projects(scope, "project__"),
        pk__in=[int(pk) for pk in resolved if pk.isdigit()],
    ).values_list("pk", "created")
    months = scope.period.months()
    per_month: dict[object, list[float]] = {m: [] for m in months}
    for pk, created in requests:
        when = resolved[str(pk)]
        month = timezone.localtime(when).date().replace(day=1)
        waited = days(when - created)
        if month in per_month and waited is not None:
            per_month[month].append(waited)
    everything = [d for values in per_month.values() for d in values]
    return Result(
        value=average(everything),
        labels=month_labels(scope),
        series=(
            Series(_("Average days to resolution"), tuple(average(per_month[m]) for m in months)),
        ),
    )


register(
    Indicator(
        slug="projects-by-stage",
        section="projects",
        title=gettext_lazy("Participatory projects by stage"),
        definition=gettext_lazy(
            "Projects of the incubator proposed before the end of the period, by their stage "
            "today. The value is the number of projects."
        ),
        unit=Unit.COUNT,
        chart=Chart.BAR,
        compute=projects_by_stage,
        filters=ALL_FILTERS,
        records=lambda scope: reverse("incubator:portfolio"),
        records_permission="incubator.view_portfolio",
    )
)
register(
    Indicator(
        slug="support-requests",
        section="projects",
        title=gettext_lazy("Support requests"),
        definition=gettext_lazy(
            "Requests for support made to the department in each month of the period, and "
            "how many of them are resolved today."
        ),
        unit=Unit.COUNT,
        chart=Chart.LINE,
        compute=support_requests,
        filters=ALL_FILTERS,
        records=lambda scope: reverse("incubator:queue"),
        records_permission="incubator.handle_support",
    )
)
register(
    Indicator(
        slug="support-delays",
        section="projects",
        title=gettext_lazy("Delay to resolve a support request"),
        definition=gettext_lazy(
            "For the requests resolved in the period: the average number of days from the "
            "request to its resolution, per month of resolution."
        ),
        unit=Unit.DAYS,
        chart=Chart.LINE,
        compute=support_delays,
        filters=ALL_FILTERS,
        records=lambda scope: reverse("incubator:queue"),
        records_permission="incubator.handle_support",
    )
)
