"""Public row-level data API: ``/data/<key>`` (HTML) and its ``.json``, ``.csv``, ``.xlsx`` and
``.parquet`` twins, Datasette-style. Only public, active tables are reachable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.datastore import export
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import params as qp
from lontar.datastore.query.engine import QueryError, time_limit_ms
from lontar.datastore.query.messages import query_message, query_status
from lontar.datastore.query.table import Page, TableReader
from lontar.datastore.query.values import output_rows
from lontar.datastore.selectors import public_listing, public_table
from lontar.datastore.views import datasette as dj
from lontar.datastore.views.datasette import datasette_error

XLSX_MAX_ROWS = 100_000


class Named:
    """A public table with the name it was asked by (``table.resource_key`` may be an owner key
    like ``catalog:<uuid>``; the public only ever sees the name). The table is shared: read-only."""

    def __init__(self, name: str, table: DatastoreTable) -> None:
        self.name = name
        self.table = table
        self.version = table.version
        self.columns = table.columns
        self.row_count = table.row_count


def _types(table: DatastoreTable | Named) -> list[str]:
    return ["integer", *(c["type"] for c in table.columns)]


def _next_url(request: HttpRequest, token: str | None) -> str | None:
    """This URL with ``_next=token`` (replacing any). The token is URL-safe base64; the other
    parameters keep their encoding as received (a QueryDict copy and re-encode per request
    cost more than the page's SQL)."""
    if token is None:
        return None
    query = request.META.get("QUERY_STRING", "")
    kept = [p for p in query.split("&") if p and not p.startswith("_next=")]
    kept.append(f"_next={token}")
    return request.build_absolute_uri(f"{request.path}?{'&'.join(kept)}")


def _read(reader: TableReader, query: qp.TableQuery, *, facets: bool = True) -> Page:
    """One page with its (capped) count (none with ``_nocount``) and the facets asked for."""
    count, truncated = (None, False) if query.nocount else reader.count(query)
    # Many matches and no explicit order: walking rows in _id order finds a page sooner than
    # sorting every match taken from a column index (SQLite; PostgreSQL plans this itself).
    hide = bool(query.filters) and truncated and not query.sort
    page = reader.page(query, hide_indexes=hide)
    page.count, page.count_truncated = count, truncated
    if facets and not query.nofacet:
        page.facets = {column: reader.facet(query, column) for column in query.facets}
    return page


def _facet_urls(request: HttpRequest, page: Page) -> None:
    for column, facet in page.facets.items():
        for item in facet["results"]:
            params = request.GET.copy()
            params.pop("_next", None)
            if item["value"] is None:
                params[f"{column}__isnull"] = "1"
            else:
                params[f"{column}__exact"] = str(item["value"])
            item["url"] = f"{request.path}?{params.urlencode()}"


@require_GET
def table_data(request: HttpRequest, key: str, fmt: str) -> HttpResponseBase:
    """The table as JSON, CSV, XLSX or Parquet; filters and paging as on the HTML page. Errors
    answer in Datasette's shape (``{"ok": false, "error", "status"}``, also a problem)."""
    try:
        params = request.GET
    except TooManyFieldsSent:
        return datasette_error(
            request,
            400,
            _("Invalid parameter."),
            _("Too many parameters: at most %(max)s.") % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
        )
    try:
        table = public_table(key)
    except Http404:
        database = dj.database_json(request, key) if fmt == "json" and "/" not in key else None
        if database is not None:
            return database
        return datasette_error(request, 404, _("Table not found."), _("Table not found: %(name)s") % {"name": key})
    reader = TableReader(table)
    try:
        query = qp.parse(params, reader.columns)
    except qp.ParamError as exc:
        return datasette_error(request, exc.status, _("Invalid parameter."), exc.message, **exc.extra)
    if query.time_limit_ms is not None:
        reader.limit_ms = min(query.time_limit_ms, time_limit_ms())
    handler = {"json": _json, "csv": _csv, "xlsx": _xlsx, "parquet": _parquet}[fmt]
    try:
        return handler(request, Named(key, table), reader, query)
    except QueryError as exc:
        title, detail = query_message(exc)
        return datasette_error(request, query_status(exc), title, detail)


def _json(request: HttpRequest, table: Named, reader: TableReader, query: qp.TableQuery) -> HttpResponse:
    page = _read(reader, query, facets=False)
    token = qp.encode_keyset(page.next, query) if page.next else None
    return dj.table_json(request, table.name, table, reader, query, page, token, _next_url(request, token))


def _project(query: qp.TableQuery, names: list[str], types: list[str]) -> tuple[list[str], list[str], Any]:
    """The columns ``_col``/``_nocol`` keep: (names, types, function projecting a batch of rows)."""
    if query.select is None:
        return names, types, lambda rows: rows
    index = [names.index(c) for c in query.select]
    return (
        [names[i] for i in index],
        [types[i] for i in index],
        lambda rows: [tuple(r[i] for i in index) for r in rows],
    )


def _csv(request: HttpRequest, table: Named, reader: TableReader, query: qp.TableQuery) -> HttpResponseBase:
    names, types, project = _project(query, reader.columns.names, _types(table))
    if not query.stream:
        page = reader.page(query)
        body = export.csv_text(names, types, project(page.rows))
        response: HttpResponseBase = HttpResponse(body, content_type="text/csv; charset=utf-8")
        if page.next:
            response["Link"] = f'<{_next_url(request, qp.encode_keyset(page.next, query))}>; rel="next"'
        if query.download:
            response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
        return response
    batches = reader.stream(query)
    first = next(batches, [])  # errors in the first query still answer 400, not a broken stream

    def everything() -> Iterator[list[tuple[Any, ...]]]:
        yield project(first)
        for batch in batches:
            yield project(batch)

    lines = export.csv_lines(names, types, everything())
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, "csv")}"'
    return response


