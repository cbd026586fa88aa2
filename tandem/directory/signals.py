"""Drop the cached "my organizations" panel (tandem.core.memo) when what it shows changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tandem.core.memo import forget
from tandem.directory.models import Organization, OrganizationMembership


@receiver([post_save, post_delete], sender=OrganizationMembership)
def _membership_changed(sender: Any, instance: OrganizationMembership, **kwargs: Any) -> None:
    forget("organizations", instance.user_id)


def forget_members_of(organization_ids: Iterable[int]) -> None:
    """Also called after a bulk `update()` of organizations, which sends no signal."""
    for user_id in set(
        OrganizationMembership.objects.filter(organization__in=list(organization_ids)).values_list(
            "user_id", flat=True
        )
    ):
        forget("organizations", user_id)


@receiver(post_save, sender=Organization)
def _organization_changed(sender: Any, instance: Organization, **kwargs: Any) -> None:
    forget_members_of([instance.pk])
