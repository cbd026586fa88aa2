"""Support requests: asking for help, an officer taking or owning a request, and its moves
along the workflow."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.incubator.models import Project, SupportKind, SupportRequest, SupportStatus
from tandem.incubator.services.common import SUPPORT_WORKFLOW, notify_later, officers


def _refuse_past(due_on: dt.date | None) -> None:
    # Today is still a date one can ask for; the wording is the review deadline's.
    if due_on is not None and due_on < timezone.localdate():
        raise DomainError(_("The deadline must be a date to come."), code="past", field="due_on")


def request_support(
    by: User,
    *,
    kind: str,
    subject: str,
    description: str,
    project: Project | None = None,
    due_on: dt.date | None = None,
) -> SupportRequest:
    """Open a support request, inside a project or on its own. Logs
    `incubator.support.requested`; tells the officers after the commit."""
    if kind not in SupportKind.values:
        raise DomainError(_("Unknown kind of help."), code="invalid_kind")
    _refuse_past(due_on)
    with transaction.atomic():
        support = SupportRequest.objects.create(
            project=project,
            kind=kind,
            subject=subject.strip(),
            description=description,
            requested_by=by,
            due_on=due_on,
        )
        log_action(support, "incubator.support.requested", by=by, data={"kind": kind})
        notify_later(
            officers(),
            kind="incubator.support",
            title=gettext_noop("New support request: %(subject)s"),
            params={"subject": support.subject},
            url=support.get_absolute_url(),
        )
    return support


def take_support_request(support: SupportRequest, *, by: User) -> SupportRequest:
    """An officer takes an open request: they own it, it is in progress. A request someone
    else took in the meantime is refused. Logs `incubator.support.taken`."""
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        if support.owner_id is not None and support.owner_id != by.pk:
            raise DomainError(
                _("%(name)s has already taken this request.")
                % {"name": support.owner.get_full_name() if support.owner else ""},
                code="already_taken",
            )
        if support.owner_id == by.pk and support.status == SupportStatus.IN_PROGRESS:
            return support
        SUPPORT_WORKFLOW.apply(support, SupportStatus.IN_PROGRESS)
        support.owner = by
        support.save(update_fields=["status", "owner", "updated"])
        log_action(support, "incubator.support.taken", by=by)
        if support.requested_by:
            notify_later(
                [support.requested_by],
                kind="incubator.support",
                title=gettext_noop("%(name)s takes care of your request “%(subject)s”."),
                params={"name": by.get_full_name(), "subject": support.subject},
                url=support.get_absolute_url(),
            )
    return support


def assign_support_request(
    support: SupportRequest, *, owner: User, due_on: dt.date | None, by: User
) -> SupportRequest:
    """Give a request an owner (an officer) and a due date. Logs
    `incubator.support.assigned`."""
    if not owner.has_role(Role.OFFICER):
        raise DomainError(
            _("Only a Science and Society officer can own a request."), code="not_officer"
        )
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        if support.status == SupportStatus.CANCELLED:
            raise DomainError(_("This request is cancelled."), code="cancelled")
        if due_on != support.due_on:  # a late request keeps its date when its owner changes
            _refuse_past(due_on)
        support.owner = owner
        support.due_on = due_on
        support.save(update_fields=["owner", "due_on", "updated"])
        log_action(support, "incubator.support.assigned", by=by, data={"owner": owner.pk})
        if owner.pk != by.pk:
            notify_later(
                [owner],
                kind="incubator.support",
                title=gettext_noop("A support request is yours: %(subject)s"),
                params={"subject": support.subject},
                url=support.get_absolute_url(),
            )
    return support


def move_support_request(
    support: SupportRequest, *, to: str, by: User, note: str = ""
) -> SupportRequest:
    """Change a request's status along its workflow. Logs `incubator.support.moved`; tells
    the requester after the commit."""
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        previous = support.status
        SUPPORT_WORKFLOW.apply(support, to)
        if to == SupportStatus.IN_PROGRESS and support.owner_id is None:
            support.owner = by
        support.save(update_fields=["status", "owner", "updated"])
        log_action(
            support,
            "incubator.support.moved",
            by=by,
            data={"from": previous, "to": to, "note": note.strip()[:500]},
        )
        if support.requested_by and support.requested_by.pk != by.pk:
            notify_later(
                [support.requested_by],
                kind="incubator.support",
                title=gettext_noop("Your request “%(subject)s” is now “%(status)s”."),
                params={"subject": support.subject, "status": SupportStatus(to)},
                url=support.get_absolute_url(),
            )
    return support
