"""What the writes of events share: the workflows of events, registrations and claims, and
the calendar's cache key, bumped after a change that the calendar shows commits."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.core.cache import bump
from tandem.core.transitions import Workflow
from tandem.events.models import (
    CLAIM_TRANSITIONS,
    EVENT_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    ClaimStatus,
    EventStatus,
    RegistrationStatus,
)

EVENT_WORKFLOW = Workflow(
    states=EventStatus,
    table=EVENT_TRANSITIONS,
    message=_("This event cannot go from “%(from)s” to “%(to)s”."),
)
REGISTRATION_WORKFLOW = Workflow(
    states=RegistrationStatus,
    table=REGISTRATION_TRANSITIONS,
    message=_("This registration cannot go from “%(from)s” to “%(to)s”."),
    messages={RegistrationStatus.CANCELLED: _("This registration is cancelled.")},
)
CLAIM_WORKFLOW = Workflow(
    states=ClaimStatus,
    table=CLAIM_TRANSITIONS,
    message=_("This claim cannot go from “%(from)s” to “%(to)s”."),
    messages={
        ClaimStatus.APPROVED: _("This claim is already decided."),
        ClaimStatus.REJECTED: _("This claim is already decided."),
    },
)


# The calendar's pages are kept in the shared cache (tandem.core.cache), stale in every
# process as soon as a change that they show commits.
CALENDAR = "events-calendar"


def calendar_changed() -> None:
    transaction.on_commit(lambda: bump(CALENDAR))
