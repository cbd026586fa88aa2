"""Searching the directory: one function for the page and the API, on two engines.

The search is an ORM queryset: who may see what comes from `queries.visible_organizations`
(the rule the list and the organization page use too), the filters are field lookups, the
rank is an ORM expression (`_name_score`). Raw SQL is left only where the ORM has no word
for it: the full-text match of each engine (`matches_index`).

- SQLite: the FTS5 index of migration 0003 over the folded `search_text` and the `facets`,
  in two columns, kept in step by triggers.
- PostgreSQL: the stored `search_vector` (free text) and `facet_vector` (filter tokens) of
  migration 0003, in one multicolumn GIN index (0006: one scan intersects words and filters),
  and its trigram index for a word that is only part of another word (the substring
  fallback).
- Any other database: substrings of `search_text` (slow, correct).

Filter values are index words too ("facets", see models.facet_tokens), so a query and its
filters are one index intersection; they are indexed apart from the free text (their own
column), so that no description can put an organization under a region, a kind or an area.
Both engines rank with the same score, for where the words stand in the name, then by name:
the page and the API list the same results in the same order on either engine."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, IntegerField, Q, QuerySet, Window
from django.db.models.expressions import RawSQL

from tandem.directory.labels import disease_area_names
from tandem.directory.models import DiseaseArea, Organization, facet_tokens
from tandem.directory.queries import (
    descendants_filter,
    visibility_of,
    visible_organizations,
    with_list_relations,
)
from tandem.directory.text import fold, query_words

FTS_TABLE = "directory_organization_fts"
# What a row of the list shows (ListRow), read with the page.
ROW_FIELDS = ("pk", "name", "acronym", "kind", "city", "region", "approval", "status", "area_ids")


@dataclass(frozen=True)
class OrganizationFilters:
    disease_area: DiseaseArea | None = None
    region: str = ""
    kind: str = ""
    approval: str = ""
    status: str = ""  # honoured for officers only: others only see what they may


def search_organizations(
    query: str, filters: OrganizationFilters | None = None, *, visible_to: Any
) -> OrganizationSearch:
    """Organizations this person may see that match every word of `query` (accents and case
    ignored, French and English names of their disease areas included) and the filters, best
    first. An empty query lists them by name. The caller paginates (page and API alike); the
    results are read when first used."""
    visibility = visibility_of(visible_to)
    filters = filters or OrganizationFilters()
    if filters.status and not visibility.everything:
        filters = replace(filters, status="")
    words = query_words(query)
    visible = visible_organizations(visibility)
    score = _name_score(words, fold(query)) if words else None
    if not has_full_text_index():
        return OrganizationSearch(visible.filter(_substrings(words, filters)), score)
    facets = facet_tokens(
        region=filters.region,
        kind=filters.kind,
        approval=filters.approval,
        area_ids=[filters.disease_area.pk] if filters.disease_area else [],
    )
    found = visible.filter(matches_index(words, facets)) if words or facets else visible
    if filters.status:
        found = found.filter(status=filters.status)
    fallback = None
    if words and connection.vendor == "postgresql":
        # Words match whole indexed words (by their roots), as on SQLite; when that finds
        # nothing (a word only found inside another one), the substring search on trigrams.
        fallback = visible.filter(_substrings(words, filters))
    return OrganizationSearch(found, score, fallback)


def matches_index(words: Sequence[str], facets: Sequence[str] = ()) -> Q:
    """Organizations that hold every word (its root) in the free text and every facet among
    the facets, through the engine's full-text index: a condition for a queryset of
    organizations. Raw SQL, as the ORM has no full-text match for FTS5, nor for a column it
    does not know (the generated tsvector columns)."""
    if connection.vendor == "sqlite":
        return Q(pk__in=RawSQL(*fts_matches(words, facets)))  # noqa: S611 - see fts_matches
    condition = Q()
    table = Organization._meta.db_table
    for column, tokens in (("search_vector", words), ("facet_vector", facets)):
        if tokens:
            match = f"{table}.{column} @@ to_tsquery('simple'::regconfig, %s)"
            # The tsquery is a parameter, built of checked index words (ts_expression).
            found = RawSQL(match, [ts_expression(tokens)], output_field=BooleanField())  # noqa: S611
            condition &= Q(found)
    return condition


def fts_matches(words: Sequence[str], facets: Sequence[str] = ()) -> tuple[str, list[str]]:
    """SQLite: the ids (`id`) of the organizations that hold every word and every facet, read
    from the FTS5 index alone, and the parameter (the FTS5 query, built of checked index
    words: fts_expression)."""
    match = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constant name
    return match, [fts_expression(words, exact=facets)]


def _substrings(words: Sequence[str], filters: OrganizationFilters) -> Q:
    """Every word anywhere in the search text (trigram-indexed on PostgreSQL), and the filters
    as fields: for a database without a full-text index, and PostgreSQL's fallback."""
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    if filters.disease_area is not None:
        condition &= Q(descendants_filter(filters.disease_area))
    for name in ("region", "kind", "approval", "status"):
        if value := getattr(filters, name):
            condition &= Q(**{name: value})
    return condition


