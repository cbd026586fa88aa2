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


def join_clauses(clauses: list[str]) -> str:
    """Clauses of one sentence separated by semicolons: "a; b" in English, "a\u202f; b" in
    French (a narrow no-break space before the semicolon, so that it never starts a line)."""
    return pgettext("between the clauses of a sentence", "; ").join(clauses)
