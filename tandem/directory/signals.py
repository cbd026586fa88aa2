"""Drop the cached "my organizations" panel (tandem.core.memo) when what it shows changes, and
keep organizations' search columns true when a disease area is deleted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from tandem.core.memo import forget
from tandem.directory.models import DiseaseArea, Organization, OrganizationMembership


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


@receiver(pre_delete, sender=DiseaseArea)
def _area_deleted(sender: Any, instance: DiseaseArea, **kwargs: Any) -> None:
    """The app never deletes an area (officers edit the tree), but a deletion from the shell
    must not leave its id in the organizations' search text and `area_ids`: rebuilt once the
    deletion is committed."""
    from tandem.directory.services import refresh_search_text

    linked = list(Organization.objects.filter(disease_areas=instance).values_list("pk", flat=True))

    def refresh() -> None:
        for organization in Organization.objects.filter(pk__in=linked):
            refresh_search_text(organization)

    if linked:
        transaction.on_commit(refresh)
