"""Table preview and automatic charts of a public dataset, read from the datastore.

Only tables the datastore serves publicly are read (``datastore.selectors.public_table``), through
its read-only, time-limited engine. A table version never changes, so results are cached by the
table's name.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lontar.catalog.chart_choice import ColumnInfo, Plan, choose, is_code, is_year
from lontar.core.svg import Chart, bar_chart, kabkota_map, line_chart
from lontar.core.svg.geometry import kabkota_geometry
from lontar.datastore.ingest.names import quote
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.datastore.query.params import TableQuery
from lontar.datastore.query.table import TableReader
from lontar.datastore.selectors import public_table

logger = logging.getLogger(__name__)
PREVIEW_ROWS = 10
CACHE_SECONDS = 24 * 3600
DISTINCT_CAP = 31


def _run(table: DatastoreTable, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return engine.run(sql, params or [], tables=[table.table_name], max_rows=1000).rows


def _distinct(table: DatastoreTable, columns: list[ColumnInfo]) -> dict[str, int]:
    counts: dict[str, int] = {}
    name = quote(table.table_name)
    for column in columns:
        if column.type in ("text", "integer", "decimal"):
            col = quote(column.name)
            inner = f"SELECT DISTINCT {col} FROM {name} WHERE {col} IS NOT NULL LIMIT {DISTINCT_CAP}"  # noqa: S608
            sql = f"SELECT COUNT(*) FROM ({inner}) AS d"  # noqa: S608
            counts[column.name] = int(_run(table, sql)[0][0])
    return counts


def _latest_year(table: DatastoreTable, year: ColumnInfo | None) -> Any:
    if year is None:
        return None
    col = quote(year.name)
    return _run(table, f"SELECT MAX({col}) FROM {quote(table.table_name)}")[0][0]  # noqa: S608


def _aggregate(table: DatastoreTable, plan: Plan, group_sql: str, where: list[str], params: list[Any]) -> list[tuple]:
    """(group, value) rows: counts summed; rates weighted by the weight column, or (no weight)
    taken as they are — then no group may hold more than one row, else no rows (no chart: a
    rate is never averaged unweighted). Total rows are left out."""
    measure = quote(plan.measure.name)
    if plan.aggregate == "weighted" and plan.weight is not None:
        weight = quote(plan.weight.name)
        value = f"SUM({measure} * {weight}) / NULLIF(SUM(CASE WHEN {measure} IS NOT NULL THEN {weight} END), 0)"
    elif plan.aggregate == "none":
        value = f"MAX({measure})"
    else:
        value = f"SUM({measure})"
    if plan.totals is not None:
        where = [*where, f"NOT {quote(plan.totals.name)}"]
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    sql = (
        f"SELECT {group_sql} AS g, {value}, COUNT({measure}) FROM {quote(table.table_name)}{clause} "  # noqa: S608
        f"GROUP BY g ORDER BY g LIMIT 1000"
    )
    rows = _run(table, sql, params)
    if plan.aggregate == "none" and any(count > 1 for _g, _v, count in rows):
        return []
    return [(g, v) for g, v, _count in rows]


def _year_filter(table: DatastoreTable, plan: Plan) -> tuple[list[str], list[Any], Any]:
    latest = _latest_year(table, plan.year)
    if latest is None or plan.year is None:
        return [], [], None
    return [f"{quote(plan.year.name)} = {engine.placeholder()}"], [latest], latest


def _map(table: DatastoreTable, plan: Plan) -> Chart | None:
    col = quote(plan.by.name)
    where, params, year = _year_filter(table, plan)
    rows = _aggregate(table, plan, f"substr({col}, 1, 5)", [*where, f"length({col}) >= 5"], params)
    known = {r.code for r in kabkota_geometry().regions}
    values = {code: float(v) for code, v in rows if code in known and v is not None}
    if not values:
        return None
    title = _("%(measure)s by regency/city") % {"measure": plan.measure.title}
    if year is not None:
        title = _("%(measure)s by regency/city, %(year)s") % {"measure": plan.measure.title, "year": year}
    return kabkota_map(values, title=title, value_label=plan.measure.title, unit=plan.measure.unit)


def _line(table: DatastoreTable, plan: Plan) -> Chart | None:
    rows = [
        (int(y), float(v))
        for y, v in _aggregate(table, plan, quote(plan.by.name), [], [])
        if y is not None and v is not None
    ]
    if len(rows) < 2:
        return None
    if plan.aggregate == "none":
        title = _("%(measure)s per year") % {"measure": plan.measure.title}
    else:
        what = _("weighted average") if plan.aggregate == "weighted" else _("total")
        title = _("%(measure)s per year (%(what)s)") % {"measure": plan.measure.title, "what": what}
    return line_chart({plan.measure.title: rows}, title=title, unit=plan.measure.unit, x_label=plan.by.title)


def _bar(table: DatastoreTable, plan: Plan) -> Chart | None:
    where, params, year = _year_filter(table, plan)
    rows = _aggregate(table, plan, quote(plan.by.name), where, params)
    items = [(str(label), float(v)) for label, v in rows if label is not None and v is not None][:30]
    if len(items) < 2:
        return None
    title = _("%(measure)s by %(category)s") % {"measure": plan.measure.title, "category": plan.by.title}
    if year is not None:
        title = f"{title}, {year}"
    return bar_chart(items, title=title, unit=plan.measure.unit)


BUILDERS = {"map": _map, "line": _line, "bar": _bar}


def charts_for(table: DatastoreTable, columns: list[ColumnInfo]) -> list[Chart]:
    plans = choose(columns, _distinct(table, columns))
    charts = []
    for plan in plans:
        chart = BUILDERS[plan.kind](table, plan)
        if chart is not None:
            charts.append(chart)
    return charts


def column_info(column: dict[str, Any], facts: dict[str, Any]) -> ColumnInfo:
    """One column: the data dictionary's description with the datastore's facts (region
    level and code system, the added Kemendagri code column, total rows)."""
    return ColumnInfo(
        name=column["name"],
        type=column.get("type", facts.get("type", "")),
        label=column.get("label", ""),
        unit=column.get("unit", ""),
        reference_kind=column.get("reference_kind", ""),
        role=facts.get("role", ""),
        region_level=facts.get("region_level", ""),
        code_system=facts.get("code_system", ""),
        kemendagri_column=facts.get("kemendagri_column", ""),
        total_values=tuple(facts.get("total_values", ())),
    )


def _columns(resource: dict[str, Any], table: DatastoreTable) -> list[ColumnInfo]:
    """The data dictionary, for the columns the loaded table really has, and the columns the
    datastore added (Kemendagri codes, the total-row flag) even when the dictionary omits them."""
    facts = {c["name"]: c for c in table.columns}
    described = [column_info(c, facts[c["name"]]) for c in resource.get("columns", []) if c["name"] in facts]
    named = {c.name for c in described}
    added = [column_info(c, c) for c in table.columns if c.get("role") and c["name"] not in named]
    return described + added


def table_plans(table: DatastoreTable) -> list[Plan]:
    """The charts the datastore's own facts about a table suggest (no data dictionary)."""
    columns = [column_info(c, c) for c in table.columns]
    return choose(columns, _distinct(table, columns))


