"""Domain errors carry a translated message for the person who caused them."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """`field` names the input the error is about, when one is: a page shows the message
    beside that field, the API answers a 400 naming it."""

    def __init__(
        self, message: str | Promise, *, code: str = "invalid", field: str | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(DomainError):
    """A move a workflow's table forbids (raised by `tandem.core.transitions.Workflow`)."""
