"""What the writes of the incubator share: the workflows of projects and support requests,
the staff's roles, and the notifications sent after the commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.incubator.models import (
    PROJECT_TRANSITIONS,
    SUPPORT_TRANSITIONS,
    ProjectStage,
    SupportStatus,
)

PROJECT_WORKFLOW = Workflow(
    states=ProjectStage,
    table=PROJECT_TRANSITIONS,
    field="stage",
    message=_("A project cannot go from “%(from)s” to “%(to)s”."),
    messages={ProjectStage.CLOSED: _("This project is closed.")},
)
SUPPORT_WORKFLOW = Workflow(
    states=SupportStatus,
    table=SUPPORT_TRANSITIONS,
    message=_("A support request cannot go from “%(from)s” to “%(to)s”."),
)

STAFF_ROLES = (Role.OFFICER, Role.ADMIN)


def officers() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True))


def notify_later(people: Iterable[User], *, kind: str, title: str, url: str) -> None:
    recipients = list({p.pk: p for p in people}.values())

    def send() -> None:
        for person in recipients:
            notify(person, kind=kind, title=title, url=url)

    transaction.on_commit(send)
