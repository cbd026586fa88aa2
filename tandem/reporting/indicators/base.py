"""An indicator is a small definition: a name, a sentence saying how it is computed, the unit
of its value, how its series are drawn, the filters that apply to it, the list of records
behind it, and one function that computes it for a scope with a few aggregate queries.

The registry is a list of these definitions, filled when the modules of this package are
imported (at start-up): definitions, not data, so nothing that changes is kept in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise

from tandem.reporting.scope import Scope, month_label

# Filters an indicator may follow (the names of Scope's fields).
INSTITUTE, OFFICE, AREA, KIND = "institute", "regional_office", "disease_area", "kind"
ALL_FILTERS = frozenset({INSTITUTE, OFFICE, AREA, KIND})


class Unit:
    COUNT = "count"
    PERCENT = "percent"
    DAYS = "days"
    SCORE = "score"  # the clarity analyzer's indicator, 0 to 100
    RATING = "rating"  # a feedback mark, 1 to 5


class Chart:
    BAR = "bar"  # categories side by side (one bar per series in each)
    LINE = "line"  # months in order


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | int | None, ...]


@dataclass(frozen=True)
class Result:
    """An indicator's figures: the headline `value`, and `series` over `labels` (months or
    categories), the same numbers that the chart draws and the table lists."""

    value: float | int | None
    labels: tuple[str, ...]
    series: tuple[Series, ...]

    def rows(self) -> list[tuple[str, list[float | int | None]]]:
        """The table: one row per label, one column per series."""
        return [
            (label, [s.values[index] for s in self.series])
            for index, label in enumerate(self.labels)
        ]

    def as_data(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "labels": list(self.labels),
            "series": [{"name": s.name, "values": list(s.values)} for s in self.series],
        }


@dataclass(frozen=True)
class Indicator:
    slug: str
    section: str
    title: Promise
    definition: Promise
    unit: str
    chart: str
    compute: Callable[[Scope], Result]
    filters: frozenset[str] = field(default_factory=frozenset)
    # The list of the records behind it: a URL (possibly with the filters it can take), and
    # the permission that page asks for ("": open to every reader of the indicators). The
    # dashboard shows the link only to a reader who holds it (records_for).
    records: Callable[[Scope], str] | None = None
    records_permission: str = ""

    def records_for(self, scope: Scope, user: Any) -> str:
        """The link to the records behind the indicator, or "" when `user` may not open it."""
        if self.records is None:
            return ""
        if self.records_permission and not user.has_perm(self.records_permission):
            return ""
        return self.records(scope)


_registry: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.slug in _registry:
        raise ValueError(f"Two indicators are named {indicator.slug}")
    _registry[indicator.slug] = indicator
    return indicator


def all_indicators() -> list[Indicator]:
    return list(_registry.values())


def get(slug: str) -> Indicator | None:
    return _registry.get(slug)


# --- Helpers shared by the definitions ----------------------------------------------------


def month_labels(scope: Scope) -> tuple[str, ...]:
    return tuple(month_label(m) for m in scope.period.months())


def month_filters(date_field: str, scope: Scope, *, dates: bool = False) -> list[Q]:
    """One condition per month of the period on `date_field` (a range: `gte` its first day,
    `lt` the next month's), in the site's time zone. `dates`: the field is a date."""
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    found = []
    for month in scope.period.months():
        after = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if dates:
            start: dt.date = month
            end: dt.date = after
        else:
            start = dt.datetime.combine(month, dt.time.min, tzinfo=zone)
            end = dt.datetime.combine(after, dt.time.min, tzinfo=zone)
        found.append(Q(**{f"{date_field}__gte": start, f"{date_field}__lt": end}))
    return found


def per_month(
    rows: QuerySet[Any],
    date_field: str,
    scope: Scope,
    *,
    dates: bool = False,
    **measures: Callable[[Q], Any],
) -> dict[str, list[Any]]:
    """Aggregates of `rows` for each month of the period, in one query: each measure is
    `lambda month: Count("pk", filter=month & …)`, given the month's condition.

    Conditional aggregates over month ranges, rather than grouping by a truncated date: the
    database compares the dates with its own index-friendly operators instead of calling a
    truncation per row (on SQLite a Python function: 200,000 registrations took seconds)."""
    months = month_filters(date_field, scope, dates=dates)
    if not months:
        return {name: [] for name in measures}
    row = rows.order_by().aggregate(
        **{
            f"{name}__{index}": make(month)
            for name, make in measures.items()
            for index, month in enumerate(months)
        }
    )
    return {name: [row[f"{name}__{index}"] for index in range(len(months))] for name in measures}


def monthly_counts(
    rows: QuerySet[Any],
    date_field: str,
    scope: Scope,
    *,
    counted: str = "pk",
    dates: bool = False,
    **counts: Q,
) -> dict[str, tuple[int, ...]]:
    """Counts per month of `rows` within the period, in one query: `{"all": …}`, and one
    series per named condition of `counts` (`attended=Q(status=…)`). `dates`: the field is a
    date, not a time."""
    if dates:
        in_period = rows.filter(
            **{f"{date_field}__gte": scope.period.start, f"{date_field}__lte": scope.period.end}
        )
    else:
        start, end = scope.period.bounds()
        in_period = rows.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})

    def count(condition: Q | None) -> Callable[[Q], Any]:
        def make(month: Q) -> Count:
            return Count(counted, filter=month & condition if condition else month, distinct=True)

        return make

    found = per_month(
        in_period,
        date_field,
        scope,
        dates=dates,
        all=count(None),
        **{name: count(condition) for name, condition in counts.items()},
    )
    return {name: tuple(int(v or 0) for v in values) for name, values in found.items()}


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def average(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(sum(found) / len(found), 1) if found else None


def days(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)
