"""Who reads the indicators: the Science and Society officers, the GRAM's members, the
director and the administrators. Everyone else is refused (deny by default)."""

from __future__ import annotations

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role

READERS = (Role.OFFICER, Role.GRAM, Role.DIRECTOR, Role.ADMIN)

reads_indicators = has_role(*READERS)

rules.add_perm("reporting.view_indicators", reads_indicators)
