"""``/datastore/dump/<resource id>``: a public table, or the part a search selects, streamed as
CSV, TSV, JSON or XML, as CKAN's ``datastore.dump`` (``format``, ``bom``, ``q``, ``plain``,
``language``, ``filters``, ``fields``, ``sort``, ``distinct``, ``limit``, ``offset``).

Refused parameters answer 400 with CKAN's plain-text "key: message" lines; an unknown or
non-public resource 404. Rows are read in time-limited batches (by keyset on ``_id`` when the
dump is in ``_id`` order).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from lontar.catalog.ckan import datastore_params as dp
from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.datastore_tables import (
    PublicResource,
    field_info,
    public_resource,
    result_fields,
    search_errors,
)
from lontar.catalog.ckan.errors import NotFound, ValidationFailed
from lontar.datastore.export import delimited_lines, json_dump_lines, xml_dump_chunks
from lontar.datastore.query.search import Search, TableSearch
from lontar.datastore.query.values import output_rows

DUMP_FORMATS = ("csv", "tsv", "json", "xml")
DUMP_KEYS = frozenset(
    {"offset", "limit", "format", "bom", "filters", "q", "distinct", "plain", "language", "fields", "sort"}
)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}


def dump_search(resource: PublicResource, data: dict[str, Any]) -> tuple[TableSearch, Search]:
    """The dump's search (CKAN's ``dump_schema``): no row limit unless ``limit`` is given."""
    reader = TableSearch(resource.table)
    search = dp.search(data, reader.columns, limit_max=None)
    with search_errors():
        reader.sql.page(search)  # refuses now what the stream would refuse later
    return reader, search


def _bad_request(exc: ValidationFailed) -> HttpResponse:
    lines = [f"{key}: {' '.join(str(m) for m in messages)}" for key, messages in exc.fields.items()]
    return HttpResponse("\n".join(lines or [exc.message]) + "\n", status=400, content_type="text/plain; charset=utf-8")


def _chunks(fmt: str, fields: list[dict[str, Any]], types: list[str], batches: Iterable[list], bom: bool) -> Iterator:
    names = [f["id"] for f in fields]
    if fmt in ("csv", "tsv"):
        return delimited_lines(names, types, batches, delimiter="," if fmt == "csv" else "\t", bom=bom)
    if fmt == "json":
        return json_dump_lines(fields, batches, bom=bom)
    return xml_dump_chunks(names, batches, bom=bom)


@require_GET
def dump(request: HttpRequest, resource_id: str) -> HttpResponseBase:
    """The public table (or a search of it) as a file download, streamed."""
    try:
        resource = public_resource(resource_id)
    except NotFound as exc:
        raise Http404 from exc
    data = {key: value for key, value in request.GET.items() if key in DUMP_KEYS}
    try:
        fmt = dp.records_format(data, DUMP_FORMATS, "format")
        bom = p.boolean(data, "bom", False)
        reader, search = dump_search(resource, data)
        types = [reader.columns.types[f] for f in search.fields]
        stream = (output_rows(rows, types) for rows in reader.stream(search))
        with search_errors():
            first = next(stream, None)  # a refusal or timeout now is still a 400, not a cut file
    except ValidationFailed as exc:
        return _bad_request(exc)
    batches = itertools.chain([first] if first else [], stream)
    fields = result_fields(search.fields, reader.columns.types, field_info(resource))
    response = StreamingHttpResponse(_chunks(fmt, fields, types, batches, bom), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{resource.resource_id}.{fmt}"'
    return response
