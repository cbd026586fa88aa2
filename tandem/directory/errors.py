from __future__ import annotations

from django.utils.functional import Promise

from tandem.core.errors import DomainError
from tandem.directory.models import Organization


class DuplicateOrganization(DomainError):
    """An identifier (RNA, SIREN, SIRET) already belongs to another organization."""

    def __init__(self, message: str | Promise, *, field: str, existing: Organization) -> None:
        super().__init__(message, code="duplicate")
        self.field = field
        self.existing = existing
