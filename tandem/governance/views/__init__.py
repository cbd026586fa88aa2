"""Pages of the GRAM: thin views (fetch and authorise, validate, call one service, respond).

Split by meaning; every view stays reachable as `tandem.governance.views.<name>`."""

from tandem.governance.views.attendance import (
    answer_convocation,
    check_in,
    declare_conflict,
    give_proxy,
    withdraw_proxy,
)
from tandem.governance.views.body import (
    adopt_quorum_rule,
    appoint,
    body_page,
    change_quota,
    end_mandate,
    renew,
)
from tandem.governance.views.meetings import (
    MEETING_VERBS,
    add_document,
    add_item,
    document,
    meeting,
    meeting_calendar,
    meeting_transition,
    meetings,
    new_meeting,
    plan_year,
)
from tandem.governance.views.minutes import (
    amend_minutes,
    approve_minutes,
    decide_amendment,
    draft_minutes,
    minutes,
    minutes_compare,
    minutes_pdf,
)
from tandem.governance.views.proposals import (
    add_action,
    answer_proposal,
    cosign,
    new_proposal,
    proposal,
    proposals,
    schedule,
    transmit,
    update_action,
)
from tandem.governance.views.public import (
    calendar_feed,
    public,
)
from tandem.governance.views.votes import (
    cast_ballot,
    close_vote,
    open_vote,
    record_ballot,
    vote,
)

__all__ = [
    "MEETING_VERBS",
    "add_action",
    "add_document",
    "add_item",
    "adopt_quorum_rule",
    "amend_minutes",
    "answer_convocation",
    "answer_proposal",
    "appoint",
    "approve_minutes",
    "body_page",
    "calendar_feed",
    "cast_ballot",
    "change_quota",
    "check_in",
    "close_vote",
    "cosign",
    "decide_amendment",
    "declare_conflict",
    "document",
    "draft_minutes",
    "end_mandate",
    "give_proxy",
    "meeting",
    "meeting_calendar",
    "meeting_transition",
    "meetings",
    "minutes",
    "minutes_compare",
    "minutes_pdf",
    "new_meeting",
    "new_proposal",
    "open_vote",
    "plan_year",
    "proposal",
    "proposals",
    "public",
    "record_ballot",
    "renew",
    "schedule",
    "transmit",
    "update_action",
    "vote",
    "withdraw_proxy",
]
