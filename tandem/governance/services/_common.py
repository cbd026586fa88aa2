"""The GRAM's workflows (one transition table each, applied by the one mechanism), its
default colleges and the shared refusal helper."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.core.errors import DomainError
from tandem.core.transitions import Workflow
from tandem.governance.models import (
    ACTION_TRANSITIONS,
    MEETING_TRANSITIONS,
    MINUTES_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    VOTE_TRANSITIONS,
    ActionStatus,
    AmendmentStatus,
    MeetingStatus,
    MinutesStatus,
    ProposalStatus,
    ProxyStatus,
    VoteStatus,
)

MEETING_WORKFLOW = Workflow(
    states=MeetingStatus,
    table=MEETING_TRANSITIONS,
    message=_("This meeting cannot go from “%(from)s” to “%(to)s”."),
)
VOTE_WORKFLOW = Workflow(
    states=VoteStatus,
    table=VOTE_TRANSITIONS,
    message=_("This vote cannot go from “%(from)s” to “%(to)s”."),
)
PROPOSAL_WORKFLOW = Workflow(
    states=ProposalStatus,
    table=PROPOSAL_TRANSITIONS,
    message=_("This proposal cannot go from “%(from)s” to “%(to)s”."),
)
MINUTES_WORKFLOW = Workflow(
    states=MinutesStatus,
    table=MINUTES_TRANSITIONS,
    message=_("These minutes cannot go from “%(from)s” to “%(to)s”."),
    messages={MinutesStatus.APPROVED: _("These minutes are approved: they can no longer change.")},
)
PROXY_WORKFLOW = Workflow(
    states=ProxyStatus,
    table={
        ProxyStatus.ACTIVE: {ProxyStatus.WITHDRAWN, ProxyStatus.CANCELLED},
        ProxyStatus.WITHDRAWN: set(),
        ProxyStatus.CANCELLED: set(),
    },
    message=_("This proxy cannot go from “%(from)s” to “%(to)s”."),
)
AMENDMENT_WORKFLOW = Workflow(
    states=AmendmentStatus,
    table={
        AmendmentStatus.PROPOSED: {AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED},
        AmendmentStatus.ACCEPTED: set(),
        AmendmentStatus.REJECTED: set(),
    },
    message=_("This amendment cannot go from “%(from)s” to “%(to)s”."),
)
ACTION_WORKFLOW = Workflow(
    states=ActionStatus,
    table=ACTION_TRANSITIONS,
    message=_("This action cannot go from “%(from)s” to “%(to)s”."),
)

# The GRAM's colleges as the founding text sets them (DOMAIN.md).
DEFAULT_COLLEGES: tuple[tuple[str, int], ...] = (
    ("patients", 10),
    ("researchers", 5),
    ("administration", 5),
)


def _refuse(message: Any, code: str) -> DomainError:
    return DomainError(message, code=code)
