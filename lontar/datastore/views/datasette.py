"""The table API's JSON as Datasette 1.0 answers it (``/data/<dataset>/<resource>.json``), the
database view (``/data/<dataset>.json``) and Datasette's error shape.

Rows are objects by default; ``_shape`` takes ``objects``, ``arrays``, ``array`` (with ``_nl``),
``arrayfirst`` and ``object``; ``_extra=`` adds blocks; ``_facet`` answers under
``facet_results`` as Datasette 1.0 does. Lontar's own keys (``resource``, ``version``,
``fields``, ``count``, ``facets``…) stay in the answer: Datasette clients ignore keys they do not
know. docs/datasette-compat.md lists every parameter and how it is answered.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse

from lontar.datastore.query import datasette_args as dargs
from lontar.datastore.query import params as qp
from lontar.datastore.query.table import Page, TableReader
from lontar.datastore.query.values import json_default, output_rows
from lontar.datastore.selectors import public_listing
from lontar.datastore.views.common import json_response

PRIMARY_KEYS = [qp.ID]


def datasette_error(request: HttpRequest, status: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    """Datasette's error body (``ok``, ``error``, ``errors``, ``status``, ``title``) that is also
    an RFC 9457 problem (``type``, ``title``, ``status``, ``detail``, ``instance``), sent as JSON
    as Datasette sends it."""
    message = detail or title
    body: dict[str, Any] = {
        "ok": False,
        "error": message,
        "errors": [message],
        "status": status,
        "title": title,
        "type": "about:blank",
        "detail": message,
        "instance": request.path,
    }
    body.update(extra)
    return json_response(body, status=status)


def _names(name: str) -> tuple[str, str]:
    """(database, table) of a public name ``dataset/resource`` as Datasette's URL reads it."""
    database, _sep, table = name.partition("/")
    return database, table


def _url(request: HttpRequest, pairs: list[tuple[str, str]], *, absolute: bool = True) -> str:
    query = urlencode(pairs)
    path = f"{request.path}?{query}" if query else request.path
    return request.build_absolute_uri(path) if absolute else path


def _pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v) for k in request.GET for v in request.GET.getlist(k)]


def _facet_value(value: Any, kind: str) -> Any:
    if kind == "boolean" and value is not None:
        return bool(value)
    return value


def _arg_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(json_default(value)) if not isinstance(value, str | int | float) else str(value)


def _facets(request: HttpRequest, reader: TableReader, query: qp.TableQuery) -> tuple[dict[str, Any], list[str]]:
    """(facet_results["results"], timed-out columns) in Datasette's shape."""
    results: dict[str, Any] = {}
    timed_out: list[str] = []
    if query.nofacet:
        return results, timed_out
    pairs = [p for p in _pairs(request) if p[0] != "_next"]
    for column in query.facets:
        found = reader.facet_results(query, column, query.facet_size)
        if found["timed_out"]:
            timed_out.append(column)
            continue
        arg = f"{column}__exact" if column.startswith("_") else column
        items = []
        for value, count in found["rows"]:
            value = _facet_value(value, reader.columns.types[column])
            text = _arg_text(value)
            selected = (arg, text) in pairs
            toggled = [p for p in pairs if p != (arg, text)] if selected else [*pairs, (arg, text)]
            items.append(
                {
                    "value": value,
                    "label": value,
                    "count": count,
                    "toggle_url": _url(request, toggled),
                    "selected": selected,
                }
            )
        results[column] = {
            "name": column,
            "type": "column",
            "hideable": True,
            "toggle_url": _url(request, [p for p in pairs if p != ("_facet", column)], absolute=False),
            "results": items,
            "truncated": found["truncated"],
        }
    return results, timed_out


def _lontar_facets(request: HttpRequest, results: dict[str, Any], timed_out: list[str]) -> dict[str, Any]:
    """The same facets in Lontar's earlier shape (``facets``: value, count, url)."""
    out: dict[str, Any] = {}
    pairs = [p for p in _pairs(request) if p[0] != "_next"]
    for column, facet in results.items():
        items = []
        for item in facet["results"]:
            url = _url(request, [*pairs, (f"{column}__exact", _arg_text(item["value"]))], absolute=False)
            items.append({"value": item["value"], "count": item["count"], "url": url})
        out[column] = {"results": items, "truncated": facet["truncated"], "timed_out": False}
    for column in timed_out:
        out[column] = {"results": [], "truncated": False, "timed_out": True}
    return out


def _human_description(query: qp.TableQuery) -> str:
    parts = []
    for f in query.filters:
        if f.op == "search":
            parts.append(f'search matches "{" ".join(f.value)}"')
        else:
            parts.append(f"{f.column} {f.op} {f.value!r}" if f.op != "exact" else f"{f.column} = {f.value!r}")
    text = "where " + " and ".join(parts) if parts else ""
    if query.sort:
        text += f" sorted by {query.sort}" + (" descending" if query.desc else "")
    return text.strip()


