"""A person's health information: the disease areas they live with, or care for someone who
lives with. Optional, stored only with their consent, and seen by the person alone.

Writes and the one read live here together, because every one of them asks the same question
first (is this the person?) and answers it the same way (the rule
`directory.health_information_of`). Nothing else reads these models: the directory, organization
pages, member lists, search, matching and the API never show them. The action log records that
the information was saved or deleted, never what it says."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.directory.models import (
    DiseaseArea,
    HealthCondition,
    HealthInformation,
    HealthRelation,
)
from tandem.directory.rules import HEALTH_INFORMATION_OF


def _check(by: Any, person: User) -> None:
    if not rules.test_rule(HEALTH_INFORMATION_OF, by, person):
        raise PermissionDenied


def health_information_of(person: User, *, viewer: Any) -> HealthInformation | None:
    """The person's health information with its conditions and their disease areas (two
    queries), or None when they gave none. PermissionDenied for anyone but the person."""
    _check(viewer, person)
    return (
        HealthInformation.objects.filter(user=person)
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=HealthCondition.objects.select_related("disease_area"),
            )
        )
        .first()
    )


def save_health_information(
    person: User,
    *,
    by: User,
    conditions: Iterable[tuple[DiseaseArea, str]],
    consent: bool = False,
) -> HealthInformation | None:
    """Replace the disease areas the person gave with `conditions` (area, HealthRelation value).
    Only the person may (PermissionDenied). Storing anything the first time needs their consent
    (DomainError `consent`), whose time is kept; an empty list deletes everything, as withdrawing
    consent does. Logs `directory.health_information.saved` on the person when something changed,
    with no health data in the entry."""
    _check(by, person)
    wanted = {(area.pk, HealthRelation(relation).value) for area, relation in conditions}
    if not wanted:
        delete_health_information(person, by=by)
        return None
    with transaction.atomic():
        info = HealthInformation.objects.select_for_update().filter(user=person).first()
        created = False
        if info is None:
            if not consent:
                raise DomainError(
                    _("Tick the consent box to store your health information."), code="consent"
                )
            # get_or_create: a second tab saving at the same moment finds the row instead of
            # failing on the one-per-person constraint.
            info, created = HealthInformation.objects.get_or_create(
                user=person, defaults={"consented_at": timezone.now()}
            )
        current = {(c.disease_area_id, c.relation): c.pk for c in info.conditions.all()}
        stale = [pk for key, pk in current.items() if key not in wanted]
        new = [
            HealthCondition(information=info, disease_area_id=area_id, relation=relation)
            for area_id, relation in sorted(wanted - current.keys())
        ]
        if stale:
            HealthCondition.objects.filter(pk__in=stale).delete()
        HealthCondition.objects.bulk_create(new, ignore_conflicts=True)
        if created or stale or new:
            log_action(person, "directory.health_information.saved", by=by)
    return info


def delete_health_information(person: User, *, by: User) -> bool:
    """Withdraw consent: delete the person's health information and its conditions for good
    (not hidden). Only the person may (PermissionDenied). Logs
    `directory.health_information.deleted` when something was stored; returns whether it was."""
    _check(by, person)
    with transaction.atomic():
        deleted, _rows = HealthInformation.objects.filter(user=person).delete()
        if deleted:
            log_action(person, "directory.health_information.deleted", by=by)
    return bool(deleted)


def export(user: User) -> dict[str, Any] | None:
    """The person's data export (registered with accounts.services.register_personal_data)."""
    info = health_information_of(user, viewer=user)
    if info is None:
        return None
    return {
        "consented_at": info.consented_at.isoformat(),
        "conditions": [
            {
                "disease_area": {
                    "code_system": c.disease_area.code_system,
                    "code": c.disease_area.code,
                    "name_fr": c.disease_area.name_fr,
                    "name_en": c.disease_area.name_en,
                },
                "relation": c.relation,
                "relation_label": str(c.get_relation_display()),
            }
            for c in info.conditions.all()
        ],
    }


def erase(user: User) -> None:
    """Account erasure (registered with accounts.services.register_erasure): deleted, for good.
    Erasure may be done by an administrator, so this does not ask who is erasing."""
    HealthInformation.objects.filter(user=user).delete()
