"""Permissions of events and training (django-rules)."""

from __future__ import annotations

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role

is_events_staff = has_role(Role.OFFICER, Role.ADMIN)
is_researcher = has_role(Role.RESEARCHER)


@rules.predicate
def is_owner(user: object, obj: object) -> bool:
    return getattr(obj, "user_id", None) == getattr(user, "pk", object())


# Officers (and administrators) run the events: create, edit, approve, attendance, claims.
rules.add_perm("events.manage_events", is_events_staff)
# Researchers propose meetings in their laboratory.
rules.add_perm("events.propose_meeting", is_researcher)
# A registration or a claim: its person, and the officers.
rules.add_perm("events.view_registration", rules.is_authenticated & (is_owner | is_events_staff))
rules.add_perm("events.view_claim", rules.is_authenticated & (is_owner | is_events_staff))
