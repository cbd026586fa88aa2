"""Searching the directory: one function for the page and the API, on two engines.

- SQLite: the FTS5 index of migrations 0004 and 0011 over the folded `search_text` and the
  `facets`, in two columns.
- PostgreSQL: the stored, GIN-indexed `search_vector` of migration 0006 (full text), the
  `facet_vector` of migration 0011, and the trigram index of migration 0003 for a word that is
  only part of another word.

Filter values are index words too ("facets", see models.facet_tokens), so a query and its
filters are one index intersection; they are indexed apart from the free text (their own
column), so that no description can put an organization under a region, a kind or an area. Both engines rank with the same score, for where the
words stand in the name, then by name: the page and the API list the same results in the same
order on either engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db import connection

from tandem.directory.labels import disease_area_names, forget_area_labels
from tandem.directory.models import DiseaseArea, Organization, facet_tokens
from tandem.directory.queries import Visibility, visibility_of, with_list_relations
from tandem.directory.text import fold, query_words

FTS_TABLE = "directory_organization_fts"


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
    results are read when first used.

    The search is written as SQL (`RankedQuery`): it is the directory's busiest read, and
    building and compiling it with the ORM cost about 1 ms, as much as running it."""
    visibility = visibility_of(visible_to)
    filters = filters or OrganizationFilters()
    if filters.status and not visibility.everything:
        filters = replace(filters, status="")
    words = query_words(query)
    facets = facet_tokens(
        region=filters.region,
        kind=filters.kind,
        approval=filters.approval,
        area_ids=[filters.disease_area.pk] if filters.disease_area else [],
    )
    ranked = RankedQuery(visibility, words, fold(query))
    if not (uses_fts() or uses_search_vector()):
        return OrganizationSearch(ranked.with_substrings(filters))
    if words or facets:
        ranked = ranked.with_index(words, facets)
    if filters.status:
        ranked = ranked.where("o.status = %s", [filters.status])
    fallback = None
    if words and uses_search_vector():
        # Words match whole indexed words (by their roots), as on SQLite; when that finds
        # nothing (a word only found inside another one), the substring search on trigrams.
        fallback = partial(RankedQuery(visibility, words, fold(query)).with_substrings, filters)
    return OrganizationSearch(ranked, fallback)