def _is_measure(columns: list[ColumnInfo], name: str) -> bool:
    """Numbers to group and right-align (not years or codes)."""
    column = next((c for c in columns if c.name == name), None)
    return column is not None and column.type in ("integer", "decimal") and not is_year(column) and not is_code(column)


def resource_preview(dataset_slug: str, resource: dict[str, Any]) -> dict[str, Any] | None:
    """Preview rows and charts of one published tabular resource, or None when not served."""
    try:
        table = public_table(f"{dataset_slug}/{resource['slug']}")
    except Http404:
        return None
    key = f"catalog:preview:v3:{table.table_name}:{get_language() or ''}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    columns = _columns(resource, table)
    try:
        page = TableReader(table).page(TableQuery(size=PREVIEW_ROWS))
        charts = charts_for(table, columns)
    except engine.QueryError:
        logger.warning("preview of %s timed out or failed", table.table_name, exc_info=True)
        return None
    labels = {c.name: c.title for c in columns}
    numeric = [_is_measure(columns, name) for name in page.columns[1:]]
    result = {
        "headers": [labels.get(name, name) for name in page.columns[1:]],
        "rows": [list(zip(row[1:], numeric, strict=True)) for row in page.rows],
        "row_count": table.row_count,
        "charts": charts,
        "data_url": f"/data/{dataset_slug}/{resource['slug']}",
    }
    cache.set(key, result, CACHE_SECONDS)
    return result
