"""Who reads the indicators: the Science and Society officers, the director and the
administrators by their role, and the GRAM's members by a mandate current today (as in the
GRAM itself, the "gram" role alone opens nothing). Everyone else is refused (deny by default)."""

from __future__ import annotations

from typing import Any

import rules

from tandem.accounts.models import Role
from tandem.governance.queries import is_member as is_gram_member

STAFF_READERS = (Role.OFFICER, Role.DIRECTOR, Role.ADMIN)


def reads_indicators(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_role(*STAFF_READERS) or is_gram_member(user)


rules.add_perm("reporting.view_indicators", rules.predicate(reads_indicators))