def _name_score(words: list[str], folded_query: str) -> RawSQL:
    """Per word: 6 if the name starts with it, 4 if one of the name's words does, 3 if it is
    inside the name, 1 otherwise (it matched elsewhere); 10 more for the exact name. Words are
    folded [a-z0-9] only. Whole numbers, and one position per word for a name that does not
    hold it (most matches): decimal arithmetic and three searches per name were a sixth of a
    broad search's time on PostgreSQL.

    Raw SQL: the ORM writes it too (StrIndex in Case/When), but resolving and compiling that
    expression made the query's building a third to a half longer (timed under load), on the
    directory's busiest read; a simple CASE on one position per word is SQL the ORM does not
    write (its Case evaluates the position once per WHEN). `instr` (SQLite)
    and `strpos` (PostgreSQL) take the same arguments."""
    position = "strpos" if connection.vendor == "postgresql" else "instr"
    name = f"{connection.ops.quote_name(Organization._meta.db_table)}.name_folded"
    parts, params = [], []
    for word in words:
        parts.append(
            f"(CASE {position}({name}, %s) WHEN 0 THEN 1 WHEN 1 THEN 6"
            f" ELSE (CASE WHEN {position}({name}, %s) > 0 THEN 4 ELSE 3 END) END)"
        )
        params += [word, f" {word}"]
    parts.append(f"(CASE WHEN {name} = %s THEN 10 ELSE 0 END)")
    params.append(folded_query)
    return RawSQL(" + ".join(parts), params, output_field=IntegerField())  # noqa: S611 - values are parameters


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


def _list_rows(fetched: list[tuple[Any, ...]]) -> list[ListRow]:
    """ListRows from ROW_FIELDS values; the disease areas come from `area_ids` (aggregating
    the links was a tenth of a broad search on PostgreSQL) and their names from the labels."""
    names = disease_area_names()
    rows = []
    for row in fetched:
        area_ids = [int(a) for a in (row[8] or "").split(",") if a]
        areas = sorted((names[a] for a in area_ids if a in names), key=lambda pair: pair[0])
        labels = tuple(label for _path, label in areas)
        pk, name, acronym, kind, city, region, approval, status = row[:8]
        rows.append(ListRow(pk, name, acronym, kind, city, region, approval, status, labels))
    return rows


