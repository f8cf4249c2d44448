"""Public pages of the catalogue: search, dataset, versions, downloads, organisations, feed."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from lontar.catalog.ckan.serialize import resource_url
from lontar.catalog.models import CatalogEntry
from lontar.catalog.public_meta import datapackage as build_datapackage
from lontar.catalog.public_meta import schema_org, script_json
from lontar.catalog.reference import licence
from lontar.catalog.resource_preview import resource_preview
from lontar.catalog.selectors.public import entry_get, public_resource, public_version, public_versions
from lontar.catalog.views import search_page
from lontar.catalog.views.search_params import parse_page_query
from lontar.organisations.selectors import organisation_by_slug, organisations_by_ids


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/dataset/: full text, facets (organisation, topic, year, format, tag, licence), sort, pages.

    The content is cached per query string and catalogue version (``views/search_page.py``)."""
    query = parse_page_query(request.GET)
    found = search_page.content(request, query)
    context = {"content": mark_safe(found["content"])}  # rendered by our own template
    return render(request, "catalog/search.html", context, status=found["status"])


def _api_examples(base: str, snap: dict[str, Any]) -> dict[str, str]:
    name = snap["slug"]
    return {
        "curl": f"curl '{base}/api/3/action/package_show?id={name}'",
        "search": f"curl '{base}/api/3/action/package_search?q={name}&rows=10'",
        "python": (
            "import ckanapi\n\n"
            f"portal = ckanapi.RemoteCKAN('{base}')\n"
            f"dataset = portal.action.package_show(id='{name}')\n"
            "for resource in dataset['resources']:\n"
            "    print(resource['name'], resource['url'])"
        ),
        "cli": f"ckanapi action package_show id={name} -r {base}",
    }


def _render_version(request: HttpRequest, entry: CatalogEntry, version: Any, *, current: bool) -> HttpResponse:
    snap = version.snapshot
    base = _base(request)
    context = {
        "entry": entry,
        "snap": snap,
        "version": version,
        "is_current": current,
        "versions": public_versions(entry),
        "resources": [
            (r, resource_url(base, snap["slug"], r), resource_preview(snap["slug"], r) if current else None)
            for r in snap["resources"]
        ],
        "api": _api_examples(base, snap),
        "jsonld": script_json(schema_org(base, snap, modified=entry.metadata_modified)),
        "licence_title": getattr(licence(snap["licence"]), "title", snap["licence"]),
    }
    return render(request, "catalog/dataset_detail.html", context)


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A public dataset: metadata, resources, downloads, API examples; links to DCAT and datapackage."""
    entry = entry_get(slug)
    if slug != entry.name:
        return HttpResponseRedirect(reverse("catalog:detail", args=[entry.name]))
    return _render_version(request, entry, entry.version, current=True)


@require_GET
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """An earlier published version, as it was published."""
    entry = entry_get(slug)
    version = public_version(entry, number)
    return _render_version(request, entry, version, current=version.pk == entry.version_id)


@require_GET
def resource_download(request: HttpRequest, slug: str, rid: Any, filename: str = "") -> HttpResponseBase:
    """The published file of a resource (current version), or a redirect to its link."""
    entry = entry_get(slug)
    rv = public_resource(entry.version, rid)
    if rv.snapshot.get("url"):
        return HttpResponseRedirect(rv.snapshot["url"])
    if not rv.file:
        raise Http404
    try:
        handle = rv.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=rv.snapshot.get("filename") or "berkas")


@require_GET
def datapackage(request: HttpRequest, slug: str) -> JsonResponse:
    """Frictionless ``datapackage.json`` of the current version."""
    entry = entry_get(slug)
    response = JsonResponse(
        build_datapackage(_base(request), entry.version.snapshot),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """Organisations that publish data, with their number of public datasets."""
    counts = dict(CatalogEntry.objects.order_by().values_list("organisation_id").annotate(n=Count("pk")))
    orgs = organisations_by_ids(counts).select_related("parent").order_by("name")
    rows = [(org, counts[org.pk]) for org in orgs]
    return render(request, "catalog/organisations.html", {"rows": rows})


@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """/organization/<slug>: the catalogue filtered on one organisation."""
    org = organisation_by_slug(slug[:120], active_only=True)
    if org is None:
        raise Http404
    return HttpResponseRedirect(f"{reverse('catalog:search')}?organization={org.slug}")
