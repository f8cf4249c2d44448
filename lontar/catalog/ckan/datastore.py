"""CKAN DataStore actions over the public datastore tables: ``datastore_search``,
``datastore_search_sql`` and ``/datastore/dump/<resource id>``.

A resource id resolves to a table only when its dataset is in the public catalogue and the
datastore serves the table publicly; anything else answers "Not found" like a missing id.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.actions import Context, action
from lontar.catalog.ckan.errors import NotAuthorized, NotFound, SearchQueryError, ValidationFailed
from lontar.catalog.models import CatalogEntry, Resource
from lontar.catalog.selectors.public import resource_entry
from lontar.datastore.export import csv_lines
from lontar.datastore.ingest.names import quote
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.datastore.query.messages import query_message, rejection_message
from lontar.datastore.query.params import Columns, ParamError, TableQuery
from lontar.datastore.query.public import run_public_sql
from lontar.datastore.query.sqlguard import SqlRejected
from lontar.datastore.query.table import TableReader
from lontar.datastore.query.values import json_default, output_rows
from lontar.datastore.selectors import public_aliases, public_table

FIELD_TYPES = {
    "integer": "int",
    "decimal": "numeric",
    "text": "text",
    "date": "date",
    "boolean": "bool",
    "region": "text",
}
LIMIT_MAX = 1000
OFFSET_MAX = 1_000_000
SQL_ROWS = 1000


def public_resource_table(resource_id: str) -> tuple[str, DatastoreTable]:
    """(resource id, table) for a public resource with a public table; NotFound otherwise."""
    try:
        entry, rv = resource_entry(resource_id)
        table = public_table(f"{entry.name}/{rv.snapshot['slug']}")
    except Http404 as exc:
        raise NotFound("Not found: Resource was not found.") from exc
    return str(rv.resource_id), table


def _plain(value: Any) -> Any:
    try:
        return json_default(value)
    except TypeError:
        return value


def _conditions(data: dict[str, Any], columns: Columns, ph: str) -> tuple[list[str], list[Any]]:
    filters = data.get("filters") or {}
    if isinstance(filters, str):
        filters = p.json_object(filters, "filters")
    if not isinstance(filters, dict) or len(filters) > 50:
        raise ValidationFailed("filters: Must be a dict", {"filters": ["Must be a JSON object of column: value"]})
    where: list[str] = []
    values: list[Any] = []
    try:
        for name, wanted in filters.items():
            columns.require(str(name))
            items = wanted if isinstance(wanted, list) else [wanted]
            if not items or len(items) > 100:
                raise ValidationFailed("filters: bad values", {"filters": [f"Give 1 to 100 values for {name}"]})
            where.append(f"{quote(name)} IN ({', '.join(ph for _i in items)})")
            values += [columns.value(name, str(v)) for v in items]
        q = p.text(data, "q", max_length=200)
        if q:
            texts = [n for n, t in columns.types.items() if t in ("text", "region")]
            like = "ILIKE" if columns.postgres else "LIKE"
            pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(" + " OR ".join(f"{quote(n)} {like} {ph} ESCAPE '\\'" for n in texts) + ")" if texts else "1 = 0"
            )
            values += [pattern] * len(texts)
    except ParamError as exc:
        raise ValidationFailed(exc.message, {"filters": [exc.message]}) from exc
    return where, values


def _order(data: dict[str, Any], columns: Columns) -> str:
    raw = p.text(data, "sort", max_length=300).strip()
    if not raw:
        return '"_id"'
    parts = []
    for item in raw.split(","):
        bits = item.split()
        if (
            len(bits) not in (1, 2)
            or bits[0].strip('"') not in columns.types
            or (len(bits) == 2 and bits[1].lower() not in ("asc", "desc"))
        ):
            raise ValidationFailed(
                f"sort: bad sort {item.strip()[:40]!r}", {"sort": [f"Unknown sort {item.strip()[:40]}"]}
            )
        parts.append(f"{quote(bits[0].strip(chr(34)))} {bits[1].upper() if len(bits) == 2 else 'ASC'}")
    return ", ".join([*parts, '"_id"'])


def _fields(data: dict[str, Any], columns: Columns) -> list[str]:
    wanted = p.string_list(data, "fields")
    if len(wanted) == 1 and "," in wanted[0]:
        wanted = [w.strip() for w in wanted[0].split(",")]
    try:
        return [columns.require(name) for name in wanted] or columns.names
    except ParamError as exc:
        raise ValidationFailed(exc.message, {"fields": [exc.message]}) from exc


def _run(sql: str, values: list[Any], table: DatastoreTable) -> engine.Result:
    try:
        return engine.run(sql, values, tables=[table.table_name])
    except engine.QueryError as exc:
        title, detail = query_message(exc)
        raise SearchQueryError(f"{title} {detail}") from exc


@action
def datastore_search(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Rows of a public resource's table: resource_id, filters ({column: value or [values]}), q
    (text in any text column), fields, sort ("col asc, col2 desc"), limit (≤ 1000), offset,
    include_total."""
    resource_id, table = public_resource_table(p.required(data, "resource_id", "id"))
    columns = Columns(table.columns, postgres=engine.vendor() == "postgresql")
    ph = engine.placeholder()
    limit = p.natural(data, "limit", 100, maximum=LIMIT_MAX)
    offset = p.natural(data, "offset", 0, maximum=OFFSET_MAX, clamp=False)
    fields = _fields(data, columns)
    where, values = _conditions(data, columns, ph)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    name = quote(table.table_name)
    select = ", ".join(quote(f) for f in fields)
    sql = f"SELECT {select} FROM {name}{clause} ORDER BY {_order(data, columns)} LIMIT {limit} OFFSET {offset}"  # noqa: S608
    rows = output_rows(_run(sql, values, table).rows, [columns.types[f] for f in fields])
    result: dict[str, Any] = {
        "resource_id": resource_id,
        "fields": [{"id": f, "type": FIELD_TYPES.get(columns.types[f], "text")} for f in fields],
        "records": [{f: _plain(v) for f, v in zip(fields, row, strict=True)} for row in rows],
        "limit": limit,
        "offset": offset,
        "_links": {
            "start": f"/api/3/action/datastore_search?resource_id={resource_id}",
            "next": f"/api/3/action/datastore_search?resource_id={resource_id}&offset={offset + limit}",
        },
    }
    if p.boolean(data, "include_total", True):
        total = table.row_count if not where else _run(f"SELECT COUNT(*) FROM {name}{clause}", values, table).rows[0][0]  # noqa: S608
        result["total"] = int(total)
        result["total_was_estimated"] = False
    return result


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


