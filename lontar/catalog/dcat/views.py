"""DCAT endpoints: /catalog.jsonld and /catalog.ttl (paged), /dataset/<slug>.jsonld and .ttl."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.catalog.dcat.build import catalog_node, dataset_iri, dataset_node, paging_node
from lontar.catalog.dcat.graph import Node, to_jsonld, to_turtle
from lontar.catalog.search.query import QueryError, parse_datetime
from lontar.catalog.selectors.public import entry_get, public_entries
from lontar.catalog.views.common import page_number

PER_PAGE = 100
MEDIA = {"jsonld": "application/ld+json; charset=utf-8", "ttl": "text/turtle; charset=utf-8"}
TITLE = "Satu Data Provinsi Nusa Tenggara Timur"
DESCRIPTION = "Katalog data terbuka pemerintah daerah di Provinsi Nusa Tenggara Timur (Lontar)."


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _render(nodes: list[Node], fmt: str) -> HttpResponse:
    body = to_jsonld(nodes) if fmt == "jsonld" else to_turtle(nodes)
    response = HttpResponse(body, content_type=MEDIA[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, fmt: str) -> HttpResponse:
    if fmt == "jsonld":
        return HttpResponse(
            json.dumps({"error": message}, ensure_ascii=False), status=400, content_type="application/json"
        )
    return HttpResponse(f"# {message}\n", status=400, content_type="text/plain; charset=utf-8")


def _entry_node(base: str, entry: Any) -> Node:
    return dataset_node(base, entry.version.snapshot, issued=entry.metadata_created, modified=entry.metadata_modified)


@require_GET
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public catalogue, 100 datasets a page (``?page=``), newest first; ``modified_since`` filters."""
    page = page_number(request.GET.get("page"), maximum=100_000)
    if page is None:
        return _error(_("The page must be a whole number from 1."), fmt)
    entries = public_entries().order_by("-metadata_modified", "dataset_id")
    since = request.GET.get("modified_since")
    if since:
        try:
            entries = entries.filter(metadata_modified__gte=parse_datetime(since[:40]))
        except QueryError:
            return _error(_("modified_since must be an ISO 8601 date or date-time."), fmt)
    total = entries.count()
    rows = list(entries[(page - 1) * PER_PAGE : page * PER_PAGE])
    base = _base(request)
    modified = public_entries().aggregate(m=Max("metadata_modified"))["m"]
    params = request.GET.copy()

    def url_for(number: int) -> str:
        params["page"] = str(number)
        return f"{base}{request.path}?{params.urlencode()}"

    nodes = [
        catalog_node(
            base,
            [dataset_iri(base, e.version.snapshot) for e in rows],
            title=TITLE,
            description=DESCRIPTION,
            modified=modified,
        ),
        *[_entry_node(base, e) for e in rows],
        paging_node(url_for(page), total=total, per_page=PER_PAGE, page=page, url_for=url_for),
    ]
    return _render(nodes, fmt)


@require_GET
def dataset(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """One public dataset as DCAT."""
    entry = entry_get(slug)
    return _render([_entry_node(_base(request), entry)], fmt)
