"""Writes of the GRAM: one function per state change (transaction, lock and re-read, refusal
as a translated DomainError that writes nothing, action log, notifications after commit).

Split by meaning; every public name stays importable from `tandem.governance.services`."""

from tandem.governance.services._common import (
    ACTION_WORKFLOW,
    AMENDMENT_WORKFLOW,
    DEFAULT_COLLEGES,
    MEETING_WORKFLOW,
    MINUTES_WORKFLOW,
    PROPOSAL_WORKFLOW,
    PROXY_WORKFLOW,
    VOTE_WORKFLOW,
)
from tandem.governance.services.attendance import (
    answer_convocation,
    check_in,
    declare_conflict,
    give_proxy,
    withdraw_proxy,
)
from tandem.governance.services.body import (
    adopt_quorum_rule,
    appoint,
    change_quota,
    create_body,
    end_mandate,
    renew_mandate,
)
from tandem.governance.services.meetings import (
    add_agenda_item,
    add_document,
    cancel_meeting,
    close_meeting,
    comment_on_document,
    convene,
    open_meeting,
    plan_year,
    schedule_meeting,
)
from tandem.governance.services.minutes import (
    AMENDMENTS_CLOSING_DAYS,
    amend_minutes,
    approve_minutes,
    decide_amendment,
    draft_minutes,
    remind_amendments_closing,
)
from tandem.governance.services.minutes_items import record_minutes_items
from tandem.governance.services.proposals import (
    add_action,
    answer_proposal,
    cosign,
    draft_proposal,
    put_on_agenda,
    refresh_clarity,
    send_reminders,
    transmit,
    update_action,
)
from tandem.governance.services.votes import (
    cast_ballot,
    close_vote,
    open_vote,
    record_ballot,
)

__all__ = [
    "ACTION_WORKFLOW",
    "AMENDMENTS_CLOSING_DAYS",
    "AMENDMENT_WORKFLOW",
    "DEFAULT_COLLEGES",
    "MEETING_WORKFLOW",
    "MINUTES_WORKFLOW",
    "PROPOSAL_WORKFLOW",
    "PROXY_WORKFLOW",
    "VOTE_WORKFLOW",
    "add_action",
    "add_agenda_item",
    "add_document",
    "adopt_quorum_rule",
    "amend_minutes",
    "answer_convocation",
    "answer_proposal",
    "appoint",
    "approve_minutes",
    "cancel_meeting",
    "cast_ballot",
    "change_quota",
    "check_in",
    "close_meeting",
    "close_vote",
    "comment_on_document",
    "convene",
    "cosign",
    "create_body",
    "decide_amendment",
    "declare_conflict",
    "draft_minutes",
    "draft_proposal",
    "end_mandate",
    "give_proxy",
    "open_meeting",
    "open_vote",
    "plan_year",
    "put_on_agenda",
    "record_ballot",
    "record_minutes_items",
    "refresh_clarity",
    "remind_amendments_closing",
    "renew_mandate",
    "schedule_meeting",
    "send_reminders",
    "transmit",
    "update_action",
    "withdraw_proxy",
]
