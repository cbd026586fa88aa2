"""Queries whose shape is a constant of the code, written to SQL by the ORM once per process.

The signed-in home page runs a dozen small queries on every visit; building and compiling each
with the ORM costs more than running it (0.2 to 0.6 ms of CPU a query against about 0.05 ms
in SQLite, docs/benchmarks.md). A `PreparedQuery` asks the ORM for the SQL of its queryset
once per process and database, with a marker value for each parameter that changes between
calls (a person's id, today's date), and runs that SQL again with the real values. The rows
are read from the database on every call: only the text of the query is kept, never data
(the same rule as `User.objects.get_with_access_facts`).

    recent = PreparedQuery(
        lambda person, since: Thing.objects.filter(owner=person, created__gte=since)
        .only("pk", "title")[:5],
        person=models.IntegerField(),
        since=models.DateTimeField(),
    )
    recent.objects(person=user.pk, since=now)  # model instances, converted as the ORM does
    recent.rows(person=user.pk, since=now)  # plain tuples (a `values_list` queryset)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models
from django.db.models import QuerySet

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: dict[str, tuple[int, ...]]  # parameter name -> its positions among the params
    query: Any  # the ORM's query, for a compiler on each call's own connection (converters)
    columns: tuple[Any, ...]  # the selected expressions, in the order of the row's values
    fields: tuple[str, ...]  # the model's fields among them (attnames), as `from_db` takes
    span: tuple[int, int]  # where the model's fields are in the row (start, end)
    annotations: dict[str, int]  # annotation name -> its position in the row


def _marker(field: models.Field[Any, Any], index: int) -> Any:
    """A value no row holds, distinct for each parameter, that the ORM passes as a parameter."""
    if isinstance(field, models.DateTimeField):
        return dt.datetime(1904, 2, 1 + index, 3, 4, 5, tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return dt.date(1904, 2, 1 + index)
    if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
        return -7_340_033 - index
    if isinstance(field, models.CharField | models.TextField):
        return f"\x00prepared-query-marker-{index}"
    raise TypeError(f"No marker for a {type(field).__name__} parameter.")


class PreparedQuery(Generic[M]):
    def __init__(
        self, build: Callable[..., QuerySet[M, Any]], **parameters: models.Field[Any, Any]
    ):
        self.build = build
        self.parameters = parameters
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is not None:
            return compiled
        with self._lock:
            connection = connections[alias]
            markers = {name: _marker(f, i) for i, (name, f) in enumerate(self.parameters.items())}
            queryset = self.build(**markers)
            self.model = queryset.model
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = {}
            for name, field in self.parameters.items():
                prepped = field.get_db_prep_value(markers[name], connection, prepared=False)
                where = tuple(i for i, value in enumerate(params) if value == prepped)
                if not where:
                    raise RuntimeError(f"The parameter {name!r} is not among the query's.")
                slots[name] = where
            select, info = compiler.select, compiler.klass_info or {}
            model_columns = info.get("select_fields", [])
            compiled = self._compiled[alias] = _Compiled(
                sql,
                tuple(params),
                slots,
                query=queryset.query,
                columns=tuple(column for column, _sql, _alias in select[: compiler.col_count]),
                fields=tuple(select[i][0].target.attname for i in model_columns),
                span=(model_columns[0], model_columns[-1] + 1) if model_columns else (0, 0),
                annotations=dict(compiler.annotation_col_map or {}),
            )
            return compiled

    def _sql(self, alias: str, values: dict[str, Any]) -> tuple[str, list[Any]]:
        if values.keys() != self.parameters.keys():
            raise TypeError(f"Expected the parameters {sorted(self.parameters)}.")
        compiled = self._compile(alias)
        connection = connections[alias]
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            value = self.parameters[name].get_db_prep_value(
                values[name], connection, prepared=False
            )
            for position in positions:
                params[position] = value
        return compiled.sql, params

    def objects(self, using: str = "default", **values: Any) -> list[M]:
        """The rows as model instances: the queryset's fields and its annotations (as
        attributes), each converted as the ORM converts it. No `select_related`: annotate what
        is needed from a joined table."""
        sql, params = self._sql(using, values)
        compiled = self._compile(using)
        if self.model._meta.pk.attname not in compiled.fields:
            raise TypeError("objects() reads model rows with their key: use rows() for values.")
        connection = connections[using]
        # What Django's ModelIterable does, without building the query again: each value
        # converted as the ORM converts it, with this call's connection.
        compiler = connection.ops.compiler("SQLCompiler")(compiled.query, connection, using)
        converters = compiler.get_converters(list(compiled.columns))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: Any = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        start, end = compiled.span
        found = []
        for row in rows:
            instance = self.model.from_db(using, compiled.fields, row[start:end])
            for name, position in compiled.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found

    def rows(self, using: str = "default", **values: Any) -> list[tuple[Any, ...]]:
        """The rows as tuples of database values (for columns that need no conversion)."""
        sql, params = self._sql(using, values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
