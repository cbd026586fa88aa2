"""Notifications stored as words before message ids and parameters: read back into them where
the words are one of Tandem's messages, so that they are shown in the reader's language too.
Words that match no message are left as they are.

The words are matched against every message of the French and English catalogues, placeholders
as groups; the longest message that renders back to exactly the stored words wins. The code
lives here, frozen with the migration (no migration runs live code that may change later);
its pure functions are tested directly (accounts/tests/test_legacy_notifications.py)."""

from __future__ import annotations



import re
from dataclasses import dataclass
from typing import Any

from django.db import migrations
from django.utils.translation import trans_real

# The notification's own words (a reason, a note): tandem.core.notifications.VERBATIM, copied
# here so that the migration keeps working if that module changes.
VERBATIM = "%(text)s"
_PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|%%")
# Below this many characters outside its placeholders a message is too vague to be recognised
# ("%(name)s", "Yes"): the words are left as they are.
MIN_LITERAL = 12


@dataclass(frozen=True)
class _Message:
    msgid: str
    rendered: str  # the message in one language, placeholders included
    pattern: re.Pattern[str]
    numbers: frozenset[str]
    literal: int


def _compile(msgid: str, rendered: str) -> _Message | None:
    parts: list[str] = []
    seen: set[str] = set()
    numbers: set[str] = set()
    literal = 0
    position = 0
    for match in _PLACEHOLDER.finditer(rendered):
        parts.append(re.escape(rendered[position : match.start()]))
        literal += match.start() - position
        position = match.end()
        if match.group(0) == "%%":
            parts.append("%")
            literal += 1
            continue
        name, kind = match.group(1), match.group(2)
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>-?\\d+)" if kind == "d" else f"(?P<{name}>.+?)")
        if kind == "d":
            numbers.add(name)
    parts.append(re.escape(rendered[position:]))
    literal += len(rendered) - position
    if literal < MIN_LITERAL:
        return None
    try:
        pattern = re.compile("".join(parts), re.DOTALL)
    except re.error:
        return None
    return _Message(msgid, rendered, pattern, frozenset(numbers), literal)


def catalogue_messages(languages: tuple[str, ...] = ("fr", "en")) -> list[_Message]:
    """Every singular message of the catalogues, as written in each language, longest first."""
    found: dict[tuple[str, str], _Message] = {}
    for language in languages:
        catalog = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalog.items():
            if not isinstance(msgid, str) or not msgid or "\x04" in msgid:
                continue  # plural forms and messages with a context
            for rendered in {msgid, msgstr}:
                if isinstance(rendered, str) and (msgid, rendered) not in found:
                    message = _compile(msgid, rendered)
                    if message is not None:
                        found[(msgid, rendered)] = message
    return sorted(found.values(), key=lambda m: -m.literal)


def read_back(words: str, messages: list[_Message]) -> tuple[str, dict[str, Any]] | None:
    """(message id, parameters) of stored words, or None when they are no known message."""
    for message in messages:
        match = message.pattern.fullmatch(words)
        if match is None:
            continue
        params: dict[str, Any] = {
            name: int(value) if name in message.numbers else value
            for name, value in match.groupdict().items()
        }
        try:
            if message.rendered % params != words:
                continue
        except (KeyError, TypeError, ValueError):
            continue
        return message.msgid, params
    return None


def convert(title: str, body: str, messages: list[_Message]) -> tuple[str, str, dict] | None:
    """The (title, body, params) to store for a notification stored as words, or None to leave
    it as it is. The body is read back with the title's parameters; a body that is no known
    message is kept as its own words (VERBATIM)."""
    found = read_back(title, messages)
    if found is None:
        return None
    title_id, params = found
    if not body:
        return title_id, "", params
    body_found = read_back(body, messages)
    if body_found is not None:
        body_id, body_params = body_found
        if all(params.get(k, v) == v for k, v in body_params.items()):
            return title_id, body_id, {**params, **body_params}
    if "text" in params:
        return None
    return title_id, VERBATIM, {**params, "text": body}


def convert_stored(Notification: Any) -> int:
    """Convert every notification of `Notification` (a model, possibly historical) stored as
    words. Returns how many were converted."""
    rows = Notification.objects.filter(params__isnull=True)
    if not rows.exists():
        return 0
    messages = catalogue_messages()
    converted = 0
    for row in rows.iterator():
        result = convert(row.title, row.body, messages)
        if result is None:
            continue
        row.title, row.body, row.params = result
        row.save(update_fields=["title", "body", "params"])
        converted += 1
    return converted


def forwards(apps, schema_editor):
    convert_stored(apps.get_model("core", "Notification"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_invitation_grants"),
        ("core", "0003_notification_params"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
