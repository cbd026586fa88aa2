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
from django.db.models.functions import TruncMonth
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
    # The list of the records behind it: a URL (possibly with the filters it can take).
    records: Callable[[Scope], str] | None = None


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


def monthly_counts(
    rows: QuerySet[Any],
    date_field: str,
    scope: Scope,
    *,
    counted: str = "pk",
    dates: bool = False,
    **counts: Q,
) -> dict[str, tuple[int, ...]]:
    """Counts per month of `rows` within the period, in one grouped query: `{"all": …}`, and
    one series per named condition of `counts` (`attended=Q(status=…)`). `dates`: the field
    is a date, not a time."""
    if dates:
        in_period = rows.filter(
            **{f"{date_field}__gte": scope.period.start, f"{date_field}__lte": scope.period.end}
        )
    else:
        start, end = scope.period.bounds()
        in_period = rows.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
    grouped = (
        in_period.annotate(month=TruncMonth(date_field))
        .values("month")
        .order_by()
        .annotate(
            all=Count(counted, distinct=True),
            **{name: Count(counted, filter=cond, distinct=True) for name, cond in counts.items()},
        )
    )
    by_month = {month_of(row["month"]): row for row in grouped}
    months = scope.period.months()
    return {
        name: tuple(int(by_month.get(m, {}).get(name) or 0) for m in months)
        for name in ("all", *counts)
    }


def month_of(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date().replace(day=1)
    return value.replace(day=1)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def average(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(sum(found) / len(found), 1) if found else None


def days(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)