class OrganizationSearch(Sequence[Organization]):
    """Ranked results, for Django's and DRF's paginators. With `RankedPaginator`, which says
    which page will be read before the paginator asks for the length, a ranked search reads
    the page's rows and the number of results in one query (a window count). Decides on
    PostgreSQL whether the substring fallback answers. Items are organizations (the API);
    `rows()` gives the same results as the page's light rows."""

    def __init__(
        self,
        found: QuerySet[Organization],
        score: RawSQL | None,
        fallback: QuerySet[Organization] | None = None,
    ) -> None:
        self._found = found
        self._score = score
        self._fallback = fallback
        self._window = (0, 20)  # the page read with the count, unless told otherwise
        self._length: int | None = None
        self._page: tuple[int, list[ListRow]] = (0, [])

    def _ordered(self) -> QuerySet[Organization]:
        if self._score is None:
            # By name: the name index gives the page without reading every match.
            return self._found.order_by("name", "pk")
        return self._found.order_by(self._score.desc(), "name", "pk")

    def _read_rows(self, start: int, stop: int) -> tuple[list[ListRow], int | None]:
        """Rows `start` to `stop`, and, for a ranked search, the number of results (None when
        the page is empty or the query does not count them: counting while listing by name
        would read every organization)."""
        ordered = self._ordered()
        if self._score is None:
            return _list_rows(list(ordered.values_list(*ROW_FIELDS)[start:stop])), None
        counted = ordered.annotate(total=Window(Count("pk"))).values_list(*ROW_FIELDS, "total")
        fetched = list(counted[start:stop])
        if not fetched:
            return [], None
        return _list_rows(fetched), int(fetched[0][-1])

    def expect(self, index: slice) -> None:
        """The page that will be read first, before the length is known."""
        if self._length is None and index.stop is not None:
            self._window = (index.start or 0, index.stop)

    def _read(self) -> None:
        start, stop = self._window
        rows, total = self._read_window(start, stop)
        if total == 0 and self._fallback is not None:
            # The index found nothing (a word only found inside another one): substrings.
            self._found = self._fallback
            rows, total = self._read_window(start, stop)
        self._fallback = None
        self._length, self._page = total, (start, rows)

    def _read_window(self, start: int, stop: int) -> tuple[list[ListRow], int]:
        if self._score is None:
            total = self._found.count()
            return (self._read_rows(start, stop)[0] if total > start else []), total
        rows, counted = self._read_rows(start, stop)
        if counted is None:  # an empty page: nothing matched, or it is past the end
            return rows, 0 if start == 0 else self._found.count()
        return rows, counted

    def __len__(self) -> int:
        if self._length is None:
            self._read()
        assert self._length is not None
        return self._length

    def page_rows(self, index: slice) -> list[ListRow]:
        """Rows `index.start` to `index.stop` (a page): from the first read when it holds
        them, else read now."""
        length = len(self)
        start = index.start or 0
        stop = length if index.stop is None else min(index.stop, length)
        read_from, rows = self._page
        if read_from <= start and stop <= read_from + len(rows):
            return rows[start - read_from : stop - read_from]
        if stop <= start:
            return []
        return self._read_rows(start, stop)[0]

    def __iter__(self) -> Iterator[Organization]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> Organization: ...

    @overload
    def __getitem__(self, index: slice) -> list[Organization]: ...

    def __getitem__(self, index: int | slice) -> Organization | list[Organization]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = [row.pk for row in self.page_rows(index)]
        found = with_list_relations(Organization.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def rows(self) -> SearchRows:
        return SearchRows(self)


class SearchRows(Sequence[ListRow]):
    """The same results as light list rows (ListRow), for the directory page."""

    def __init__(self, search: OrganizationSearch) -> None:
        self.search = search

    def expect(self, index: slice) -> None:
        self.search.expect(index)

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
        return self.search.page_rows(index)


class RankedPaginator(Paginator):
    """Django's paginator, telling the results (OrganizationSearch or SearchRows) which page
    it will read, so that the page and the number of results are one query."""

    def get_page(self, number: Any) -> Page:
        self._expect(number)
        return super().get_page(number)

    def page(self, number: Any) -> Page:
        self._expect(number)
        return super().page(number)

    def _expect(self, number: Any) -> None:
        try:
            first = (int(number) - 1) * self.per_page
        except (TypeError, ValueError):
            first = 0  # what get_page shows for a page number that is not one
        if first >= 0:
            results: OrganizationSearch | SearchRows = self.object_list  # type: ignore[assignment]
            results.expect(slice(first, first + self.per_page))


# --- The engines ----------------------------------------------------------------------------


def has_full_text_index() -> bool:
    """Whether the database has the directory's full-text index: migration 0003 creates it on
    SQLite (FTS5) and PostgreSQL (tsvector columns); other databases search substrings."""
    return connection.vendor in ("sqlite", "postgresql")


# PostgreSQL's full-text indexes on organizations. A GIN index does not shrink when its rows are
# rewritten: after every organization had been updated once, a narrow search decoded twice the
# posting lists (its index scan took 4.8 instead of 0.7 ms) until the index was rebuilt.
_PG_SEARCH_INDEXES = (
    "directory_org_vectors",  # words and filters, one multicolumn index (migration 0006)
    "directory_org_search_trgm",
)


def compact_search_indexes() -> None:
    """Rebuild the organizations' full-text indexes compactly, after most of their rows were
    rewritten (`tandem reindex_directory`). PostgreSQL: REINDEX (writes to organizations wait
    meanwhile: seconds for 100,000); SQLite: FTS5's merge of its segments."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for index in _PG_SEARCH_INDEXES:
                cursor.execute(f"REINDEX INDEX {index}")
        elif connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608 - constant name


def ts_expression(tokens: Sequence[str]) -> str:
    """A PostgreSQL tsquery (for to_tsquery('simple', …)), the counterpart of fts_expression:
    every (folded, rooted, alphanumeric: text.query_words) word, or every facet, of one
    vector. Words are indexed by their root (text.indexed), so each is one lookup: looking up
    five plural and feminine forms of each word cost a tenth of a broad search."""
    return " & ".join(_index_word(token) for token in tokens)


def fts_expression(words: Sequence[str], *, exact: Sequence[str] = ()) -> str:
    """An FTS5 query: every (folded, rooted, alphanumeric) word and every `exact` token (a
    filter value) among the facets. Only the facets name their column: a description cannot
    hold a filter, and a word read in both columns is as fast as before the facets had their
    own (naming `search_text` too made the FTS query of "mucoviscidose patients" 6.5 →
    10.5 ms at 100,000 organizations: FTS5 then reads each match's positions). A word typed
    in the box that is a filter token finds the organizations under that filter."""
    return " AND ".join(
        [f'"{_index_word(word)}"' for word in words]
        + [f'facets : "{_index_word(token)}"' for token in exact]
    )


def _index_word(token: str) -> str:
    """Tokens come from text.query_words and validated filters: letters and digits. Anything
    else is a caller's bug, refused rather than let into a query's syntax."""
    if not token.isascii() or not token.isalnum():
        raise ValueError(f"Not an index word: {token!r}")
    return token
