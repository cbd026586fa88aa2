"""Volunteers' contributions: the time given to a project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.incubator.models import Contribution, Project


def record_contribution(
    project: Project, *, volunteer: User, role: str, hours: Decimal, on: dt.date, by: User
) -> Contribution:
    """Record a volunteer's time on a project. Logs `incubator.contribution.recorded`."""
    if hours <= 0:
        raise DomainError(_("The number of hours must be positive."), code="invalid_hours")
    with transaction.atomic():
        contribution = Contribution.objects.create(
            project=project,
            volunteer=volunteer,
            role=role.strip(),
            hours=hours,
            on=on,
            recorded_by=by,
        )
        log_action(
            project,
            "incubator.contribution.recorded",
            by=by,
            data={"contribution": contribution.pk, "hours": str(hours)},
        )
    return contribution
