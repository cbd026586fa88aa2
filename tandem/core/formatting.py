"""Dates in sentences, written the way the reader's language writes them."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone


def local_date(value: dt.date | dt.datetime | None) -> str:
    """ "28 novembre 2026" in French, "Nov. 28, 2026" in English (the active language)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "DATE_FORMAT")
