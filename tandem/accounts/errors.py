from __future__ import annotations

from tandem.core.errors import DomainError


class InvitationInvalid(DomainError):
    pass
