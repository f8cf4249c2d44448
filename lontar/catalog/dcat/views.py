"""DCAT documents: /catalog.jsonld and /catalog.ttl (paged, filtered like the catalogue search),
/dataset/<slug>.jsonld and .ttl. The IRIs these documents mint answer in ``linked.py``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.catalog.dcat import vocab
from lontar.catalog.dcat.build import Document, catalog_node, dataset_iri, dataset_node, new_document, paging_node
from lontar.catalog.dcat.graph import Node, to_jsonld, to_turtle
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search import engine
from lontar.catalog.search.query import QueryError, parse_datetime
from lontar.catalog.search.ranking import hex_id
from lontar.catalog.selectors.public import entry_get, public_entries
from lontar.catalog.views.common import page_number
from lontar.core import page_cache
from lontar.organisations import directory_cache
from lontar.organisations.codes import PROVINCE_CODE
from lontar.organisations.selectors import region_by_code, region_instansi

PER_PAGE = 100
MAX_PAGE = 100_000
MAX_PARAM = 2000
MEDIA = {"jsonld": "application/ld+json; charset=utf-8", "ttl": "text/turtle; charset=utf-8"}
TITLE = "Satu Data Provinsi Nusa Tenggara Timur"
DESCRIPTION = "Katalog data terbuka pemerintah daerah di Provinsi Nusa Tenggara Timur (Lontar)."
#: the catalogue's publisher when the province's instansi is not (yet) in the organisation register
FALLBACK_PUBLISHER = "Pemerintah Provinsi Nusa Tenggara Timur"


#: the page-cache version of the catalogue's plain DCAT pages (lontar.core.page_cache)
PAGE_VERSION = "catalog-dcat"


def page_version() -> str:
    """Changes with the public catalogue and with the organisations (the publishers' names)."""
    return f"{search_cache.current_version()}:{directory_cache.data_version()}"


class BadParams(ValueError):
    """A query parameter of a DCAT endpoint cannot be used; the message is for the caller."""


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def catalog_publisher(base: str) -> tuple[str, str]:
    """(IRI, name) of the catalogue's publisher: the province government's instansi."""
    region = region_by_code(PROVINCE_CODE)
    org = region_instansi(region) if region else None
    if org is None:
        return f"{vocab.catalog_iri(base)}#publisher", FALLBACK_PUBLISHER
    return vocab.agent_iri(base, org.slug), org.name


def document(request: HttpRequest) -> Document:
    base = base_url(request)
    return new_document(base, catalog_publisher(base))


def render(nodes: list[Node], fmt: str, *, vary: bool = False) -> HttpResponse:
    body = to_jsonld(nodes) if fmt == "jsonld" else to_turtle(nodes)
    response = HttpResponse(body, content_type=MEDIA[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    if vary:
        patch_vary_headers(response, ["Accept"])
    return response


def error(message: str, fmt: str) -> HttpResponse:
    if fmt == "jsonld":
        return HttpResponse(
            json.dumps({"error": message}, ensure_ascii=False), status=400, content_type="application/json"
        )
    return HttpResponse(f"# {message}\n", status=400, content_type="text/plain; charset=utf-8")


def entry_node(doc: Document, entry: Any) -> Node:
    return dataset_node(doc, entry.version.snapshot, issued=entry.metadata_created, modified=entry.metadata_modified)


def _text(get: Any, name: str) -> str:
    values = get.getlist(name)
    if len(values) > 1:
        raise BadParams(_("Give %(name)s at most once.") % {"name": name})
    value = values[0] if values else ""
    if len(value) > MAX_PARAM or "\x00" in value:
        raise BadParams(_("%(name)s is too long or holds a forbidden character.") % {"name": name})
    return value


def search_params(get: Any, page: int) -> engine.SearchParams:
    """The catalogue search (``q``, ``fq``, ``modified_since``) for one page, newest first.

    Built by CKAN ``package_search``'s own parameter reader (the Solr parser of the catalogue
    search), so a DCAT page lists exactly what ``package_search`` finds for the same ``q``/``fq``."""
    from lontar.catalog.ckan.errors import ActionError
    from lontar.catalog.ckan.search import search_params as ckan_search_params

    data: dict[str, Any] = {
        "q": _text(get, "q"),
        "fq": _text(get, "fq"),
        "sort": "metadata_modified desc",
        "facet": "false",
        "start": (page - 1) * PER_PAGE,
        "rows": PER_PAGE,
    }
    since = _text(get, "modified_since").strip()
    if since:
        try:
            stamp = parse_datetime(since[:40]).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        except (QueryError, OverflowError, ValueError) as exc:  # year 0 / 10000 once in UTC
            raise BadParams(_("modified_since must be an ISO 8601 date or date-time.")) from exc
        data["fq_list"] = [f"metadata_modified:[{stamp} TO *]"]
    try:
        return ckan_search_params(data)
    except ActionError as exc:
        raise BadParams(_("The search (q, fq) cannot be understood: %(reason)s.") % {"reason": exc.message}) from exc


def page_entries(params: engine.SearchParams) -> tuple[int, list[Any]]:
    try:
        total, ids = engine.search_ids(params)[:2]
    except QueryError as exc:
        raise BadParams(_("The search (q, fq) cannot be understood: %(reason)s.") % {"reason": exc}) from exc
    by_id = {hex_id(e.pk): e for e in public_entries().filter(pk__in=ids)}
    return total, [by_id[i] for i in ids if i in by_id]


@require_GET
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public catalogue, 100 datasets a page (``?page=``), newest first; ``q``, ``fq`` and
    ``modified_since`` filter as in the catalogue search, and the paging links keep them."""
    page = page_number(request.GET.get("page"), maximum=MAX_PAGE)
    if page is None:
        return error(_("The page must be a whole number from 1."), fmt)
    if set(request.GET) <= {"page"}:
        # only paging, a bounded set of URLs: anonymous harvesters walking the catalogue get the
        # page kept for this catalogue version (100 datasets cost 50–90 ms of CPU to describe)
        page_cache.allow(request, PAGE_VERSION)
    try:
        total, rows = page_entries(search_params(request.GET, page))
    except BadParams as exc:
        return error(str(exc), fmt)
    return render(catalog_nodes(request, page=page, total=total, rows=rows), fmt)


def catalog_nodes(request: HttpRequest, *, page: int, total: int, rows: list[Any]) -> list[Node]:
    doc = document(request)
    base = doc.base
    params = request.GET.copy()

    def url_for(number: int) -> str:
        params["page"] = str(number)
        return f"{base}{request.path}?{params.urlencode()}"

    modified = public_entries().aggregate(m=Max("metadata_modified"))["m"]
    iris = [dataset_iri(base, e.version.snapshot) for e in rows]
    doc.main.append(catalog_node(doc, iris, title=TITLE, description=DESCRIPTION, modified=modified))
    doc.main += [entry_node(doc, e) for e in rows]
    doc.main.append(paging_node(url_for(page), total=total, per_page=PER_PAGE, page=page, url_for=url_for))
    return doc.nodes()


@require_GET
def dataset(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """One public dataset as DCAT."""
    entry = entry_get(slug)
    doc = document(request)
    doc.main.append(entry_node(doc, entry))
    return render(doc.nodes(), fmt)
