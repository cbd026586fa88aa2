"""Reads of the directory that carry rules: who sees which organization, unit or researcher.
Searching organizations is in `search`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from tandem.directory.models import (
    DiseaseArea,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.rules import _memberships
from tandem.directory.text import query_words


def _is_directory_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "directory.validate_organizations"
    )


def listed_organizations() -> QuerySet[Organization]:
    """The public directory: active organizations that chose to be listed."""
    return Organization.objects.filter(_listed())


def _listed() -> Q:
    return Q(status=OrganizationStatus.ACTIVE, is_public=True)


@dataclass(frozen=True)
class Visibility:
    """Which organizations a person sees: every one (officers), or the listed ones and their
    own (`visible_organizations`)."""

    everything: bool
    own: tuple[int, ...] = ()


def visible_organizations(visibility: Visibility) -> QuerySet[Organization]:
    """The one rule of who sees which organization, for the list, the search, the API and
    the organization's page."""
    if visibility.everything:
        return Organization.objects.all()
    if visibility.own:
        return Organization.objects.filter(_listed() | Q(pk__in=visibility.own))
    return listed_organizations()


def visibility_of(user: Any) -> Visibility:
    """Officers see every organization; others see the listed ones and their own."""
    if _is_directory_staff(user):
        return Visibility(everything=True)
    return Visibility(everything=False, own=tuple(sorted(_memberships(user))))


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    return visible_organizations(visibility_of(user))


def organizations_editable_by(user: Any) -> QuerySet[Organization]:
    if _is_directory_staff(user):
        return Organization.objects.all()
    admin_of = [pk for pk, role in _memberships(user).items() if role == "admin"]
    return Organization.objects.filter(pk__in=admin_of)


def organizations_of(user: Any) -> QuerySet[OrganizationMembership]:
    return OrganizationMembership.objects.filter(user=user).select_related("organization")


def pending_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(status=OrganizationStatus.PENDING).order_by("created")


def with_list_relations(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    return qs.prefetch_related(
        Prefetch(
            "disease_areas",
            queryset=DiseaseArea.objects.only("id", "name_fr", "name_en", "code", "path"),
        )
    )


def organization_page(pk: int, *, visible_to: Any) -> Organization:
    """One organization with what its page shows, or DoesNotExist."""
    return (
        with_list_relations(organizations_visible_to(visible_to))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=OrganizationMembership.objects.select_related("user").order_by(
                    "role", "user__last_name"
                ),
            ),
            Prefetch("partnerships", queryset=_partnerships()),
        )
        .get(pk=pk)
    )


def _partnerships() -> QuerySet[Any]:
    from tandem.directory.models import Partnership

    return Partnership.objects.select_related("unit")


def descendants_filter(area: DiseaseArea, *, relation: str = "disease_areas") -> Exists:
    """Rows linked to `area` or to any area below it in the tree."""
    if relation == "researchers":
        return Exists(
            ResearcherProfile.disease_areas.through.objects.filter(
                researcherprofile_id=OuterRef("pk"), diseasearea__path__startswith=area.path
            )
        )
    return Exists(
        Organization.disease_areas.through.objects.filter(
            organization_id=OuterRef("pk"), diseasearea__path__startswith=area.path
        )
    )


def disease_area_tree() -> QuerySet[DiseaseArea]:
    return DiseaseArea.objects.order_by("sort_key", "path")


def units_visible_to(user: Any) -> QuerySet[ResearchUnit]:
    return (
        ResearchUnit.objects.select_related("regional_office", "director")
        .prefetch_related("institutes")
        .annotate(n_researchers=Count("researchers", distinct=True))
    )


def researchers_visible_to(user: Any) -> QuerySet[ResearcherProfile]:
    if not (
        getattr(user, "is_authenticated", False) and user.has_perm("directory.view_researchers")
    ):
        return ResearcherProfile.objects.none()
    return (
        ResearcherProfile.objects.filter(user__is_active=True, user__erased_at__isnull=True)
        .select_related("user", "unit")
        .prefetch_related(
            Prefetch(
                "disease_areas",
                queryset=DiseaseArea.objects.only("id", "name_fr", "name_en", "code"),
            )
        )
    )


def search_researchers(
    query: str, *, visible_to: Any, area: DiseaseArea | None = None
) -> QuerySet[ResearcherProfile]:
    qs = researchers_visible_to(visible_to)
    for word in query_words(query):
        qs = qs.filter(search_text__contains=word)
    if area is not None:
        qs = qs.filter(descendants_filter(area, relation="researchers"))
    return qs


def count_by_status() -> dict[str, int]:
    rows = Organization.objects.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}
