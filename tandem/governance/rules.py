"""Permissions of the GRAM. Membership comes from mandates and their dates, read each time
(never from the role alone, never cached with the roles)."""

from __future__ import annotations

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role
from tandem.governance import queries


@rules.predicate
def is_member_today(user: object) -> bool:
    return queries.is_member(user)


@rules.predicate
def is_secretariat(user: object) -> bool:
    return queries.is_secretariat(user)


is_director = has_role(Role.DIRECTOR)
is_staff = has_role(Role.OFFICER, Role.ADMIN)

# The members' area: agendas, documents, attendance, votes, every proposal.
rules.add_perm("governance.view_members_area", is_member_today | is_director | is_staff)
# The secretariat: the body, mandates, meetings, convocations, attendance, votes.
rules.add_perm("governance.run_secretariat", is_secretariat)
# What a member does in person: answer, give a proxy, declare a conflict, vote, draft, co-sign.
rules.add_perm("governance.act_as_member", is_member_today)
# The Directorate General answers the proposals.
rules.add_perm("governance.answer_proposals", is_director)
# Actions: the secretariat and the Directorate General follow them up.
rules.add_perm("governance.follow_actions", is_secretariat | is_director)
# The yearly activity report: the members, the Directorate General and the staff.
rules.add_perm("governance.view_report", is_member_today | is_director | is_staff)
