"""Plain multi-row INSERTs for the bulk writers (import, weekly recompute): the values go to the
database as they are, without building a model instance per row (10x faster than bulk_create for
100,000 rows). Every column the model has is written: a field missing from a row gets its default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.db.models.fields import NOT_PROVIDED, DateField, DateTimeField
from django.utils import timezone

BATCH = 2000


def _adapt(connection: Any, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _defaults(fields: list[Any]) -> dict[str, Any]:
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.default is not NOT_PROVIDED:
            defaults[f.attname] = f.get_default()
        else:
            defaults[f.attname] = None
    return defaults


def _flush(cursor: Any, head: str, row_sql: str, batch: list[list[Any]], per_statement: int) -> None:
    if per_statement == 1:
        cursor.executemany(head + row_sql, batch)
        return
    for start in range(0, len(batch), per_statement):
        chunk = batch[start : start + per_statement]
        cursor.execute(head + ", ".join([row_sql] * len(chunk)), [v for values in chunk for v in values])


def _copy_rows(
    connection: Any, sql: str, names: list[str], defaults: dict[str, Any], rows: Iterable[Mapping[str, Any]]
) -> int:
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[n] if n in row else defaults[n] for n in names])
            count += 1
    return count


def insert_rows(model: type[Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """INSERT ``rows`` (attname -> value) into ``model``'s table; returns how many."""
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = _defaults(fields)
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (identifiers of the model, quoted)
    row_sql = f"({placeholders})"
    # SQLite runs in the process: one prepared row statement, many times. PostgreSQL: COPY (values
    # sent as they are, no SQL text or arrays to build: three times faster than one statement per
    # batch reading arrays, whose text form psycopg quotes value by value). Others: many rows per
    # statement.
    per_statement = 1 if connection.vendor == "sqlite" else max(1, min(500, 60000 // len(fields)))
    adapted = {k: _adapt(connection, v) for k, v in defaults.items()}
    if connection.vendor == "postgresql":
        return _copy_rows(connection, f"COPY {table} ({columns}) FROM STDIN", names, defaults, rows)
    dated = {f.attname for f in fields if isinstance(f, (DateField, DateTimeField))}
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = [row[n] if n in row else adapted[n] for n in names]
            if dated.intersection(row):
                values = [
                    _adapt(connection, v) if n in dated and n in row else v for n, v in zip(names, values, strict=True)
                ]
            batch.append(values)
            if len(batch) >= BATCH:
                _flush(cursor, head, row_sql, batch, per_statement)
                count += len(batch)
                batch = []
        if batch:
            _flush(cursor, head, row_sql, batch, per_statement)
            count += len(batch)
    return count
