"""Trainings and events: sessions held, registrations, attendance, waiting lists, feedback.
An event belongs to the month of its first session."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.events.models import (
    EventKind,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
)
from tandem.reporting.indicators import filters
from tandem.reporting.indicators.base import (
    INSTITUTE,
    OFFICE,
    Chart,
    Indicator,
    Result,
    Series,
    Unit,
    average,
    month_labels,
    monthly_counts,
    per_month,
    percent,
    register,
)
from tandem.reporting.scope import Scope

EVENT_FILTERS = frozenset({INSTITUTE, OFFICE})
HELD = (EventStatus.PUBLISHED,)
PLACES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
WAITING = (RegistrationStatus.WAITING, RegistrationStatus.OFFERED)


def _manage(scope: Scope) -> str:
    return reverse("events:manage")


def _registrations(scope: Scope) -> Q:
    start, end = scope.period.bounds()
    return Q(
        filters.events(scope, "event__"),
        event__status__in=HELD,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    )


def sessions(scope: Scope) -> Result:
    counts = monthly_counts(
        Session.objects.filter(filters.events(scope, "event__"), event__status__in=HELD),
        "starts_at",
        scope,
        training=Q(event__kind=EventKind.TRAINING),
    )
    return Result(
        value=sum(counts["all"]),
        labels=month_labels(scope),
        series=(
            Series(_("Sessions"), counts["all"]),
            Series(_("Of which training sessions"), counts["training"]),
        ),
    )


def registrations(scope: Scope) -> Result:
    counts = Registration.objects.filter(_registrations(scope)).aggregate(
        **{code: Count("pk", filter=Q(status=code)) for code in RegistrationStatus.values}
    )
    values = tuple(int(counts[code] or 0) for code in RegistrationStatus.values)
    return Result(
        value=sum(int(counts[code] or 0) for code in PLACES),
        labels=tuple(str(label) for label in RegistrationStatus.labels),
        series=(Series(_("Registrations"), values),),
    )


def _per_event_month(scope: Scope, **counts: Q) -> dict[str, list[int]]:
    """Counts of the period's registrations per month of their event, in one query of two
    levels: registrations counted per event (each of `counts` a condition), then those counts
    summed per month of the event. The month conditions are read once per event, not once per
    registration (200,000 of them at the benchmark's scale). `events_with_<name>`: the events
    with at least one registration counted under `name`."""
    per_event = (
        Registration.objects.filter(_registrations(scope))
        .values("event")
        .order_by()
        .annotate(
            starts=Min("event__starts_at"),
            **{name: Count("pk", filter=condition) for name, condition in counts.items()},
        )
    )

    def total(name: str) -> Any:
        return lambda month: Sum(name, filter=month)

    def events_with(name: str) -> Any:
        return lambda month: Count("event", filter=month & Q(**{f"{name}__gt": 0}))

    found = per_month(
        per_event,
        "starts",
        scope,
        **{name: total(name) for name in counts},
        **{f"events_with_{name}": events_with(name) for name in counts},
    )
    return {name: [int(v or 0) for v in values] for name, values in found.items()}


def _attendance_and_waiting(scope: Scope) -> dict[str, list[int]]:
    """What attendance and the waiting lists count, in one query shared by both through the
    shared cache (the same life as the dashboard's figures): the scan of every registration of
    the period is the dashboard's costliest."""
    from tandem.core import cache
    from tandem.reporting.dashboard import CACHE_KIND, TIMEOUT

    def compute() -> dict[str, list[int]]:
        return _per_event_month(
            scope,
            came=Q(status=RegistrationStatus.ATTENDED),
            expected=Q(status__in=(RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)),
            waiting=Q(status__in=WAITING),
        )

    return cache.cached(CACHE_KIND, (*scope.key(), "registrations"), compute, timeout=TIMEOUT)


def attendance(scope: Scope) -> Result:
    """Share of the people expected (attended or did not come) who came."""
    rows = _attendance_and_waiting(scope)
    came, expected = rows["came"], rows["expected"]
    return Result(
        value=percent(sum(came), sum(expected)),
        labels=month_labels(scope),
        series=(
            Series(
                _("Attendance (%)"),
                tuple(percent(c, e) for c, e in zip(came, expected, strict=True)),
            ),
        ),
    )


def waiting_lists(scope: Scope) -> Result:
    """People still on a waiting list (or offered a place) for the period's events."""
    rows = _attendance_and_waiting(scope)
    waiting, events = tuple(rows["waiting"]), tuple(rows["events_with_waiting"])
    return Result(
        value=sum(waiting),
        labels=month_labels(scope),
        series=(
            Series(_("People on a waiting list"), waiting),
            Series(_("Events with a waiting list"), events),
        ),
    )


def feedback(scope: Scope) -> Result:
    """Average marks (1 to 5) given by participants, per month of the event."""
    start, end = scope.period.bounds()
    given = Feedback.objects.filter(
        filters.events(scope, "registration__event__"),
        registration__event__status__in=HELD,
        registration__event__starts_at__gte=start,
        registration__event__starts_at__lt=end,
    )
    # Two levels, as for the registrations: sums and counts of marks per event, then per month.
    per_event = (
        given.values("registration__event")
        .order_by()
        .annotate(
            starts=Min("registration__event__starts_at"),
            rating_sum=Sum("rating"),
            rating_n=Count("rating"),
            clear_sum=Sum("clear"),
            clear_n=Count("clear"),
        )
    )

    def total(name: str) -> Any:
        return lambda month: Sum(name, filter=month)

    rows = per_month(
        per_event,
        "starts",
        scope,
        **{name: total(name) for name in ("rating_sum", "rating_n", "clear_sum", "clear_n")},
    )

    def marks(name: str) -> tuple[float | None, ...]:
        pairs = zip(rows[f"{name}_sum"], rows[f"{name}_n"], strict=True)
        return tuple(average([float(s) / n]) if n else None for s, n in pairs)

    # Every mark given falls in one month of the period: the overall mark is their average.
    marks_given = sum(int(n or 0) for n in rows["rating_n"])
    overall = sum(int(s or 0) for s in rows["rating_sum"]) / marks_given if marks_given else None
    return Result(
        value=average([overall]) if overall is not None else None,
        labels=month_labels(scope),
        series=(
            Series(_("Overall mark"), marks("rating")),
            Series(_("Easy to follow"), marks("clear")),
        ),
    )


for slug, title, definition, unit, chart, compute in (
    (
        "event-sessions",
        gettext_lazy("Sessions of trainings and events"),
        gettext_lazy(
            "Sessions of published events held in each month of the period, and how many "
            "of them were training sessions."
        ),
        Unit.COUNT,
        Chart.LINE,
        sessions,
    ),
    (
        "event-registrations",
        gettext_lazy("Registrations"),
        gettext_lazy(
            "Registrations for the published events that start in the period, by their "
            "status today. The value counts the places held (registered, confirmed, "
            "attended, did not come)."
        ),
        Unit.COUNT,
        Chart.BAR,
        registrations,
    ),
    (
        "event-attendance",
        gettext_lazy("Attendance"),
        gettext_lazy(
            "Of the registrations whose attendance was recorded, the percentage of people "
            "who came, per month of the event."
        ),
        Unit.PERCENT,
        Chart.LINE,
        attendance,
    ),
    (
        "event-waiting-lists",
        gettext_lazy("Waiting lists"),
        gettext_lazy(
            "People still on a waiting list or offered a place, and the number of events "
            "with a waiting list, per month of the event."
        ),
        Unit.COUNT,
        Chart.LINE,
        waiting_lists,
    ),
    (
        "event-feedback",
        gettext_lazy("Participants' feedback"),
        gettext_lazy(
            "The average marks (1 to 5) that participants gave: overall, and how easy it was "
            "to follow, per month of the event."
        ),
        Unit.RATING,
        Chart.LINE,
        feedback,
    ),
):
    register(
        Indicator(
            slug=slug,
            section="events",
            title=title,
            definition=definition,
            unit=unit,
            chart=chart,
            compute=compute,
            filters=EVENT_FILTERS,
            records=_manage,
            records_permission="events.manage_events",
        )
    )
