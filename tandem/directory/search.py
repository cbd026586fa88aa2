"""Searching the directory: one function for the page and the API, on two engines.

- SQLite: the FTS5 index of migration 0004 over the folded `search_text`.
- PostgreSQL: the stored, GIN-indexed `search_vector` of migration 0006 (full text), and the
  trigram index of migration 0003 for a word that is only part of another word.

Filter values are words of the index too ("facets", see models.facet_tokens), so a query and
its filters are one index intersection. Both engines rank with the same score for where the
words stand in the name; PostgreSQL adds its full-text rank of the whole profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, overload

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from tandem.directory.labels import disease_area_names, forget_area_labels
from tandem.directory.models import DiseaseArea, Organization, facet_tokens
from tandem.directory.queries import (
    _is_directory_staff,
    descendants_filter,
    organizations_visible_to,
    with_list_relations,
)
from tandem.directory.text import fold, query_words

FTS_TABLE = "directory_organization_fts"
SEARCH_VECTOR = '"directory_organization"."search_vector"'


@dataclass(frozen=True)
class OrganizationFilters:
    disease_area: DiseaseArea | None = None
    region: str = ""
    kind: str = ""
    approval: str = ""
    status: str = ""  # honoured for officers only: others only see what they may


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


def search_organizations(
    query: str, filters: OrganizationFilters | None = None, *, visible_to: Any
) -> OrganizationSearch:
    """Organizations this person may see that match every word of `query` (accents and case
    ignored, French and English names of their disease areas included) and the filters, best
    first. An empty query lists them by name. The caller paginates (page and API alike); the
    results are read when first used."""
    filters = filters or OrganizationFilters()
    if filters.status and not _is_directory_staff(visible_to):
        filters = replace(filters, status="")
    qs = visible = organizations_visible_to(visible_to)
    words = query_words(query)
    facets = facet_tokens(
        region=filters.region,
        kind=filters.kind,
        approval=filters.approval,
        area_ids=[filters.disease_area.pk] if filters.disease_area else [],
    )
    if not (uses_fts() or uses_search_vector()):
        return OrganizationSearch(
            _ranked(filter_words(apply_filters(qs, filters), words), words, query)
        )
    if (words or facets) and uses_fts():
        qs = _fts_filter(qs, fts_expression(words, exact=facets))
    elif words or facets:
        qs = _vector_filter(qs, ts_expression(words, exact=facets))
    if filters.status:
        qs = qs.filter(status=filters.status)
    fallback = None
    if words and uses_search_vector():
        # Words match whole indexed words (and their plurals), as on SQLite; when that finds
        # nothing (a word only found inside another one), the substring search on trigrams.
        fallback = partial(_substring_search, visible, filters, words, query)
    return OrganizationSearch(_ranked(qs, words, query), fallback)


def _substring_search(
    qs: QuerySet[Organization], filters: OrganizationFilters, words: list[str], query: str
) -> QuerySet[Organization]:
    return _ranked(filter_words(apply_filters(qs, filters), words), words, query)


def _ranked(qs: QuerySet[Organization], words: list[str], query: str) -> QuerySet[Organization]:
    if not words:
        return qs.annotate(rank=Value(0.0, output_field=FloatField())).order_by("name", "pk")
    return qs.annotate(rank=_rank(words, fold(query))).order_by("-rank", "name", "pk")


class OrganizationSearch(Sequence[Organization]):
    """Ranked results, for Django's and DRF's paginators. The ranked primary keys are read once
    (up to CAP), which gives the length and the page, and decides on PostgreSQL whether the
    substring fallback answers; only the page's rows are then loaded. Beyond CAP results, it
    counts and slices in SQL. Items are organizations (the API); `rows()` gives the same
    results as the page's light rows."""

    CAP = 2000

    def __init__(
        self,
        queryset: QuerySet[Organization],
        fallback: Callable[[], QuerySet[Organization]] | None = None,
    ) -> None:
        self._queryset = queryset
        self._fallback = fallback
        self._ids: list[int] | None = None
        self._length: int | None = None

    def ids(self) -> list[int]:
        """The ranked primary keys, up to CAP + 1."""
        if self._ids is None:
            ids = self._read_ids(self._queryset)
            if not ids and self._fallback is not None:
                self._queryset = self._fallback()
                ids = self._read_ids(self._queryset)
            self._fallback = None
            self._ids = ids
        return self._ids

    def _read_ids(self, qs: QuerySet[Organization]) -> list[int]:
        return list(qs.values_list("pk", flat=True)[: self.CAP + 1])

    def page_ids(self, index: slice) -> list[int]:
        ids = self.ids()
        if index.stop is not None and index.stop <= min(len(ids), self.CAP):
            return ids[index]
        return list(self._queryset.values_list("pk", flat=True)[index])

    def __len__(self) -> int:
        if self._length is None:
            ids = self.ids()
            self._length = len(ids) if len(ids) <= self.CAP else self._queryset.count()
        return self._length

    def __iter__(self) -> Iterator[Organization]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> Organization: ...

    @overload
    def __getitem__(self, index: slice) -> list[Organization]: ...

    def __getitem__(self, index: int | slice) -> Organization | list[Organization]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.page_ids(index)
        found = with_list_relations(Organization.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def rows(self) -> SearchRows:
        return SearchRows(self)


class SearchRows(Sequence["ListRow"]):
    """The same results as light list rows (ListRow), for the directory page."""

    def __init__(self, search: OrganizationSearch) -> None:
        self.search = search

    def __len__(self) -> int:
        return len(self.search)

    def __iter__(self) -> Iterator[ListRow]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> ListRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[ListRow]: ...

    def __getitem__(self, index: int | slice) -> ListRow | list[ListRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        return list_rows(self.search.page_ids(index))


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


# What a row of the directory list shows, read with its disease-area ids in one query.
LIST_FIELDS = ("id", "name", "acronym", "kind", "city", "region", "approval", "status")


def _area_ids_column() -> str:
    aggregate = (
        "string_agg(t.diseasearea_id::text, ',')"
        if connection.vendor == "postgresql"
        else "group_concat(t.diseasearea_id)"
    )
    return (
        f"(SELECT {aggregate} FROM directory_organization_disease_areas t "  # noqa: S608 - constant text
        'WHERE t.organization_id = "directory_organization"."id")'
    )


def list_rows(page_ids: list[int]) -> list[ListRow]:
    """The rows of one page, in the order of `page_ids`: one narrow query (list fields and
    disease-area ids) and the cached area names; no model instances."""
    if not page_ids:
        return []
    fields = {
        row[0]: row
        for row in Organization.objects.filter(pk__in=page_ids)
        .order_by()
        .annotate(area_ids=RawSQL(_area_ids_column(), []))  # noqa: S611 - constant text
        .values_list(*LIST_FIELDS, "area_ids")
    }
    links = {pk: [int(a) for a in (row[-1] or "").split(",") if a] for pk, row in fields.items()}
    names = disease_area_names()
    if any(a not in names for ids in links.values() for a in ids):
        forget_area_labels()  # an area added since they were read
        names = disease_area_names()
    rows = []
    for pk in page_ids:
        if pk not in fields:
            continue
        areas = sorted((names[a] for a in links[pk] if a in names), key=lambda pair: pair[0])
        _id, name, acronym, kind, city, region, approval, status, _areas = fields[pk]
        labels = tuple(label for _path, label in areas)
        rows.append(ListRow(pk, name, acronym, kind, city, region, approval, status, labels))
    return rows


# --- The engines ----------------------------------------------------------------------------

_fts_by_database: dict[str, bool] = {}


def uses_fts() -> bool:
    """SQLite with the FTS5 index of migration 0004 (absent on PostgreSQL). Checked once per
    database file and process."""
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
    """Rows whose folded search text contains every word: through the FTS5 index on SQLite,
    with trigram-indexed LIKE on PostgreSQL (and elsewhere, a plain LIKE)."""
    if not words:
        return qs
    if uses_fts():
        return _fts_filter(qs, fts_expression(words))
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


def _name_score(words: list[str], folded_query: str) -> tuple[str, list[str]]:
    """Per word: 3 if the name starts with it, 2 if one of the name's words does, 1.5 if it is
    inside the name, 0.5 otherwise (it matched elsewhere); 5 more for the exact name. Words are
    folded [a-z0-9] only. `instr` (SQLite) and `strpos` (PostgreSQL) take the same arguments."""
    position = "strpos" if connection.vendor == "postgresql" else "instr"
    parts, params = [], []
    for word in words:
        parts.append(
            f"(CASE WHEN {position}(name_folded, %s) = 1 THEN 3.0"
            f" WHEN {position}(name_folded, %s) > 0 THEN 2.0"
            f" WHEN {position}(name_folded, %s) > 0 THEN 1.5 ELSE 0.5 END)"
        )
        params += [word, f" {word}", word]
    parts.append("(CASE WHEN name_folded = %s THEN 5.0 ELSE 0.0 END)")
    params.append(folded_query)
    return " + ".join(parts), params


def _rank(words: list[str], folded_query: str) -> Any:
    sql, params = _name_score(words, folded_query)
    if uses_search_vector():
        # Plus the full-text rank over the stored vector (the folded name, A, and the rest of
        # the profile, B), so that among equal names the better described profile comes first.
        sql = f"{sql} + ts_rank({SEARCH_VECTOR}, to_tsquery('simple'::regconfig, %s))"
        params = [*params, " | ".join(f"{word}:*" for word in words)]
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 - bound parameters