def _extras(
    request: HttpRequest, name: str, table: Any, reader: TableReader, query: qp.TableQuery, ctx: dict[str, Any]
) -> dict[str, Any]:
    database, table_name = _names(name)
    pairs = _pairs(request)
    path = request.path.rsplit(".", 1)[0]
    blocks: dict[str, Any] = {
        "all_columns": reader.columns.names,
        "primary_keys": PRIMARY_KEYS,
        "database": database,
        "table": table_name,
        "is_view": False,
        "private": False,
        "expandable_columns": [],
        "column_types": {},
        "metadata": {"columns": {c["name"]: c.get("label") or c["name"] for c in table.columns}},
        "renderers": {fmt: f"{path}.{fmt}" + (f"?{urlencode(pairs)}" if pairs else "") for fmt in ("json", "csv")},
        "human_description_en": _human_description(query),
        "extras": [
            {
                "name": extra,
                "selected": extra in query.extras,
                "toggle_url": _url(request, [*pairs, ("_extra", extra)]),
            }
            for extra in dargs.EXTRAS
        ],
    }
    out = {}
    for extra in query.extras:
        if extra in ctx:
            out[extra] = ctx[extra]
        elif extra in blocks:
            out[extra] = blocks[extra]
    return out


def table_json(
    request: HttpRequest,
    name: str,
    table: Any,
    reader: TableReader,
    query: qp.TableQuery,
    page: Page,
    next_token: str | None,
    next_url: str | None,
) -> HttpResponse:
    """The answer of ``.json`` for one read page (``page`` already carries the count)."""
    types = ["integer", *(c["type"] for c in table.columns)]
    rows = output_rows(page.rows, types)
    columns = page.columns
    if query.select is not None:
        index = [columns.index(c) for c in query.select]
        rows = [tuple(r[i] for i in index) for r in rows]
        columns = list(query.select)
    objects: list[Any] = [dict(zip(columns, r, strict=True)) for r in rows]
    link = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if query.shape in ("array", "arrayfirst", "object"):
        if query.shape == "array" and query.nl:
            text = "\n".join(json.dumps(o, default=json_default, ensure_ascii=False) for o in objects)
            response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        elif query.shape == "array":
            response = json_response(objects)
        elif query.shape == "arrayfirst":
            response = json_response([r[0] for r in rows])
        else:
            response = json_response({str(o[qp.ID]): o for o in objects})
        for key, value in link.items():
            response[key] = value
        return response
    facet_results, timed_out = _facets(request, reader, query) if query.facets else ({}, [])
    suggested: list[dict[str, str]] = []
    if "suggested_facets" in query.extras and not (query.nosuggest or query.nofacet):
        pairs = _pairs(request)
        suggested = [
            {"name": c, "toggle_url": _url(request, [*pairs, ("_facet", c)])}
            for c in reader.suggest_facets(query, query.facet_size)
        ]
    ctx = {
        "count": page.count,
        "count_truncated": page.count_truncated,
        "columns": columns,
        "facet_results": {"results": facet_results, "timed_out": timed_out},
        "facets_timed_out": timed_out,
        "suggested_facets": suggested,
        "sorted_facet_results": sorted(facet_results.values(), key=lambda f: len(f["results"]), reverse=True),
    }
    database, table_name = _names(name)
    fields = {c["name"]: c for c in table.columns}
    body: dict[str, Any] = {
        "ok": True,
        "database": database,
        "table": table_name,
        "resource": name,
        "version": table.version,
        "columns": columns,
        "primary_keys": PRIMARY_KEYS,
        "fields": [
            {
                "name": c,
                "label": fields[c]["label"] if c in fields else c,
                "type": fields[c]["type"] if c in fields else "integer",
            }
            for c in columns
        ],
        "rows": objects if query.shape == "objects" else [list[Any](r) for r in rows],
        "truncated": False,
        "count": page.count,
        "count_truncated": page.count_truncated,
        "filtered_table_rows_count": page.count,
        "next": next_token,
        "next_url": next_url,
    }
    if query.facets:
        body["facet_results"] = ctx["facet_results"]
        body["facets"] = _lontar_facets(request, facet_results, timed_out)
    body.update(_extras(request, name, table, reader, query, ctx))
    response = json_response(body)
    for key, value in link.items():  # as Datasette: every shape carries the next page's link
        response[key] = value
    return response


def database_json(request: HttpRequest, database: str) -> HttpResponse | None:
    """Datasette's database view for a dataset: its public tables; None when it has none."""
    prefix = f"{database}/"
    tables = [(name, t) for name, t in public_listing() if name.startswith(prefix)]
    if not tables:
        return None
    rows = []
    for name, table in tables:
        rows.append(
            {
                "name": name.removeprefix(prefix),
                "columns": [qp.ID, *(c["name"] for c in table.columns)],
                "primary_keys": PRIMARY_KEYS,
                "count": table.row_count,
                "hidden": False,
                "fts_table": None,
                "foreign_keys": {"incoming": [], "outgoing": []},
                "private": False,
            }
        )
    body = {
        "ok": True,
        "database": database,
        "private": False,
        "path": f"/data/{database}",
        "size": None,
        "tables": rows,
        "hidden_count": 0,
        "views": [],
        "queries": [],
        "allow_execute_sql": False,
        "table_columns": {},
        "metadata": {},
    }
    return json_response(body)