def _filename(table: Named, ext: str) -> str:
    return table.name.replace("/", "_") + f".{ext}"


def _xlsx(request: HttpRequest, table: Named, reader: TableReader, query: qp.TableQuery) -> HttpResponseBase:
    _total, too_many = reader.count_upto(query.filters, XLSX_MAX_ROWS)
    if too_many:
        return datasette_error(
            request,
            400,
            _("Too many rows for XLSX."),
            _("XLSX downloads hold at most %(max)s rows; add filters, or download CSV or Parquet.")
            % {"max": f"{XLSX_MAX_ROWS:,}".replace(",", ".")},
        )
    names, types, project = _project(query, reader.columns.names, _types(table))
    handle = export.xlsx_file(names, types, (project(b) for b in reader.stream(query)), table.name)
    return FileResponse(handle, as_attachment=True, filename=_filename(table, "xlsx"))


def _parquet(request: HttpRequest, table: Named, reader: TableReader, query: qp.TableQuery) -> HttpResponseBase:
    names, types, project = _project(query, reader.columns.names, _types(table))
    handle = export.parquet_file(names, types, (project(b) for b in reader.stream(query)))
    return FileResponse(
        handle, as_attachment=True, filename=_filename(table, "parquet"), content_type="application/vnd.apache.parquet"
    )


def _filter_redirect(request: HttpRequest) -> HttpResponse | None:
    """The filter form sends _filter_column/_filter_op/_filter_value; turn them into col__op=value."""
    if "_filter_column" not in request.GET:
        return None
    params = request.GET.copy()
    column = params.pop("_filter_column", [""])[-1]
    op = params.pop("_filter_op", ["exact"])[-1]
    value = params.pop("_filter_value", [""])[-1]
    params.pop("_next", None)
    if column:
        params.appendlist(column if op == "exact" else f"{column}__{op}", value)
    return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")


@require_GET
def table_page(request: HttpRequest, key: str) -> HttpResponse:
    """The HTML table: filter form, sortable columns, facets, keyset paging, downloads."""
    table = public_table(key)
    redirect = _filter_redirect(request)
    if redirect is not None:
        return redirect
    reader = TableReader(table)
    context: dict[str, Any] = {"table": table, "name": key, "fields": table.columns, "error": ""}
    status = 200
    try:
        query = qp.parse(request.GET, reader.columns)
        page = _read(reader, query)
        _facet_urls(request, page)
        token = qp.encode_keyset(page.next, query) if page.next else None
        context.update(
            query=query, page=page, rows=output_rows(page.rows, _types(table)), next_url=_next_url(request, token)
        )
    except qp.ParamError as exc:
        context["error"], status = exc.message, 400
    except QueryError as exc:
        title, detail = query_message(exc)
        context["error"], status = f"{title} {detail}", 400
    context["filter_rows"] = _filter_rows(request)
    context["operators"] = qp.OPERATORS
    context["columns"] = reader.columns.names
    context["query_string"] = request.GET.urlencode()
    return render(request, "datastore/table.html", context, status=status)


def _filter_rows(request: HttpRequest) -> list[dict[str, str]]:
    rows = []
    for key in request.GET:
        if key.startswith("_") and "__" not in key:  # arguments; ``_id__gt`` is a filter
            continue
        column, _sep, op = key.rpartition("__") if "__" in key else (key, "", "exact")
        for value in request.GET.getlist(key):
            rows.append({"column": column, "op": op, "value": value})
    return rows


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The public tables, one line each, with links to the page and the API."""
    return render(request, "datastore/index.html", {"tables": public_listing()})