@dataclass(frozen=True)
class RankedQuery:
    """A search as SQL over the organizations table (alias `o`): conditions, then the rank."""

    visibility: Visibility
    words: list[str]
    folded_query: str
    conditions: tuple[tuple[str, tuple[Any, ...]], ...] = field(default=())
    # SQLite: read organizations by rowid, driven by the full-text index's matches. Its planner
    # otherwise takes the (id, status, …) index for the visibility condition and then reads
    # the row anyway: 20 % slower for a search that matches 600 organizations.
    by_rowid: bool = False

    def where(self, condition: str, params: Sequence[Any]) -> RankedQuery:
        return replace(self, conditions=(*self.conditions, (condition, tuple(params))))

    def with_index(self, words: list[str], facets: list[str]) -> RankedQuery:
        """Every word (its root) in the free text and every facet among the facets, through
        the full-text indexes."""
        if uses_fts():
            return replace(self, by_rowid=True).where(
                f"o.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",  # noqa: S608 - constant name
                [fts_expression(words, exact=facets)],
            )
        query = self
        if words:
            query = query.where(
                "o.search_vector @@ to_tsquery('simple'::regconfig, %s)", [ts_expression(words)]
            )
        if facets:
            query = query.where(
                "o.facet_vector @@ to_tsquery('simple'::regconfig, %s)", [ts_expression(facets)]
            )
        return query

    def with_substrings(self, filters: OrganizationFilters) -> RankedQuery:
        """Every word anywhere in the search text (trigram-indexed on PostgreSQL), and the
        filters as columns: for a database without the full-text index, and PostgreSQL's
        fallback."""
        query = self
        for word in self.words:
            query = query.where("o.search_text LIKE %s", [f"%{word}%"])
        if filters.disease_area is not None:
            query = query.where(
                "EXISTS (SELECT 1 FROM directory_organization_disease_areas t "
                "JOIN directory_diseasearea a ON a.id = t.diseasearea_id "
                "WHERE t.organization_id = o.id AND a.path LIKE %s)",
                [f"{filters.disease_area.path}%"],  # paths hold digits and slashes only
            )
        for column in ("region", "kind", "approval", "status"):
            if value := getattr(filters, column):
                query = query.where(f"o.{column} = %s", [value])
        return query

    def _from_where(self) -> tuple[str, list[Any]]:
        visible, params = self.visibility.sql("o")
        clauses = [visible]
        for condition, values in self.conditions:
            clauses.append(condition)
            params += values
        table = (
            "directory_organization o NOT INDEXED" if self.by_rowid else "directory_organization o"
        )
        return f"FROM {table} WHERE " + " AND ".join(clauses), params

    def page_sql(self, limit: int, offset: int) -> tuple[str, list[Any]]:
        """One page of list rows (ListRow's fields, then the area ids joined by commas) with
        the number of results on each row: the page and the count in one query. The inner
        query ranks and counts (a top-N sort: only the page is sorted in full), keeping only
        ids and scores (SQLite copies every match's row to count it: wide rows cost 15 % more);
        the outer one reads the page's rows, their disease areas included (`area_ids`:
        aggregating the links was a tenth of a broad search on PostgreSQL)."""
        from_where, params = self._from_where()
        if self.words:
            score, score_params = _name_score(self.words, self.folded_query)
            ranked = f"o.id, ({score}) AS score, COUNT(*) OVER () AS total"
            order, outer_order = "score DESC, o.name, o.id", "p.score DESC, r.name, r.id"
        else:
            # Listed by name: the name index gives the page without reading every match, which
            # counting here would need (20 times slower without a query): see counted().
            score_params, ranked = [], "o.id, NULL AS total"
            order, outer_order = "o.name, o.id", "r.name, r.id"
        sql = (
            "SELECT r.id, r.name, r.acronym, r.kind, r.city, r.region, r.approval, r.status, "  # noqa: S608 - constant text
            "r.area_ids, p.total "
            f"FROM (SELECT {ranked} {from_where} ORDER BY {order} LIMIT %s OFFSET %s) p "
            f"JOIN directory_organization r ON r.id = p.id ORDER BY {outer_order}"
        )
        return sql, [*score_params, *params, limit, offset]

    def counted(self) -> bool:
        """Whether page_sql gives the number of results (a ranked search: its matches are
        few enough to count while ranking them)."""
        return bool(self.words)

    def count_sql(self) -> tuple[str, list[Any]]:
        from_where, params = self._from_where()
        return f"SELECT COUNT(*) {from_where}", params


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


def _read_page(query: RankedQuery, limit: int, offset: int) -> tuple[list[ListRow], int | None]:
    """A page of rows, and the number of results (None when the page is empty or the query
    does not count them)."""
    with connection.cursor() as cursor:
        cursor.execute(*query.page_sql(limit, offset))
        fetched = cursor.fetchall()
    if not fetched:
        return [], None
    links = [[int(a) for a in (row[8] or "").split(",") if a] for row in fetched]
    names = disease_area_names()
    if any(a not in names for ids in links for a in ids):
        forget_area_labels()  # an area added since they were read
        names = disease_area_names()
    rows = []
    for row, area_ids in zip(fetched, links, strict=True):
        areas = sorted((names[a] for a in area_ids if a in names), key=lambda pair: pair[0])
        pk, name, acronym, kind, city, region, approval, status = row[:8]
        labels = tuple(label for _path, label in areas)
        rows.append(ListRow(pk, name, acronym, kind, city, region, approval, status, labels))
    total = fetched[0][9]
    return rows, None if total is None else int(total)


