"""The directory's long lists in the one chooser (tandem.core.widgets.Chooser): disease areas
grouped by chapter with their codes, organizations grouped by kind with their acronyms."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext

from tandem.core.widgets import Chooser, ChooserGroup, ChooserOption
from tandem.directory.labels import area_labels
from tandem.directory.models import OrganizationKind


class AreaChooser(Chooser):
    """Disease areas, one fieldset per chapter, each area indented under its parent with its
    code beside it. The tree comes from the cached labels, whatever the field's choices: the
    ~120 areas cost no query (the field still checks the chosen ones)."""

    def chooser_groups(self) -> list[ChooserGroup]:
        groups: list[ChooserGroup] = []
        for area in area_labels().areas:
            if area.depth == 0:
                groups.append(ChooserGroup(area.name))
                name = gettext("%(area)s (the whole group)") % {"area": area.name}
            else:
                name = area.name
            if groups:
                option = ChooserOption(
                    str(area.pk), name, area.code, min(area.depth, 3), area.keywords
                )
                groups[-1].options.append(option)
        return groups


class OrganizationChooser(Chooser):
    """Organizations grouped by kind (patient organizations first), their acronym beside them."""

    def chooser_groups(self) -> list[ChooserGroup]:
        by_kind: dict[str, list[ChooserOption]] = defaultdict(list)
        labels: dict[str, str] = {}
        for value, _label in self.choices:
            organization = getattr(value, "instance", None)
            if organization is None:
                continue  # the blank choice of an optional single field
            labels[organization.kind] = str(organization.get_kind_display())
            option = ChooserOption(str(value), organization.name, organization.acronym)
            by_kind[organization.kind].append(option)
        return [
            ChooserGroup(labels[kind], by_kind[kind])
            for kind in OrganizationKind.values
            if kind in by_kind
        ]
