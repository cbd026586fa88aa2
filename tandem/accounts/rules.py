"""Named permission predicates for people and roles (STYLE.md 10)."""

from __future__ import annotations

import rules

from tandem.accounts.models import Role


def has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{'|'.join(roles)}")
    def _predicate(user: object) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)  # type: ignore[attr-defined]

    return _predicate


is_admin = has_role(Role.ADMIN)
is_officer = has_role(Role.OFFICER)
is_coordinator = has_role(Role.COORDINATOR)

rules.add_perm("accounts.invite_people", is_officer | is_admin)
rules.add_perm("accounts.manage_roles", is_admin)
rules.add_perm("core.view_outbox", is_admin)
rules.add_perm("core.view_action_log", is_admin | is_officer)
