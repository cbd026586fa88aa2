"""How each filter of a scope applies to each kind of record: written once here, used by
every indicator over those records. A filter that does not apply to a kind of record is not
listed for the indicators over it (Indicator.filters), and the page says so.

Many-to-many conditions are `Exists` subqueries, so that a record counts once."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from tandem.directory.models import DiseaseArea, Organization
from tandem.events.models import Event
from tandem.incubator.models import Project
from tandem.reporting.scope import Scope
from tandem.reviews.models import ReviewRequest


def with_area_ids(scope: Scope) -> Scope:
    """The scope with the ids of its disease area and of every area under it (one query)."""
    if not scope.disease_area:
        return scope
    from dataclasses import replace

    area = DiseaseArea.objects.filter(pk=scope.disease_area).values("path").first()
    if area is None:
        return replace(scope, area_ids=(scope.disease_area,))
    ids = DiseaseArea.objects.filter(path__startswith=area["path"]).values_list("pk", flat=True)
    return replace(scope, area_ids=tuple(sorted(ids)))


def _areas(scope: Scope) -> tuple[int, ...]:
    return scope.area_ids or ((scope.disease_area,) if scope.disease_area else ())


def organizations(scope: Scope, prefix: str = "") -> Q:
    """Organizations (reached through `prefix`, e.g. "mandate__organization__")."""
    q = Q()
    if scope.kind:
        q &= Q(**{f"{prefix}kind": scope.kind})
    if scope.disease_area:
        through = Organization.disease_areas.through.objects.filter(
            organization=OuterRef(f"{prefix}pk"), diseasearea__in=_areas(scope)
        )
        q &= Q(Exists(through))
    return q


def projects(scope: Scope, prefix: str = "") -> Q:
    """Participatory projects (through `prefix`, e.g. "project__")."""
    q = Q()
    if scope.institute:
        q &= Q(**{f"{prefix}institute": scope.institute})
    if scope.regional_office:
        q &= Q(**{f"{prefix}regional_office": scope.regional_office})
    if scope.disease_area:
        through = Project.disease_areas.through.objects.filter(
            project=OuterRef(f"{prefix}pk"), diseasearea__in=_areas(scope)
        )
        q &= Q(Exists(through))
    if scope.kind:
        partners = Project.organizations.through.objects.filter(
            project=OuterRef(f"{prefix}pk"), organization__kind=scope.kind
        )
        q &= Q(Exists(partners))
    return q


def review_requests(scope: Scope, prefix: str = "") -> Q:
    """Review requests: the institute and regional office of the submitting researcher's
    unit; the request's disease areas; the kind of its partner organizations."""
    q = Q()
    unit = f"{prefix}submitted_by__researcher_profile__unit__"
    if scope.institute:
        q &= Q(**{f"{unit}institutes": scope.institute})
    if scope.regional_office:
        q &= Q(**{f"{unit}regional_office": scope.regional_office})
    if scope.disease_area:
        through = ReviewRequest.disease_areas.through.objects.filter(
            reviewrequest=OuterRef(f"{prefix}pk"), diseasearea__in=_areas(scope)
        )
        q &= Q(Exists(through))
    if scope.kind:
        partners = ReviewRequest.organizations.through.objects.filter(
            reviewrequest=OuterRef(f"{prefix}pk"), organization__kind=scope.kind
        )
        q &= Q(Exists(partners))
    return q


def events(scope: Scope, prefix: str = "") -> Q:
    """Events held in a research unit: that unit's institutes and regional office."""
    q = Q()
    if scope.institute:
        units = Event.objects.filter(pk=OuterRef(f"{prefix}pk"), unit__institutes=scope.institute)
        q &= Q(Exists(units))
    if scope.regional_office:
        q &= Q(**{f"{prefix}unit__regional_office": scope.regional_office})
    return q
