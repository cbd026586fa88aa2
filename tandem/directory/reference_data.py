"""Writes of the directory's reference data: the disease-area tree, the institutes, the
regional offices and the research units, each written by one service that locks and re-reads
the rows it changes. The pages (`views.reference*`, `views.disease_area*`) and the API
(`tandem/api/reference.py`) call the same functions. Logged in the action log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import django.dispatch
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.directory.labels import forget_area_labels
from tandem.directory.models import (
    DiseaseArea,
    Institute,
    Organization,
    RegionalOffice,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.services import (
    REINDEX_BATCH,
    RESEARCHER_SEARCH_COLUMNS,
    SEARCH_COLUMNS,
    build_researcher_search_columns,
    build_search_columns,
)

# What the disease-area form and the API set on an area (`parent`: an area, or None for a
# chapter at the top of the tree).
AREA_FIELDS = ("name_fr", "name_en", "synonyms", "code_system", "code", "parent")


def _area_ids(path: str) -> list[int]:
    return [int(pk) for pk in path.strip("/").split("/") if pk]


def _around(pk: int | None, parent_id: int | None) -> set[int]:
    """The areas a move touches as the tree stands: the area and its subtree, the new parent
    and the parent's ancestors."""
    ids = {i for i in (pk, parent_id) if i is not None}
    paths = dict(DiseaseArea.objects.filter(pk__in=ids).values_list("pk", "path"))
    if parent_id in paths:
        ids |= set(_area_ids(paths[parent_id]))
    if pk in paths:
        ids |= set(
            DiseaseArea.objects.filter(path__startswith=paths[pk]).values_list("pk", flat=True)
        )
    return ids


def _locked_areas(pk: int | None, parent_id: int | None) -> dict[int, DiseaseArea]:
    """The areas a move touches (`_around`), locked in the order of their ids, in one query
    (two moves lock the rows they share in the same order), and read again. Two moves that
    would make a cycle together (each under a descendant of the other) share rows, so the
    second waits, sees the first's move and refuses. Should the tree change between the first
    read and the lock, the locks taken are released (the savepoint rolled back) and all the
    rows it now touches locked again in one ordered query: a move never holds a row while it
    waits for one of a lower id, so two moves cannot wait on each other."""
    wanted = _around(pk, parent_id)
    while True:
        attempt = transaction.savepoint()
        rows = {
            a.pk: a
            for a in DiseaseArea.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
        }
        now = _around(pk, parent_id)  # read again, the rows locked
        if now <= wanted:
            transaction.savepoint_commit(attempt)
            return rows
        transaction.savepoint_rollback(attempt)  # releases this attempt's row locks
        wanted |= now


