"""What the writes of the incubator share: the workflows of projects and support requests,
the staff's roles, the notifications sent after the commit, and the documents attached to
timeline entries and group posts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.core.uploads import clean_filename
from tandem.incubator.models import (
    PROJECT_TRANSITIONS,
    SUPPORT_TRANSITIONS,
    GroupPost,
    ProjectStage,
    SupportStatus,
    TimelineEntry,
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


def notify_later(
    people: Iterable[User],
    *,
    kind: str,
    title: str | Promise,
    url: str,
    params: dict[str, Any] | None = None,
) -> None:
    """Tell these people after the commit. With `params`, `title` is a message id
    (gettext_noop) shown in each reader's language (`core.notifications.notify`)."""
    recipients = list({p.pk: p for p in people}.values())

    def send() -> None:
        for person in recipients:
            notify(person, kind=kind, title=title, url=url, params=params)

    transaction.on_commit(send)


def attach_upload(
    row: TimelineEntry | GroupPost, upload: UploadedFile | None, file_kind: str
) -> None:
    """Keep a document (checked by the form) on a timeline entry or a group post, under its
    cleaned name and with its kind; nothing without one. The caller saves the row."""
    if upload is None:
        return
    row.original_filename = clean_filename(upload.name or "")
    row.file_kind = file_kind
    row.file.save("upload", upload, save=False)