class OrganizationSearch(Sequence[Organization]):
    """Ranked results, for Django's and DRF's paginators. With `RankedPaginator`, which says
    which page will be read before the paginator asks for the length, the page's rows and the
    number of results come in one query. Decides on PostgreSQL whether the substring fallback
    answers. Items are organizations (the API); `rows()` gives the same results as the page's
    light rows."""

    def __init__(
        self, query: RankedQuery, fallback: Callable[[], RankedQuery] | None = None
    ) -> None:
        self._query = query
        self._fallback = fallback
        self._window = (0, 20)  # the page read with the count, unless told otherwise
        self._length: int | None = None
        self._page: tuple[int, list[ListRow]] = (0, [])

    def expect(self, index: slice) -> None:
        """The page that will be read first, before the length is known."""
        if self._length is None and index.stop is not None:
            self._window = (index.start or 0, index.stop)

    def _read(self) -> None:
        start, stop = self._window
        rows, total = self._read_window(start, stop)
        if total == 0 and self._fallback is not None:
            # The index found nothing (a word only found inside another one): substrings.
            self._query = self._fallback()
            rows, total = self._read_window(start, stop)
        self._fallback = None
        self._length, self._page = total, (start, rows)

    def _read_window(self, start: int, stop: int) -> tuple[list[ListRow], int]:
        if not self._query.counted():
            total = self._count()
            return (_read_page(self._query, stop - start, start)[0] if total > start else []), total
        rows, counted = _read_page(self._query, stop - start, start)
        if counted is None:  # an empty page: nothing matched, or it is past the end
            return rows, 0 if start == 0 else self._count()
        return rows, counted

    def _count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(*self._query.count_sql())
            return int(cursor.fetchone()[0])

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
        return _read_page(self._query, stop - start, start)[0]

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


# PostgreSQL's full-text indexes on organizations. A GIN index does not shrink when its rows are
# rewritten: after every organization had been updated once, a narrow search decoded twice the
# posting lists (its index scan took 4.8 instead of 0.7 ms) until the index was rebuilt.
_PG_SEARCH_INDEXES = ("directory_org_search_vector", "directory_org_search_trgm")


def compact_search_indexes() -> None:
    """Rebuild the organizations' full-text indexes compactly, after most of their rows were
    rewritten (migration 0009, `tandem reindex_directory`). PostgreSQL: REINDEX (writes to
    organizations wait meanwhile: seconds for 100,000); SQLite: FTS5's merge of its segments."""
    with connection.cursor() as cursor:
        if uses_search_vector():
            for index in _PG_SEARCH_INDEXES:
                cursor.execute(f"REINDEX INDEX {index}")
        elif uses_fts():
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


def _name_score(words: list[str], folded_query: str) -> tuple[str, list[str]]:
    """Per word: 6 if the name starts with it, 4 if one of the name's words does, 3 if it is
    inside the name, 1 otherwise (it matched elsewhere); 10 more for the exact name. Words are
    folded [a-z0-9] only. `instr` (SQLite) and `strpos` (PostgreSQL) take the same arguments.
    Whole numbers, and one position per word for a name that does not hold it (most matches):
    PostgreSQL's decimal arithmetic and three searches per name were a sixth of a broad
    search's time."""
    position = "strpos" if connection.vendor == "postgresql" else "instr"
    parts, params = [], []
    for word in words:
        parts.append(
            f"(CASE {position}(o.name_folded, %s) WHEN 0 THEN 1 WHEN 1 THEN 6"
            f" ELSE (CASE WHEN {position}(o.name_folded, %s) > 0 THEN 4 ELSE 3 END) END)"
        )
        params += [word, f" {word}"]
    parts.append("(CASE WHEN o.name_folded = %s THEN 10 ELSE 0 END)")
    params.append(folded_query)
    return " + ".join(parts), params
