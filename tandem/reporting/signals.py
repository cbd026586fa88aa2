"""The dashboard's cached figures go stale when a record they count changes: a save or a
delete of any of these models bumps the "reporting" version once the transaction commits.
Writes in bulk send no signal; the figures' short life (dashboard.TIMEOUT) covers them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from tandem.core import cache
from tandem.directory.models import Organization
from tandem.events.models import Event, Feedback, Registration, Session
from tandem.governance.models import Action, Answer, Attendance, Meeting, Proposal
from tandem.incubator.models import Project, SupportRequest
from tandem.reporting.dashboard import CACHE_KIND
from tandem.reviews.models import Assignment, DocumentVersion, ReviewRequest

WATCHED = (
    Organization,
    Project,
    SupportRequest,
    ReviewRequest,
    Assignment,
    DocumentVersion,
    Event,
    Session,
    Registration,
    Feedback,
    Meeting,
    Attendance,
    Proposal,
    Answer,
    Action,
)


def _stale(sender: type, **kwargs: Any) -> None:
    transaction.on_commit(lambda: cache.bump(CACHE_KIND))


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_stale, sender=model, dispatch_uid=f"reporting-{model.__name__}")
        post_delete.connect(_stale, sender=model, dispatch_uid=f"reporting-del-{model.__name__}")
