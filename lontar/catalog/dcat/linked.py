"""The IRIs the DCAT documents mint, dereferenced (Linked Data).

Each IRI answers by content negotiation on ``Accept`` (or ``?format=ttl|jsonld``): Turtle or
JSON-LD describing the thing, or — for a browser — a 303 See Other to the HTML page about it.

    /catalog                               the catalogue (paged, q / fq / modified_since as /catalog.ttl)
    /dataset/<uuid>                        a dataset              → /dataset/<slug>/
    /dataset/<uuid>/resource/<rid>         a distribution         → /dataset/<slug>/#res-<rid>
    /group/                                the urusan concept scheme (themes) → /dataset/
    /group/<slug>                          one urusan (a CKAN group, a skos:Concept) → /dataset/?groups=<slug>
    /organization/<slug>                   a publisher (foaf:Agent) → the catalogue of that organisation
    /catalog/service/<key>                 an API (dcat:DataService) → its documentation
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lontar.catalog.dcat import vocab
from lontar.catalog.dcat.build import distribution_node, service
from lontar.catalog.dcat.views import (
    BadParams,
    catalog_nodes,
    document,
    entry_node,
    error,
    page_entries,
    render,
    search_params,
)
from lontar.catalog.reference import urusan_list
from lontar.catalog.selectors.public import entry_get, parse_uuid
from lontar.catalog.views import public
from lontar.catalog.views.common import page_number
from lontar.organisations.selectors import organisation_by_slug

#: media type → document format; "html" sends a browser to the page
MEDIA_TYPES = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "*/*": "html",
    "text/*": "html",
}
FORMAT_PARAM = {"ttl": "ttl", "turtle": "ttl", "jsonld": "jsonld", "json-ld": "jsonld", "html": "html"}


def negotiate(accept: str) -> str:
    """The format an ``Accept`` header asks for: highest q first, then the order given; HTML when
    nothing we offer is named (a browser, curl's ``*/*``, an empty header)."""
    best, best_q = "html", -1.0
    for position, part in enumerate(accept.split(",")[:50]):
        media, *params = (p.strip() for p in part.split(";"))
        fmt = MEDIA_TYPES.get(media.lower())
        if fmt is None:
            continue
        q = 1.0
        for param in params:
            name, _sep, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        # */* and text/* rank below a named type of the same q
        score = q - (0.0001 if media in ("*/*", "text/*") else 0.0) - position * 1e-7
        if q > 0 and score > best_q:
            best, best_q = fmt, score
    return best


def wanted(request: HttpRequest) -> str:
    fmt = FORMAT_PARAM.get(str(request.GET.get("format", "")).lower())
    return fmt or negotiate(request.headers.get("Accept", "")[:2000])


def _see_other(location: str) -> HttpResponse:
    response = HttpResponseRedirect(location, status=303)
    patch_vary_headers(response, ["Accept"])
    return response


def answer(request: HttpRequest, html: Callable[[], str], nodes: Callable[[str], list[Any]]) -> HttpResponse:
    fmt = wanted(request)
    if fmt == "html":
        return _see_other(html())
    return render(nodes(fmt), fmt, vary=True)


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    """/catalog: the catalogue; ``?page=``, ``q``, ``fq``, ``modified_since`` as /catalog.ttl."""
    fmt = wanted(request)
    if fmt == "html":
        return _see_other(reverse("catalog:search"))
    page = page_number(request.GET.get("page"), maximum=100_000)
    if page is None:
        return error(_("The page must be a whole number from 1."), fmt)
    try:
        total, rows = page_entries(search_params(request.GET, page))
    except BadParams as exc:
        return error(str(exc), fmt)
    return render(catalog_nodes(request, page=page, total=total, rows=rows), fmt, vary=True)


@require_safe
def dataset(request: HttpRequest, key: str) -> HttpResponse:
    entry = entry_get(key)

    def nodes(fmt: str) -> list[Any]:
        doc = document(request)
        doc.main.append(entry_node(doc, entry))
        return doc.nodes()

    return answer(request, lambda: reverse("catalog:detail", args=[entry.name]), nodes)


@require_safe
def distribution(request: HttpRequest, key: str, rid: str) -> HttpResponse:
    entry = entry_get(key)
    snap = entry.version.snapshot
    wanted_id = str(parse_uuid(rid))
    res = next((r for r in snap["resources"] if r["id"] == wanted_id), None)
    if res is None:
        raise Http404

    def nodes(fmt: str) -> list[Any]:
        doc = document(request)
        doc.main.append(distribution_node(doc, snap, res))
        return doc.nodes()

    return answer(request, lambda: reverse("catalog:detail", args=[entry.name]) + f"#res-{res['id']}", nodes)


@require_safe
def scheme(request: HttpRequest) -> HttpResponse:
    return answer(request, lambda: reverse("catalog:search"), lambda fmt: vocab.concept_scheme(document(request).base))


@require_safe
def concept(request: HttpRequest, slug: str) -> HttpResponse:
    urusan = next((u for u in urusan_list() if u.slug == slug), None)
    if urusan is None:
        raise Http404

    def nodes(fmt: str) -> list[Any]:
        base = document(request).base
        return [
            vocab.concept(base, slug=urusan.slug, code=urusan.code, name=urusan.name),
            *vocab.concept_scheme(base, with_concepts=False),
        ]

    return answer(request, lambda: f"{reverse('catalog:search')}?{urlencode({'groups': urusan.slug})}", nodes)


@require_safe
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """/organization/<slug>: a publisher as foaf:Agent for RDF clients, else the catalogue page."""
    fmt = wanted(request)
    if fmt == "html":
        return public.organisation(request, slug)
    org = organisation_by_slug(slug[:120])
    if org is None:
        raise Http404
    doc = document(request)
    doc.main.append(vocab.agent(vocab.agent_iri(doc.base, org.slug), org.name))
    doc.main.append(vocab.publisher_type())
    return render(doc.nodes(), fmt, vary=True)


@require_safe
def data_service(request: HttpRequest, key: str) -> HttpResponse:
    found = next((s for s in vocab.SERVICES if s.key == key), None)
    if found is None:
        raise Http404

    def nodes(fmt: str) -> list[Any]:
        doc = document(request)
        service(doc, found.key)
        return doc.nodes()

    return answer(request, lambda: found.html, nodes)