def save_disease_area(pk: int | None = None, *, by: User, fields: dict[str, Any]) -> DiseaseArea:
    """Create (`pk` None) or change a disease area: its `fields` (only those of AREA_FIELDS;
    those left out keep their value), in one transaction, on the row locked and read again.
    A parent given is locked and read again too, with its ancestors and the area's subtree
    (`_locked_areas`): moving an area moves its whole subtree (paths, depths and tree order
    rebuilt); putting it under itself or one of its descendants is refused (`cycle`), as is a
    code already used in its code system (`duplicate`). The search columns that hold the
    area's labels or ancestors are rebuilt in the same transaction (`_reindex_linked`): a
    search by the new name finds its organizations and researchers, the old name no longer
    does. Logs `directory.disease_area.saved`; once committed, every process reads the new
    labels (`labels.forget_area_labels`)."""
    unknown = set(fields) - set(AREA_FIELDS)
    if unknown:
        raise ValueError(f"not disease-area fields: {sorted(unknown)}")
    parent_given = "parent" in fields
    parent_id = fields["parent"].pk if fields.get("parent") is not None else None
    with transaction.atomic():
        # One lock, in one order: the area with its parent-to-be and the parent's ancestors
        # when a parent is given, the area alone otherwise.
        locked = _locked_areas(pk, parent_id) if parent_given or pk is None else {}
        if pk is None:
            area = DiseaseArea()
        else:
            area = locked.get(pk) or DiseaseArea.objects.select_for_update().get(pk=pk)
        moved = pk is None or (parent_given and parent_id != area.parent_id)
        parent = locked.get(parent_id) if parent_id is not None else None
        if moved and parent_id is not None and parent is None:
            raise DomainError(_("The parent area no longer exists."), code="gone")
        if moved and pk is not None and parent is not None and pk in _area_ids(parent.path):
            raise DomainError(
                _("An area cannot be placed under itself or its descendants."), code="cycle"
            )
        old_path, old_sort_key, old_text = area.path, area.sort_key, area.search_text
        for name, value in fields.items():
            setattr(area, name, value)
        if moved:
            area.parent = parent
            area.depth = parent.depth + 1 if parent else 0
            area.sort_key = (parent.sort_key if parent else "") + "999"  # last among its siblings
        try:
            with transaction.atomic():  # a savepoint: the refusal below leaves nothing behind
                area.save()
        except IntegrityError as exc:  # the only unique columns: code system and code
            raise DomainError(
                _("Another disease area already has the code %(code)s.")
                % {"code": fields.get("code", area.code)},
                code="duplicate",
            ) from exc
        if moved:
            area.path = f"{parent.path if parent else '/'}{area.pk}/"
            area.save(update_fields=["path"])
        if old_path and old_path != area.path:
            below = DiseaseArea.objects.select_for_update().filter(path__startswith=old_path)
            for child in below.exclude(pk=area.pk).order_by("pk"):
                child.path = area.path + child.path[len(old_path) :]
                child.depth = len(_area_ids(child.path)) - 1
                if child.sort_key.startswith(old_sort_key):
                    child.sort_key = area.sort_key + child.sort_key[len(old_sort_key) :]
                child.save(update_fields=["path", "depth", "sort_key"])
        if pk is not None:
            _reindex_linked(
                area, relabelled=area.search_text != old_text, moved=old_path != area.path
            )
        log_action(area, "directory.disease_area.saved", by=by)
    transaction.on_commit(forget_area_labels)
    return area


def _reindex_linked(area: DiseaseArea, *, relabelled: bool, moved: bool) -> None:
    """Rebuild the search columns that hold what changed of `area`, in the saving transaction
    (as every other change of an organization's areas): a new label (names, synonyms, code) is
    in the search text of the organizations and researchers linked to the area; a move changes
    the ancestors indexed as facets (`Organization.facet_tokens`) of the organizations linked
    to the area or a descendant. Those rows are locked, in id order, and read again: a
    concurrent edit of one of them is not overwritten with what was read before it."""
    if moved:
        areas = DiseaseArea.objects.filter(path__startswith=area.path).values("pk")
        organizations = Organization.objects.filter(disease_areas__in=areas)
    elif relabelled:
        organizations = Organization.objects.filter(disease_areas=area)
    else:
        return
    locked = Organization.objects.select_for_update().filter(pk__in=organizations.values("pk"))
    for batch in _locked_ids(locked):
        rows = list(
            Organization.objects.filter(pk__in=batch)
            .order_by("pk")
            .prefetch_related("disease_areas")
        )
        for organization in rows:
            build_search_columns(organization)
        Organization.objects.bulk_update(rows, SEARCH_COLUMNS)
    if relabelled:  # a researcher's search text holds its areas' labels, not their ancestors
        profiles = ResearcherProfile.objects.filter(disease_areas=area).values("pk")
        locked_profiles = ResearcherProfile.objects.select_for_update(of=("self",)).filter(
            pk__in=profiles
        )
        for batch in _locked_ids(locked_profiles):
            people = list(
                ResearcherProfile.objects.filter(pk__in=batch)
                .order_by("pk")
                .select_related("user", "unit")
                .prefetch_related("disease_areas")
            )
            for profile in people:
                build_researcher_search_columns(profile)
            ResearcherProfile.objects.bulk_update(people, RESEARCHER_SEARCH_COLUMNS)


