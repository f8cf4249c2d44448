"""CKAN DataStore actions over the public datastore tables: ``datastore_search`` and
``datastore_search_sql`` (the dump, ``/datastore/dump/<resource id>``, is in
:mod:`.datastore_dump`).

A resource id resolves to a table only when its dataset is in the public catalogue and the
datastore serves the table publicly; anything else answers "Not found" like a missing id.
Parameters are checked as CKAN 2.11 checks them (:mod:`.datastore_params`); refusals carry
CKAN's status and error envelope.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

from lontar.catalog.ckan import datastore_params as dp
from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.actions import Context, action
from lontar.catalog.ckan.datastore_dump import dump
from lontar.catalog.ckan.datastore_tables import (
    FIELD_TYPES,
    field_info,
    plain_value,
    public_resource,
    public_resource_table,
    result_fields,
    search_errors,
)
from lontar.catalog.ckan.errors import NotAuthorized, ValidationFailed
from lontar.catalog.models import CatalogEntry, Resource
from lontar.datastore.export import delimited_text
from lontar.datastore.query import engine
from lontar.datastore.query.messages import query_message, rejection_message
from lontar.datastore.query.params import ID
from lontar.datastore.query.public import run_public_sql
from lontar.datastore.query.search import TableSearch
from lontar.datastore.query.sqlguard import SqlRejected
from lontar.datastore.query.values import output_rows
from lontar.datastore.selectors import columns_of_table_names, public_aliases

__all__ = ["datastore_search", "datastore_search_sql", "dump", "public_resource_table"]

#: PostgreSQL result type -> the same vocabulary (others keep PostgreSQL's name, as CKAN gives it)
PG_FIELD_TYPES = {
    "int2": "int",
    "int4": "int",
    "int8": "int",
    "numeric": "numeric",
    "float4": "float8",
    "float8": "float8",
    "text": "text",
    "varchar": "text",
    "bpchar": "text",
    "name": "text",
    "unknown": "text",
    "bool": "bool",
    "date": "date",
    "timestamp": "timestamp",
    "timestamptz": "timestamptz",
    "json": "json",
    "jsonb": "json",
}
SQL_ROWS = 1000
SEARCH_PATH = "/api/3/action/datastore_search"
#: parameters carried by _links, in this order
LINK_KEYS = (
    "resource_id",
    "q",
    "full_text",
    "plain",
    "language",
    "filters",
    "fields",
    "sort",
    "distinct",
    "records_format",
    "include_total",
    "total_estimation_threshold",
    "include_next_page",
)


def _link_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def search_links(data: dict[str, Any], resource_id: str, limit: int, offset: int) -> dict[str, str]:
    """CKAN's ``_links``: start, next (offset + limit) and prev (when offset - limit > 0), each
    with every search parameter of the request (filters and a dict ``q`` as JSON)."""
    given = {**data, "resource_id": resource_id}
    pairs = [(key, _link_value(given[key])) for key in LINK_KEYS if given.get(key) not in (None, "")]
    pairs.append(("limit", str(limit)))
    links = {
        "start": f"{SEARCH_PATH}?{urlencode(pairs)}",
        "next": f"{SEARCH_PATH}?{urlencode([*pairs, ('offset', str(offset + limit))])}",
    }
    if offset - limit > 0:
        links["prev"] = f"{SEARCH_PATH}?{urlencode([*pairs, ('offset', str(offset - limit))])}"
    return links


def format_records(rows: list[tuple[Any, ...]], names: list[str], types: list[str], records_format: str) -> Any:
    rows = output_rows(rows, types)
    if records_format == "lists":
        return [[plain_value(v) for v in row] for row in rows]
    if records_format in ("csv", "tsv"):
        return delimited_text(types, rows, delimiter="," if records_format == "csv" else "\t")
    return [{f: plain_value(v) for f, v in zip(names, row, strict=True)} for row in rows]


def _echo(data: dict[str, Any], params: dp.SearchParams) -> dict[str, Any]:
    """What CKAN gives back of the request (its data dict)."""
    echo = {key: data[key] for key in ("q", "full_text", "plain", "language", "sort", "distinct") if key in data}
    if "filters" in data:
        echo["filters"] = dp.json_value(data, "filters")
    if params.include_next_page:
        echo["include_next_page"] = True
    return echo


@action
def datastore_search(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Rows of a public resource's table, as CKAN 2.11: resource_id, filters ({column: value,
    [values] or {"gt"|"gte"|"lt"|"lte"|"eq"|"in": value}}), q (text in any column, or
    {column: text}), full_text, plain (false: &, |, !, parentheses), language, fields, sort
    (list or "col asc, col2 desc nulls last"), distinct, limit (≤ 1000), offset, include_total,
    total_estimation_threshold, records_format (objects, lists, csv, tsv), include_next_page.
    Unknown parameters are refused (409)."""
    dp.check_junk(data)
    resource = public_resource(p.required(data, "resource_id", "id"))
    reader = TableSearch(resource.table)
    params = dp.search_params(data, reader.columns)
    search = params.search
    names = search.fields
    types = [reader.columns.types[f] for f in names]
    with search_errors():
        rows = reader.rows(search, with_id=params.include_next_page)
        total = reader.total(search) if params.include_total else None
    last_id = None
    if params.include_next_page and rows:
        position = names.index(ID) if ID in names else len(names)
        last_id = rows[-1][position] if len(rows[-1]) > position else None
        rows = [row[: len(names)] for row in rows]
    result: dict[str, Any] = {
        "include_total": params.include_total,
        "resource_id": resource.resource_id,
        "fields": result_fields(names, reader.columns.types, field_info(resource)),
        "records_format": params.records_format,
        "records": format_records(rows, names, types, params.records_format),
        "limit": search.limit,
        "offset": search.offset,
        **_echo(data, params),
        "_links": search_links(data, resource.resource_id, search.limit, search.offset),
    }
    if total is not None:
        result["total"] = total
        result["total_was_estimated"] = False
    page = dp.next_page(params, last_id)
    if page is not None:
        result["next_page"] = page
    return result


