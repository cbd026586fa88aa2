"""Keep what is derived from the disease-area tree true when the tree changes: the cached labels
(tandem.directory.labels, whatever saves the area: the service, the admin, the shell) and the
organizations' search columns when an area is deleted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from tandem.directory.labels import forget_area_labels
from tandem.directory.models import DiseaseArea, Organization


@receiver([post_save, post_delete], sender=DiseaseArea)
def _area_changed(sender: Any, instance: DiseaseArea, **kwargs: Any) -> None:
    """Once committed (before, another process could read the old rows under the new version)."""
    transaction.on_commit(forget_area_labels)


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