def _locked_ids(locked: QuerySet[Any]) -> Iterator[list[int]]:
    """Lock the rows in id order, all at once (one query, so two saves never lock them in
    crossing orders), then give their ids by batches, each read again by the caller under the
    lock: what a concurrent edit wrote before the lock is what gets rebuilt."""
    ids = list(locked.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), REINDEX_BATCH):
        yield ids[start : start + REINDEX_BATCH]


# What the reference forms and the API set on each kind of reference data, besides the staff
# (institutes and offices) and the institutes (units), which are many-to-many.
REFERENCE_FIELDS: dict[type[Any], tuple[str, ...]] = {
    Institute: ("name_fr", "name_en", "acronym"),
    RegionalOffice: ("name", "city", "region"),
    ResearchUnit: ("code", "name", "regional_office", "city", "director"),
}

# The incubator stops the following of people taken off an institute's or an office's staff
# (it sits above the directory, which cannot call it): sender=Institute or RegionalOffice,
# place=, people= (their ids), by=. Sent inside the saving transaction.
staff_removed = django.dispatch.Signal()


def people_by_email(emails: Iterable[str]) -> tuple[list[User], list[str]]:
    """The active accounts of these e-mail addresses (case and spaces ignored) and the
    addresses no active account uses, both sorted: the staff field of the reference form and
    the API's read the staff the same way."""
    wanted = sorted({e.strip().lower() for e in emails if e.strip()})
    people = list(
        User.objects.filter(
            pk__in=User.objects.alias(folded=Lower("email"))
            .filter(folded__in=wanted, is_active=True)
            .values("pk")
        ).order_by(Lower("email"))
    )
    known = {p.email.lower() for p in people}
    return people, [e for e in wanted if e not in known]


Reference = Institute | RegionalOffice | ResearchUnit


def save_reference(
    kind: type[Reference],
    pk: int | None = None,
    *,
    by: User,
    fields: dict[str, Any],
    staff: Iterable[User] | None = None,
    institutes: Iterable[Institute] | None = None,
) -> Any:
    """Create (`pk` None) or change an institute, a regional office or a research unit: its
    `fields` (only those of REFERENCE_FIELDS; those left out keep their value), the `staff` of
    an institute or an office and the `institutes` of a unit (None: unchanged), in one
    transaction, on the row locked and read again. People taken off a staff stop following
    its incubator projects unless they are involved another way (`staff_removed`). A unit
    code already used is refused (`duplicate`), even by a unit created at the same moment.
    Logs `directory.<kind>.saved`, with the staff added and removed (ids)."""
    unknown = set(fields) - set(REFERENCE_FIELDS[kind])
    if unknown:
        raise ValueError(f"not reference fields of {kind.__name__}: {sorted(unknown)}")
    with transaction.atomic():
        obj = kind() if pk is None else kind.objects.select_for_update().get(pk=pk)
        for name, value in fields.items():
            setattr(obj, name, value)
        try:
            with transaction.atomic():  # a savepoint: the refusal below leaves nothing behind
                obj.save()
        except IntegrityError as exc:  # the only unique column: a unit's code
            raise DomainError(
                _("Another research unit already has the code %(code)s.")
                % {"code": fields.get("code")},
                code="duplicate",
            ) from exc
        data: dict[str, Any] = {}
        if isinstance(obj, ResearchUnit):
            if institutes is not None:
                obj.institutes.set(list(institutes))
        elif staff is not None:
            before = set(obj.staff.values_list("pk", flat=True))
            after = {p.pk for p in staff}
            obj.staff.set(sorted(after))
            added, removed = sorted(after - before), sorted(before - after)
            data = {"staff_added": added, "staff_removed": removed}
            if removed:
                staff_removed.send(sender=kind, place=obj, people=removed, by=by)
        log_action(obj, f"directory.{obj._meta.model_name}.saved", by=by, data=data or None)
    return obj
