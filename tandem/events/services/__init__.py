"""Writes of events and training: one function per state change (docs/events.md), one module per
part of the work: the catalogue of courses and events (`catalogue`), registrations
(`registrations`), the waiting list and capacity (`waiting_list`), the day itself (`attendance`:
reminders, attendance, feedback), the calendar feed (`feed`) and travel expenses (`claims`);
`common` holds the workflows and the calendar's cache key.

Every function that changes places locks the event's row first (`select_for_update`), then
reads and counts inside the same transaction: two people registering at the same moment for
the last place are served one after the other, so a place is never given twice. On SQLite,
where a transaction takes the database's write lock when it begins (`transaction_mode`
IMMEDIATE in the settings), the same code queues the writers behind the busy timeout.

Pages, the API, commands and tasks call them as `services.<function>`; the package re-exports
them so that callers need not know the module."""

from tandem.events.services.attendance import (
    ON_THE_LIST,
    give_feedback,
    record_attendance,
    send_reminders,
)
from tandem.events.services.catalogue import (
    EVENT_FIELDS,
    SessionData,
    cancel_event,
    create_event,
    decide_proposal,
    propose_lab_meeting,
    save_course,
    update_event,
)
from tandem.events.services.claims import decide_claim, submit_claim
from tandem.events.services.common import (
    CALENDAR,
    CLAIM_WORKFLOW,
    EVENT_WORKFLOW,
    REGISTRATION_WORKFLOW,
)
from tandem.events.services.feed import feed_of, renew_feed_token
from tandem.events.services.registrations import (
    cancel_registration,
    confirm_offer,
    is_eligible,
    register,
)
from tandem.events.services.waiting_list import (
    CapacityConflict,
    affected_by_capacity,
    expire_offers,
    set_capacity,
)

__all__ = [
    "CALENDAR",
    "CLAIM_WORKFLOW",
    "EVENT_FIELDS",
    "EVENT_WORKFLOW",
    "ON_THE_LIST",
    "REGISTRATION_WORKFLOW",
    "CapacityConflict",
    "SessionData",
    "affected_by_capacity",
    "cancel_event",
    "cancel_registration",
    "confirm_offer",
    "create_event",
    "decide_claim",
    "decide_proposal",
    "expire_offers",
    "feed_of",
    "give_feedback",
    "is_eligible",
    "propose_lab_meeting",
    "record_attendance",
    "register",
    "renew_feed_token",
    "save_course",
    "send_reminders",
    "set_capacity",
    "submit_claim",
    "update_event",
]
