"""The GRAM: meetings held, attendance per college, proposals and the answers of the
Directorate General, follow-up actions done."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.governance.models import (
    Action,
    ActionStatus,
    Answer,
    Attendance,
    College,
    Decision,
    Meeting,
    MeetingStatus,
    Presence,
    Proposal,
    ProposalStatus,
)
from tandem.reporting.indicators import filters
from tandem.reporting.indicators.base import (
    KIND,
    Chart,
    Indicator,
    Result,
    Series,
    Unit,
    month_labels,
    monthly_counts,
    percent,
    register,
)
from tandem.reporting.scope import Scope


def meetings(scope: Scope) -> Result:
    counts = monthly_counts(
        Meeting.objects.all(),
        "starts_at",
        scope,
        held=Q(status=MeetingStatus.CLOSED),
        cancelled=Q(status=MeetingStatus.CANCELLED),
    )
    return Result(
        value=sum(counts["held"]),
        labels=month_labels(scope),
        series=(
            Series(_("Meetings held"), counts["held"]),
            Series(_("Meetings cancelled"), counts["cancelled"]),
        ),
    )


def attendance(scope: Scope) -> Result:
    """Per college: the seats present (in the room or remote) at the meetings held in the
    period, as a percentage of the seats convened."""
    start, end = scope.period.bounds()
    present = Q(presence__in=(Presence.ROOM, Presence.REMOTE))
    rows = {
        row["mandate__college"]: row
        for row in Attendance.objects.filter(
            filters.organizations(scope, "mandate__organization__"),
            meeting__status=MeetingStatus.CLOSED,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        .values("mandate__college")
        .order_by()
        .annotate(seats=Count("pk"), present=Count("pk", filter=present))
    }
    colleges = [
        (college.pk, college.label)
        for college in College.objects.order_by("body", "position", "pk").only("name", "code")
    ]
    rates = tuple(
        percent(rows[pk]["present"], rows[pk]["seats"]) if pk in rows else None
        for pk, _name in colleges
    )
    return Result(
        value=percent(
            sum(r["present"] for r in rows.values()), sum(r["seats"] for r in rows.values())
        ),
        labels=tuple(name for _pk, name in colleges),
        series=(Series(_("Attendance (%)"), rates),),
    )


def proposals(scope: Scope) -> Result:
    """Proposals drafted in the period, by their status today."""
    start, end = scope.period.bounds()
    counts = Proposal.objects.filter(created__gte=start, created__lt=end).aggregate(
        **{code: Count("pk", filter=Q(status=code)) for code in ProposalStatus.values}
    )
    values = tuple(int(counts[code] or 0) for code in ProposalStatus.values)
    return Result(
        value=sum(values),
        labels=tuple(str(label) for label in ProposalStatus.labels),
        series=(Series(_("Proposals"), values),),
    )


def answers(scope: Scope) -> Result:
    """The Directorate General's answers given in the period, by decision."""
    start, end = scope.period.bounds()
    counts = Answer.objects.filter(created__gte=start, created__lt=end).aggregate(
        **{code: Count("pk", filter=Q(decision=code)) for code in Decision.values}
    )
    values = tuple(int(counts[code] or 0) for code in Decision.values)
    return Result(
        value=sum(values),
        labels=tuple(str(label) for label in Decision.labels),
        series=(Series(_("Answers"), values),),
    )


def actions(scope: Scope) -> Result:
    """Follow-up actions due in the period, by status; the value is the share done."""
    counts = Action.objects.filter(
        due__gte=scope.period.start, due__lte=scope.period.end
    ).aggregate(**{code: Count("pk", filter=Q(status=code)) for code in ActionStatus.values})
    values = tuple(int(counts[code] or 0) for code in ActionStatus.values)
    return Result(
        value=percent(int(counts[ActionStatus.DONE] or 0), sum(values)),
        labels=tuple(str(label) for label in ActionStatus.labels),
        series=(Series(_("Actions"), values),),
    )


def _meetings(scope: Scope) -> str:
    return reverse("governance:meetings")


def _proposals(scope: Scope) -> str:
    return reverse("governance:proposals")


for slug, title, definition, unit, chart, compute, records, applies in (
    (
        "gram-meetings",
        gettext_lazy("GRAM meetings"),
        gettext_lazy(
            "Meetings of the GRAM planned in each month of the period: those held and those "
            "cancelled. The value is the number of meetings held."
        ),
        Unit.COUNT,
        Chart.LINE,
        meetings,
        _meetings,
        frozenset(),
    ),
    (
        "gram-attendance",
        gettext_lazy("Attendance at the GRAM per college"),
        gettext_lazy(
            "For the meetings held in the period: the seats present, in the room or remote, "
            "as a percentage of the seats convened, in each college."
        ),
        Unit.PERCENT,
        Chart.BAR,
        attendance,
        _meetings,
        frozenset({KIND}),
    ),
    (
        "gram-proposals",
        gettext_lazy("GRAM proposals"),
        gettext_lazy("Proposals drafted in the period, by their status today."),
        Unit.COUNT,
        Chart.BAR,
        proposals,
        _proposals,
        frozenset(),
    ),
    (
        "gram-answers",
        gettext_lazy("Answers of the Directorate General"),
        gettext_lazy("Answers given to the GRAM's proposals in the period, by decision."),
        Unit.COUNT,
        Chart.BAR,
        answers,
        _proposals,
        frozenset(),
    ),
    (
        "gram-actions",
        gettext_lazy("Follow-up actions"),
        gettext_lazy(
            "Actions decided after the answers, due in the period, by status today. The "
            "value is the percentage done."
        ),
        Unit.PERCENT,
        Chart.BAR,
        actions,
        _proposals,
        frozenset(),
    ),
):
    register(
        Indicator(
            slug=slug,
            section="gram",
            title=title,
            definition=definition,
            unit=unit,
            chart=chart,
            compute=compute,
            filters=applies,
            records=records,
            # The meetings page is the GRAM's members' area; the proposals page is public.
            records_permission="governance.view_members_area" if records is _meetings else "",
        )
    )
