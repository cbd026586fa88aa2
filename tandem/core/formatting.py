"""Dates and lists in sentences, written the way the reader's language writes them."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import pgettext


def local_date(value: dt.date | dt.datetime | None) -> str:
    """ "28 novembre 2026" in French, "Nov. 28, 2026" in English (the active language)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "DATE_FORMAT")


def local_datetime(value: dt.datetime | None) -> str:
    """ "28 novembre 2026 14:05" in French, "Nov. 28, 2026, 2:05 PM" in English (the active
    language), at the site's time zone."""
    if value is None:
        return ""
    return formats.date_format(_local(value), "DATETIME_FORMAT")


def local_time(value: dt.datetime | None) -> str:
    """ "14:05" in French, "2:05 PM" in English (the active language), at the site's time
    zone."""
    if value is None:
        return ""
    return formats.time_format(_local(value), "TIME_FORMAT")


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def join_clauses(clauses: list[str]) -> str:
    """Clauses of one sentence separated by semicolons: "a; b" in English, "a\u202f; b" in
    French (a narrow no-break space before the semicolon, so that it never starts a line)."""
    return pgettext("between the clauses of a sentence", "; ").join(clauses)