@action
def datastore_search_sql(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """One read-only SELECT over public tables, named by resource id (or "dataset/resource") in
    double quotes; at most 1,000 rows and the byte budget, within the time limit. Refusals answer
    409 (Validation Error); 403 (Authorization Error) while public SQL is unavailable."""
    sql = p.text(data, "sql", max_length=20_000)
    if not sql.strip():
        raise ValidationFailed("sql: Missing value", {"sql": ["Missing value"]})
    aliases = _sql_aliases()
    try:
        result = run_public_sql(sql, aliases, max_rows=SQL_ROWS)
    except SqlRejected as exc:
        raise ValidationFailed(rejection_message(exc), {"query": [rejection_message(exc)]}) from exc
    except engine.QueryError as exc:
        title, detail = query_message(exc)
        if exc.kind == "unavailable":
            raise NotAuthorized(f"{title} {detail}") from exc
        for key, table in aliases.items():
            detail = detail.replace(table, f'"{key}"')
        raise ValidationFailed(f"{title} {detail}", {"query": [detail]}) from exc
    return {
        "sql": sql,
        "fields": [{"id": c, "type": "text"} for c in result.columns],
        "records": [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows],
        "records_truncated": result.truncated,
    }


@require_GET
def dump(request: HttpRequest, resource_id: str) -> StreamingHttpResponse:
    """/datastore/dump/<resource id>: the whole public table as CSV, streamed."""
    try:
        _rid, table = public_resource_table(resource_id)
    except NotFound as exc:
        raise Http404 from exc
    reader = TableReader(table)
    types = ["integer", *[c["type"] for c in table.columns]]
    lines = csv_lines(reader.columns.names, types, reader.stream(TableQuery()))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{resource_id}.csv"'
    return response
