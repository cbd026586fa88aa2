"""What an indicator is computed over: a period (a year, a quarter or custom dates) cut into
months, and the filters (theme-based institute, regional office, disease area, kind of
organization). Plain frozen data: it is part of the cache key and of the API's answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

# The years a period may cover: nothing in Tandem is older, and dates far away would overflow.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A custom period is at most this long: a chart of more months would not be read.
MAX_DAYS = 5 * 366


class PeriodKind:
    YEAR = "year"
    QUARTER = "quarter"
    CUSTOM = "custom"
    ALL = (YEAR, QUARTER, CUSTOM)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    kind: str
    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * quarter - 2, 1)
        after = _month_after(_month_after(_month_after(first)))
        return cls(PeriodKind.QUARTER, first, after - _ONE_DAY)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTER:
            return _("Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches, in order: the series' buckets."""
        month = self.start.replace(day=1)
        found = []
        while month <= self.end:
            found.append(month)
            month = _month_after(month)
        return found

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as aware datetimes: from its first day's midnight to the next day after
        its last (excluded), in the site's time zone."""
        from django.utils import timezone

        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(self.end + _ONE_DAY, dt.time.min, tzinfo=zone)
        return start, end


_ONE_DAY = dt.timedelta(days=1)


def _month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_label(month: dt.date) -> str:
    """A month as a chart and a table show it: "January 2026", "janvier 2026" (Django's
    abbreviated French months are ambiguous: "Jui" is June and July)."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Scope:
    """A period and the filters (ids; `kind` a code of OrganizationKind; empty: all)."""

    period: Period
    institute: int | None = None
    regional_office: int | None = None
    disease_area: int | None = None
    kind: str = ""
    # The ids of the disease area and of every area under it, found once per scope.
    area_ids: tuple[int, ...] = field(default=(), compare=False)

    def key(self) -> tuple[object, ...]:
        """The cache key's parts: every value the indicators depend on."""
        p = self.period
        return (
            p.kind,
            p.start.isoformat(),
            p.end.isoformat(),
            self.institute or "",
            self.regional_office or "",
            self.disease_area or "",
            self.kind,
        )

    def given(self) -> frozenset[str]:
        """The filters set."""
        names = {
            "institute": self.institute,
            "regional_office": self.regional_office,
            "disease_area": self.disease_area,
            "kind": self.kind,
        }
        return frozenset(name for name, value in names.items() if value)


def period_problem(start: dt.date | None, end: dt.date | None) -> str:
    """Why a custom period cannot be used ("" when it can): the form and the API say it alike."""
    if start is None or end is None:
        return _("Give the first and the last day of the period.")
    if start.year < FIRST_YEAR or end.year > LAST_YEAR:
        return _("Choose dates between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
    if end < start:
        return _("The period must end after it starts.")
    if (end - start).days > MAX_DAYS:
        return _("A period can last five years at most.")
    return ""


def build_scope(
    *,
    period: str,
    year: int,
    quarter: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    institute: int | None = None,
    regional_office: int | None = None,
    disease_area: int | None = None,
    kind: str = "",
) -> Scope:
    """A scope from checked values (the form's or the API's)."""
    if period == PeriodKind.QUARTER:
        chosen = Period.quarter(year, quarter or 1)
    elif period == PeriodKind.CUSTOM and start is not None and end is not None:
        chosen = Period(PeriodKind.CUSTOM, start, end)
    else:
        chosen = Period.year(year)
    return Scope(
        chosen,
        institute=institute,
        regional_office=regional_office,
        disease_area=disease_area,
        kind=kind,
    )
