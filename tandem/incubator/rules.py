"""The incubator's permissions (django-rules): who proposes, who manages, who reads."""

from __future__ import annotations

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role
from tandem.incubator import queries

is_staff = has_role(Role.OFFICER, Role.ADMIN)


# The GRAM (its members by a mandate current today) and the director read the portfolio, with
# the department's staff.
@rules.predicate
def reads_portfolio(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and queries.reads_portfolio(user)  # type: ignore[arg-type]


can_propose = has_role(Role.MEMBER, Role.RESEARCHER, Role.OFFICER, Role.ADMIN)
has_any_role = has_role(*Role.values)

rules.add_perm("incubator.propose_project", can_propose)
rules.add_perm("incubator.manage_projects", is_staff)
rules.add_perm("incubator.view_portfolio", reads_portfolio)
rules.add_perm("incubator.request_support", has_any_role)
rules.add_perm("incubator.handle_support", is_staff)
rules.add_perm("incubator.manage_library", is_staff)
rules.add_perm("incubator.manage_groups", is_staff)
