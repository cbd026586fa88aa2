"""What the shared pieces (action log, notifications) do when a person's account is erased.

The action log keeps its entries (the history of studies and organizations needs them), but
their descriptions were written with the person's name or address in them ("Review by …",
"… accepted your invitation"). These helpers take those words out, wherever they were written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

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
    return re.compile("|".join(re.escape(w) for w in kept), re.IGNORECASE)


def _containing(fields: Iterable[str], words: Iterable[str]) -> Q:
    query = Q(pk__in=[])
    for field in fields:
        for word in words:
            if word.strip():
                query |= Q(**{f"{field}__icontains": word.strip()})
    return query


def redact(words: Iterable[str], *, label: str) -> int:
    """Replace `words` (an erased person's address, full name) by `label` in every action-log
    description and every notification, whoever received it. Returns the rows changed."""
    words = [w for w in words if w and w.strip()]
    pattern = _pattern(words)
    if pattern is None:
        return 0
    changed = 0
    for entry in ActionLogEntry.objects.filter(_containing(["object_repr"], words)):
        entry.object_repr = pattern.sub(label, entry.object_repr)[:300]
        entry.save(update_fields=["object_repr"])
        changed += 1
    for note in Notification.objects.filter(_containing(["title", "body"], words)):
        note.title = pattern.sub(label, note.title)[:300]
        note.body = pattern.sub(label, note.body)
        note.save(update_fields=["title", "body"])
        changed += 1
    # Notifications stored as message ids and parameters: the names are in the parameters
    # (JSON, where a non-ASCII letter may be escaped: both spellings are looked for).
    spellings = {*words, *(json.dumps(w.strip())[1:-1] for w in words)}
    with_params = Notification.objects.filter(params__isnull=False).annotate(
        params_text=Cast("params", models.TextField())
    )
    for note in with_params.filter(_containing(["params_text"], spellings)):
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
