"""Reads of the directory that carry rules: who sees which organization, search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from tandem.directory.models import (
    DiseaseArea,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
    ResearcherProfile,
    ResearchUnit,
    facet_tokens,
)
from tandem.directory.rules import _memberships
from tandem.directory.text import fold, stem, tokens


def _is_directory_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "directory.validate_organizations"
    )


def listed_organizations() -> QuerySet[Organization]:
    """The public directory: active organizations that chose to be listed."""
    return Organization.objects.filter(status=OrganizationStatus.ACTIVE, is_public=True)


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    """Officers see every organization; others see the listed ones and their own."""
    if _is_directory_staff(user):
        return Organization.objects.all()
    own = list(_memberships(user))
    if own:
        return Organization.objects.filter(
            Q(status=OrganizationStatus.ACTIVE, is_public=True) | Q(pk__in=own)
        )
    return listed_organizations()


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


@dataclass(frozen=True)
class OrganizationFilters:
    disease_area: DiseaseArea | None = None
    region: str = ""
    kind: str = ""
    approval: str = ""
    status: str = ""  # honoured for officers only: others only see what they may


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


def apply_filters(
    qs: QuerySet[Organization], filters: OrganizationFilters
) -> QuerySet[Organization]:
    if filters.disease_area is not None:
        qs = qs.filter(descendants_filter(filters.disease_area))
    if filters.region:
        qs = qs.filter(region=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.approval:
        qs = qs.filter(approval=filters.approval)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


def query_words(query: str) -> list[str]:
    return [stem(word) for word in tokens(query)]


def search_organizations(
    query: str, filters: OrganizationFilters | None = None, *, visible_to: Any
) -> QuerySet[Organization]:
    """Organizations this person may see that match every word of `query` (accents and case
    ignored, French and English names of their disease areas included) and the filters, best
    first. An empty query lists them by name. The caller paginates (page and API alike).

    PostgreSQL ranks with a full-text rank plus trigram similarity of the name; SQLite with a
    computed score (words found in the name count more than words found elsewhere). Both filter
    on the folded `search_text` column, indexed with trigrams on PostgreSQL."""
    filters = filters or OrganizationFilters()
    if filters.status and not _is_directory_staff(visible_to):
        filters = OrganizationFilters(
            filters.disease_area, filters.region, filters.kind, filters.approval, ""
        )
    qs = organizations_visible_to(visible_to)
    words = query_words(query)
    # Filter values are words of the full-text index too: one index intersection.
    facets = facet_tokens(
        region=filters.region,
        kind=filters.kind,
        approval=filters.approval,
        area_ids=[filters.disease_area.pk] if filters.disease_area else [],
    )
    if uses_fts():
        if words or facets:
            qs = _fts_filter(qs, fts_expression(words, exact=facets))
        if filters.status:
            qs = qs.filter(status=filters.status)
    elif uses_search_vector():
        exact = apply_filters(qs, replace(filters, disease_area=None))
        found = exact
        if words or facets:
            found = _vector_filter(exact, ts_expression(words, exact=facets))
        if words and not found.exists():
            # Words match whole indexed words (and their plurals), as on SQLite; when that finds
            # nothing (a word only found inside another one), the substring search on trigrams.
            found = filter_words(apply_filters(qs, filters), words)
        qs = found
    else:
        qs = filter_words(apply_filters(qs, filters), words)
    if not words:
        return with_list_relations(
            qs.annotate(rank=Value(0.0, output_field=FloatField()))
        ).order_by("name", "pk")
    return with_list_relations(
        qs.annotate(rank=_rank(words, fold(query))).order_by("-rank", "name", "pk")
    )


FTS_TABLE = "directory_organization_fts"


_fts_by_database: dict[str, bool] = {}


def uses_fts() -> bool:
    """SQLite with the FTS5 index of migration 0004 (absent on PostgreSQL). Checked once per
    database file and process: connections are opened per request."""
    if connection.vendor != "sqlite":
        return False
    key = str(connection.settings_dict["NAME"])
    if key not in _fts_by_database:
        found = FTS_TABLE in connection.introspection.table_names()
        if not found:
            return False  # not cached: the migration may not have run yet
        _fts_by_database[key] = found
    return _fts_by_database[key]


def uses_search_vector() -> bool:
    """PostgreSQL, with the stored, GIN-indexed `search_vector` column of migration 0006."""
    return connection.vendor == "postgresql"


SEARCH_VECTOR = '"directory_organization"."search_vector"'


def _forms(word: str) -> list[str]:
    # Exact forms rather than a prefix: a prefix on a common word ("patient:*") makes the index
    # merge the posting lists of every word that starts with it (3 to 10 ms at 100,000 rows).
    return list(dict.fromkeys([word, f"{word}s", f"{word}x", f"{word}e", f"{word}es"]))


def ts_expression(words: list[str], *, any_word: bool = False, exact: Sequence[str] = ()) -> str:
    """A PostgreSQL tsquery (for to_tsquery('simple', …)), the counterpart of fts_expression:
    each (folded, stemmed, alphanumeric) word matches itself and its plural forms; each `exact`
    token (a filter value) matches as it is."""
    text = (" | " if any_word else " & ").join(
        "(" + " | ".join(_forms(word)) + ")" for word in words
    )
    if any_word and text and exact:
        text = f"({text})"
    return " & ".join(part for part in [text, *exact] if part)


def _vector_filter(qs: QuerySet[Organization], expression: str) -> QuerySet[Organization]:
    return qs.filter(
        RawSQL(  # noqa: S611 - the query text is a bound parameter
            f"{SEARCH_VECTOR} @@ to_tsquery('simple'::regconfig, %s)",
            [expression],
            output_field=BooleanField(),
        )
    )


def _variants(word: str) -> str:
    # Exact forms rather than a prefix query: a prefix on a common word ("patient*") makes
    # SQLite merge large posting lists and was most of the search time at 100,000 rows.
    return "(" + " OR ".join(f'"{form}"' for form in _forms(word)) + ")"


def fts_expression(words: list[str], *, any_word: bool = False, exact: Sequence[str] = ()) -> str:
    """An FTS5 query: each (already folded and stemmed, alphanumeric) word matches itself and
    its plural forms; each `exact` token (a filter value) matches as it is."""
    text = (" OR " if any_word else " AND ").join(_variants(word) for word in words)
    if any_word and text and exact:
        text = f"({text})"
    return " AND ".join(part for part in [text, *(f'"{token}"' for token in exact)] if part)


def _fts_filter(qs: QuerySet[Organization], expression: str) -> QuerySet[Organization]:
    return qs.filter(
        pk__in=RawSQL(  # noqa: S611 - the query text is a bound parameter
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608 - constant name
            [expression],
        )
    )


def filter_words(qs: QuerySet[Organization], words: list[str]) -> QuerySet[Organization]:
    """Rows whose folded search text contains every word: through the FTS5 index on SQLite
    (words match as prefixes of indexed words), with trigram-indexed LIKE on PostgreSQL."""
    if not words:
        return qs
    if uses_fts():
        return _fts_filter(qs, fts_expression(words))
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


def _rank(words: list[str], folded_query: str) -> Any:
    if uses_search_vector():
        # ts_rank over the stored vector (the same weighted vector of the folded name, A, and
        # search text, B, that used to be built per row) plus trigram similarity of the name.
        return RawSQL(  # noqa: S611 - bound parameters
            f"ts_rank({SEARCH_VECTOR}, to_tsquery('simple'::regconfig, %s))"
            ' + SIMILARITY("directory_organization"."name_folded", %s)',
            [" | ".join(f"{word}:*" for word in words), folded_query],
            output_field=FloatField(),
        )
    # Written as SQL once: building the same score from Case/When objects cost more Python
    # time per request than running it. Words are folded [a-z0-9] only (no LIKE wildcards).
    parts, params = [], []
    for word in words:
        parts.append(
            "(CASE WHEN name_folded LIKE %s THEN 3.0 WHEN name_folded LIKE %s THEN 2.0"
            " WHEN instr(name_folded, %s) > 0 THEN 1.5 ELSE 0.5 END)"
        )
        params += [f"{word}%", f"% {word}%", word]
    parts.append("(CASE WHEN name_folded = %s THEN 5.0 ELSE 0.0 END)")
    params.append(folded_query)
    return RawSQL(" + ".join(parts), params, output_field=FloatField())  # noqa: S611 - bound parameters


def disease_area_tree() -> QuerySet[DiseaseArea]:
    return DiseaseArea.objects.order_by("sort_key", "path")


AREA_CHOICES_SECONDS = 300


def _cache_area_labels(
    english: bool,
) -> tuple[list[tuple[int, str]], dict[int, tuple[str, str]]]:
    """One query for both the select boxes' choices and the list rows' area names."""
    rows = disease_area_tree().values_list("id", "path", "name_fr", "name_en", "code", "depth")
    choices = []
    names = {}
    for pk, path, fr, en, code, depth in rows:
        name = en if english else fr
        choices.append((pk, "\u2003" * depth + (f"{code} — " if code else "") + name))
        names[pk] = (path, name)
    suffix = "en" if english else "fr"
    cache.set_many(
        {f"directory:area-choices:{suffix}": choices, f"directory:area-names:{suffix}": names},
        AREA_CHOICES_SECONDS,
    )
    return choices, names


def disease_area_choices() -> list[tuple[int, str]]:
    """Indented labels for select boxes, in the tree's order, in the current language. Cached
    (every page with filters shows them): an edit shows everywhere within five minutes, at once
    in the process that made it."""
    english = (get_language() or "fr").startswith("en")
    key = f"directory:area-choices:{'en' if english else 'fr'}"
    choices: list[tuple[int, str]] | None = cache.get(key)
    if choices is None:
        choices = _cache_area_labels(english)[0]
    return choices


def disease_area_names() -> dict[int, tuple[str, str]]:
    """Area id → (path, name in the current language), for list rows. Cached with the
    choices, and forgotten with them."""
    english = (get_language() or "fr").startswith("en")
    key = f"directory:area-names:{'en' if english else 'fr'}"
    names: dict[int, tuple[str, str]] | None = cache.get(key)
    if names is None:
        names = _cache_area_labels(english)[1]
    return names


def forget_disease_area_choices() -> None:
    cache.delete_many(
        [
            "directory:area-choices:fr",
            "directory:area-choices:en",
            "directory:area-names:fr",
            "directory:area-names:en",
        ]
    )


# What a row of the directory list shows.
LIST_FIELDS = ("id", "name", "acronym", "kind", "city", "region", "approval", "status")


@dataclass(frozen=True)
class ListRow:
    """What a row of the directory list shows (`areas`: disease-area names, in the tree's
    order, in the current language)."""

    pk: int
    name: str
    acronym: str
    kind: str
    city: str
    region: str
    approval: str
    status: str
    areas: tuple[str, ...]


def list_rows(page_ids: list[int]) -> list[ListRow]:
    """The rows of one page, in the order of `page_ids`: two narrow queries (the rows' list
    fields, their disease-area links) and the cached area names; no model instances."""
    if not page_ids:
        return []
    fields = {
        row[0]: row
        for row in Organization.objects.filter(pk__in=page_ids).values_list(*LIST_FIELDS)
    }
    links: dict[int, list[int]] = {pk: [] for pk in page_ids}
    for org_id, area_id in Organization.disease_areas.through.objects.filter(
        organization_id__in=page_ids
    ).values_list("organization_id", "diseasearea_id"):
        links[org_id].append(area_id)
    names = disease_area_names()
    if any(a not in names for ids in links.values() for a in ids):
        forget_disease_area_choices()  # an area added since they were cached
        names = disease_area_names()
    rows = []
    for pk in page_ids:
        if pk not in fields:
            continue
        areas = sorted((names[a] for a in links[pk] if a in names), key=lambda pair: pair[0])
        _id, name, acronym, kind, city, region, approval, status = fields[pk]
        rows.append(
            ListRow(
                pk,
                name,
                acronym,
                kind,
                city,
                region,
                approval,
                status,
                tuple(label for _path, label in areas),
            )
        )
    return rows


class RankedResults:
    """Search results for Django's Paginator with one search query instead of two: the ranked
    primary keys are read once (up to CAP), which gives the count and the page; only the page's
    rows are then loaded (as ListRow). Beyond CAP results, it falls back to COUNT and OFFSET."""

    CAP = 2000

    def __init__(self, qs: QuerySet[Organization]) -> None:
        self.qs = qs
        self._ids: list[int] | None = None

    def _load(self) -> list[int]:
        if self._ids is None:
            self._ids = list(self.qs.values_list("pk", flat=True)[: self.CAP + 1])
        return self._ids

    def count(self) -> int:
        ids = self._load()
        return len(ids) if len(ids) <= self.CAP else self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[ListRow]:
        return iter(self[0 : self.count()])

    @overload
    def __getitem__(self, index: int) -> ListRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[ListRow]: ...

    def __getitem__(self, index: int | slice) -> ListRow | list[ListRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self._load()
        if index.stop is not None and index.stop <= min(len(ids), self.CAP):
            return list_rows(ids[index])
        return list_rows(list(self.qs.values_list("pk", flat=True)[index]))


def related_area_ids(area_ids: list[int]) -> tuple[set[int], set[int]]:
    """Descendants and ancestors of the given areas (the areas themselves excluded)."""
    areas = list(DiseaseArea.objects.filter(pk__in=area_ids).only("id", "path"))
    descendants: set[int] = set()
    ancestors: set[int] = set()
    if not areas:
        return descendants, ancestors
    condition = Q()
    for area in areas:
        condition |= Q(path__startswith=area.path)
        ancestors.update(area.ancestor_ids())
    descendants = set(DiseaseArea.objects.filter(condition).values_list("id", flat=True))
    chosen = set(area_ids)
    return descendants - chosen, ancestors - chosen


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
