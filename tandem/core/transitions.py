"""The one transition mechanism (STYLE.md 7). A module declares each of its workflows once, next
to its model: the states (a `TextChoices`), the field that holds them, the table of allowed
moves and the translated message for a move the table forbids::

    REQUEST_WORKFLOW = Workflow(
        states=RequestStatus,
        table={RequestStatus.DRAFT: {RequestStatus.SUBMITTED}, ...},
        message=_("This request cannot go from “%(from)s” to “%(to)s”."),
    )

Services move an object with `REQUEST_WORKFLOW.apply(request, RequestStatus.SUBMITTED)` (it
raises `TransitionNotAllowed`, with the states' labels in the message, and changes nothing when
the table forbids the move); predicates and presenters ask `allowed_targets(obj)` or
`can(obj, to)` what is possible, so that pages never test raw statuses."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.functional import Promise

from tandem.core.errors import TransitionNotAllowed

__all__ = ["TransitionNotAllowed", "Workflow"]


@dataclasses.dataclass(frozen=True)
class Workflow:
    """A state machine over one field of a model. `table` maps each state to the states it may
    go to; `message` has %(from)s and %(to)s (the states' labels); `messages` gives a state a
    message of its own for every move out of it (a final state, usually)."""

    states: type[models.TextChoices]
    table: Mapping[str, Iterable[str]]
    message: str | Promise
    field: str = "status"
    code: str = "invalid"
    messages: Mapping[str, str | Promise] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen sets, and a table that names every state and only states: a mistake in a
        # table fails at import, not on the day the move is tried.
        table = {str(k): frozenset(str(t) for t in v) for k, v in self.table.items()}
        known = set(self.states.values)
        if set(table) != known or any(not targets <= known for targets in table.values()):
            raise ValueError(f"The table of {self.states.__name__} must list every state once.")
        object.__setattr__(self, "table", table)

    def allowed_targets(self, obj: Any) -> frozenset[str]:
        """The states `obj` may go to from where it is now."""
        return self.targets_from(getattr(obj, self.field))

    def targets_from(self, current: str) -> frozenset[str]:
        return frozenset(self.table.get(current, frozenset()))

    def can(self, obj: Any, to: str) -> bool:
        return to in self.allowed_targets(obj)

    def check(self, current: str, to: str) -> None:
        """Raise TransitionNotAllowed unless the table allows `current` → `to` (for a dry run
        that has the states but not the object)."""
        if to in self.targets_from(current):
            return
        message = self.messages.get(current, self.message)
        raise TransitionNotAllowed(
            message % {"from": self._label(current), "to": self._label(to)}, code=self.code
        )

    def apply(self, obj: Any, to: str) -> None:
        """Move `obj` to `to` in memory (the caller saves it, inside its transaction, after
        locking and re-reading the row), or raise and leave it as it was."""
        self.check(getattr(obj, self.field), to)
        setattr(obj, self.field, to)

    def _label(self, state: str) -> Any:
        return self.states(state).label if state in self.states.values else state