# -- datastore_search_sql -------------------------------------------------------------------------
def _sql_aliases() -> dict[str, str]:
    """Public tables by resource key ("dataset/resource") and by resource id (as CKAN names them)."""
    by_key = public_aliases()
    aliases = dict(by_key)
    rows = Resource.objects.filter(
        dataset__in=CatalogEntry.objects.values("dataset"), removed_at__isnull=True
    ).values_list("pk", "dataset__slug", "slug")
    for pk, dataset_slug, slug in rows:
        table = by_key.get(f"{dataset_slug}/{slug}")
        if table:
            aliases[str(pk)] = table
    return aliases


def _declared_types(sql: str, aliases: dict[str, str]) -> dict[str, str]:
    """Column name -> Lontar type over the tables the query names (names typed alike in all)."""
    used = {table for key, table in aliases.items() if f'"{key}"' in sql}
    declared: dict[str, str] = {}
    clash: set[str] = set()
    for columns in columns_of_table_names(used):
        for column in columns or []:
            name, kind = column.get("name"), column.get("type")
            if declared.get(name, kind) != kind:
                clash.add(name)
            declared[name] = kind
    declared[ID] = "integer"
    return {k: v for k, v in declared.items() if k not in clash}


def _fits(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int)
    if kind == "decimal":
        return isinstance(value, int | float)
    if kind == "boolean":
        return value in (0, 1) and isinstance(value, int)
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return isinstance(value, str)


def sqlite_field_type(values: list[Any], declared: str | None) -> str:
    """A SQLite result column's type (SQLite results carry none): the type of the table column
    of that name when every value fits it, else what the values are."""
    present = [v for v in values if v is not None]
    if declared and all(_fits(v, declared) for v in present):
        return FIELD_TYPES.get(declared, "text")
    kinds = {type(v) for v in present}
    if not kinds or kinds <= {str}:
        return "text"
    if kinds <= {int}:
        return "int"
    if kinds <= {int, float}:
        return "numeric"
    if kinds <= {bytes}:
        return "bytea"
    return "text"


def sql_fields(result: engine.Result, sql: str, aliases: dict[str, str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(field types, rows) of a public SQL result; SQLite booleans come back as true/false."""
    if result.types:
        return [PG_FIELD_TYPES.get(t, t) for t in result.types], result.rows
    declared = _declared_types(sql, aliases)
    types = [
        sqlite_field_type([row[i] for row in result.rows], declared.get(name)) for i, name in enumerate(result.columns)
    ]
    return types, output_rows(result.rows, ["boolean" if t == "bool" else t for t in types])


def _refusal(exc: SqlRejected) -> Exception:
    """CKAN refuses system tables and functions not allowed as 403 (Authorization Error), the rest 409."""
    name = exc.detail.lower()
    if exc.reason == "denied_name" and name.startswith(("sqlite_", "pg_", "information_schema")):
        return NotAuthorized("Not authorized to access system tables")
    if exc.reason == "denied_name" and name.startswith("ds_"):
        return NotAuthorized("Not authorized to read resource.")
    if exc.reason in ("denied_name", "denied_function"):
        return NotAuthorized(f"Not authorized to call function {exc.detail[:60]}")
    return ValidationFailed(rejection_message(exc), {"query": [rejection_message(exc)]})


@action
def datastore_search_sql(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """One read-only SELECT over public tables, named by resource id (or "dataset/resource") in
    double quotes; at most 1,000 rows and the byte budget, within the time limit. Field types
    are the result's own. Refusals answer 409 (Validation Error); system tables, functions not
    allowed and tables not public 403 (Authorization Error), as while public SQL is unavailable."""
    sql = p.text(data, "sql", max_length=20_000)
    if not sql.strip():
        raise ValidationFailed("sql: Missing value", {"sql": ["Missing value"]})
    aliases = _sql_aliases()
    try:
        result = run_public_sql(sql, aliases, max_rows=SQL_ROWS)
    except SqlRejected as exc:
        raise _refusal(exc) from exc
    except engine.QueryError as exc:
        title, detail = query_message(exc)
        if exc.kind in ("unavailable", "denied"):
            raise NotAuthorized(f"{title} {detail}") from exc
        for key, table in aliases.items():
            detail = detail.replace(table, f'"{key}"')
        raise ValidationFailed(f"{title} {detail}", {"query": [detail]}) from exc
    types, rows = sql_fields(result, sql, aliases)
    answer: dict[str, Any] = {
        "sql": sql,
        "fields": [{"id": c, "type": t} for c, t in zip(result.columns, types, strict=True)],
        "records": [{c: plain_value(v) for c, v in zip(result.columns, row, strict=True)} for row in rows],
    }
    if result.truncated:
        answer["records_truncated"] = True
    return answer
