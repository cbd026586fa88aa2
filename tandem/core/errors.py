"""Domain errors carry a translated message for the person who caused them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.functional import Promise


class DomainError(Exception):
    def __init__(self, message: str | Promise, *, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(DomainError):
    pass


def apply_transition(
    obj: Any, *, field: str, to: str, allowed: Mapping[str, Iterable[str]], message: str | Promise
) -> None:
    """Move `obj.<field>` to `to` if the transition table allows it, else raise a translated
    TransitionNotAllowed built from `message` (with %(from)s and %(to)s, the states' labels).
    Each workflow keeps its own table and message; this is the one place that applies them."""
    current = getattr(obj, field)
    if to not in allowed.get(current, ()):
        labels = dict(obj._meta.get_field(field).flatchoices)
        raise TransitionNotAllowed(
            message % {"from": labels.get(current, current), "to": labels.get(to, to)}
        )
    setattr(obj, field, to)
