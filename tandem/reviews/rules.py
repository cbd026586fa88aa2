"""Named permission predicates of the College of Reviewers (STYLE.md 10). Which objects a person
may see is decided by `queries`; these say which actions a role may take."""

from __future__ import annotations

from typing import Any

import rules

from tandem.accounts.models import Role
from tandem.accounts.rules import has_role

is_coordinator = has_role(Role.COORDINATOR, Role.ADMIN)
is_reviewer = has_role(Role.REVIEWER)
is_researcher = has_role(Role.RESEARCHER)
can_apply = has_role(Role.MEMBER, Role.REVIEWER)


@rules.predicate
def is_submitter(user: Any, request: Any) -> bool:
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    if request.submitted_by_id == user.pk:
        return True
    return any(d.pk == user.pk for d in request.delegates.all())


@rules.predicate
def has_sent_review_in(user: Any, round: Any) -> bool:
    """The person sent their own review in this round (pretalx's rule: read the others' reviews
    only once yours is in)."""
    if round is None or not getattr(user, "is_authenticated", False):
        return False
    from tandem.reviews.queries import rounds_reviewed_by

    return rounds_reviewed_by(user).filter(pk=round.pk).exists()


rules.add_perm("reviews.coordinate", is_coordinator)
# Reviews and comments of a round: the workspace and the comparison of versions both ask this.
rules.add_perm("reviews.read_round_reviews", is_coordinator | has_sent_review_in)
rules.add_perm("reviews.submit_request", is_researcher | is_coordinator)
rules.add_perm("reviews.review", is_reviewer)
rules.add_perm("reviews.apply", can_apply)
rules.add_perm("reviews.act_for_request", is_submitter)
