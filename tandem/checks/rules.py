from __future__ import annotations

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role


@rules.predicate
def is_owner(user: object, check: object) -> bool:
    return getattr(check, "owner_id", None) == getattr(user, "pk", object())


is_signed_in = rules.is_authenticated
# The College curates the lexicon: its coordinators and the department's officers.
can_curate = has_role(Role.COORDINATOR, Role.OFFICER, Role.ADMIN)

rules.add_perm("checks.run_check", is_signed_in)
# A check is confidential: only its owner sees it (documents under review are not public).
rules.add_perm("checks.view_check", is_signed_in & is_owner)
rules.add_perm("checks.curate_lexicon", can_curate)
