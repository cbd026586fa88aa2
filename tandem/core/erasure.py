"""What the shared pieces (action log, notifications) do when a person's account is erased.

The action log keeps its entries (the history of studies and organizations needs them), but
their descriptions were written with the person's name or address in them ("Review by …",
"… accepted your invitation"). These helpers take those words out, wherever they were written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from tandem.core.models import ActionLogEntry, Notification


def erased_label(pk: object) -> str:
    """What an erased person is called from then on, in the log and in others' notifications."""
    return _("Deleted account #%(id)s") % {"id": pk}


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    kept = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not kept:
        return None
    # Whole words only: another person's longer name ("Martinez" beside "Martin") is kept.
    either = "|".join(re.escape(w) for w in kept)
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE)


def mentioning(fields: Iterable[str], words: Iterable[str]) -> Q:
    """Rows whose free-text `fields` hold one of `words`, whatever their case (none for no
    word)."""
    query = Q(pk__in=[])
    for field in fields:
        for word in words:
            if word.strip():
                query |= Q(**{f"{field}__icontains": word.strip()})
    return query


def _length(model: type[models.Model], name: str) -> int | None:
    """How long a column's text may be in the database (a character field's); None for a text
    field, whose length is the form's business, not a reason to cut what erasure rewrites."""
    field = model._meta.get_field(name)
    return field.max_length if isinstance(field, models.CharField) else None


def redact_rows(
    rows: models.QuerySet[Any], fields: Sequence[str], words: Iterable[str], *, label: str
) -> int:
    """Replace `words` (an erased person's address, full name), whatever their case, by `label`
    in the free-text `fields` of `rows` (a module's minutes, notes, comments). Only the rows
    that hold one of the words are read and written; a replacement is cut to a character
    field's length, a text field keeps its whole text. Returns the rows changed."""
    words = [w for w in words if w and w.strip()]
    pattern = _pattern(words)
    if pattern is None:
        return 0
    limits = {name: _length(rows.model, name) for name in fields}
    changed = 0
    for row in rows.filter(mentioning(fields, words)):
        before = [getattr(row, name) for name in fields]
        for name, limit in limits.items():
            setattr(row, name, pattern.sub(label, getattr(row, name))[:limit])
        if [getattr(row, name) for name in fields] != before:
            row.save(update_fields=list(fields))
            changed += 1
    return changed


def redact(words: Iterable[str], *, label: str) -> int:
    """Replace `words` (an erased person's address, full name) by `label` in every action-log
    description and every notification, whoever received it. Returns the rows changed."""
    words = [w for w in words if w and w.strip()]
    pattern = _pattern(words)
    if pattern is None:
        return 0
    changed = redact_rows(ActionLogEntry.objects.all(), ["object_repr"], words, label=label)
    changed += redact_rows(Notification.objects.all(), ["title", "body"], words, label=label)
    # Notifications stored as message ids and parameters: the names are in the parameters
    # (JSON, where a non-ASCII letter may be escaped: both spellings are looked for).
    spellings = {*words, *(json.dumps(w.strip())[1:-1] for w in words)}
    with_params = Notification.objects.filter(params__isnull=False).annotate(
        params_text=Cast("params", models.TextField())
    )
    for note in with_params.filter(mentioning(["params_text"], spellings)):
        note.params = {
            key: pattern.sub(label, value) if isinstance(value, str) else value
            for key, value in (note.params or {}).items()
        }
        note.save(update_fields=["params"])
        changed += 1
    return changed


def forget_objects(model: type[models.Model], pks: Iterable[object], *, label: str) -> int:
    """The log's description of objects that belonged to an erased person (a check, a token:
    their titles are free text) becomes `label`."""
    return ActionLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).update(object_repr=label)
