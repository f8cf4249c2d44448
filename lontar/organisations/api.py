"""Regions and organisations in the API (public, read-only): /api/v1/regions, /api/v1/organisations."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder

from lontar.core.api_openapi import GEOJSON as GEOJSON_OPERATION
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.organisations import selectors
from lontar.organisations.directory_cache import cached_fragments, page_key
from lontar.organisations.models import OpdType, OrganisationKind, Region, RegionLevel
from lontar.organisations.schemas import (
    Feature,
    FeatureCollection,
    OrganisationDetail,
    OrganisationList,
    RegionList,
    RegionOut,
    directory_url,
    organisation_data,
    region_data,
)

regions_router = Router(tags=["wilayah"])
organisations_router = Router(tags=["organisasi"])

GEOJSON = "application/geo+json"
#: reference data: browsers and proxies may keep answers this many seconds
CACHE_SECONDS = 300
_SLUG_MAX = 120
#: ?level= of /regions/geojson -> region levels in the collection
GEOJSON_LEVELS = {
    "kabupaten": (RegionLevel.KABUPATEN, RegionLevel.KOTA),
    "kabkota": (RegionLevel.KABUPATEN, RegionLevel.KOTA),
    "kota": (RegionLevel.KOTA,),
    "kecamatan": (RegionLevel.KECAMATAN,),
}


#: a Kemendagri code (Kepmendagri 300.2.2-2138/2025): 53, 53.01, 53.01.04, 53.01.04.2003
REGION_CODE_PATTERN = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$"
_CODE_HELP = "Kemendagri region code, e.g. 53.01"
RegionCode = Annotated[str, Path(pattern=REGION_CODE_PATTERN, max_length=13, description=_CODE_HELP)]
ParentCode = Annotated[
    str | None, Query(None, pattern=REGION_CODE_PATTERN, max_length=13, description="parent's " + _CODE_HELP)
]
Search = Annotated[
    str | None,
    Query(
        None,
        max_length=selectors.MAX_QUERY_LENGTH,
        pattern=r"^[^\x00]*$",
        description="words of the name, case-insensitive",
    ),
]


def _cacheable(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@regions_router.get("", response=RegionList, summary="List regions")
def region_list(
    request: HttpRequest,
    response: HttpResponse,
    level: RegionLevel | None = None,
    parent: ParentCode = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Regions of NTT in Kemendagri code order, 50 per page (at most 500 with ``limit``).

    Filters: ``level`` (provinsi, kabupaten, kota, kecamatan, desa, kelurahan), ``parent``
    (the Kemendagri code of the parent, e.g. ``53.01`` for the kecamatan of Kabupaten Kupang)
    and ``q`` (words of the name, case-insensitive). Follow ``next_url`` for the next page.
    """
    queryset = selectors.region_list(level=level.value if level else "", parent=parent or "", q=q or "")
    page = keyset_page(request, selectors.region_api_rows(queryset), order=("code",), cursor=cursor, limit=limit)
    _cacheable(response)
    return {"items": [region_data(r) for r in page.items], "next_cursor": page.next_cursor, "next_url": page.next_url}


@regions_router.get(
    "/geojson",
    response=FeatureCollection,
    openapi_extra=GEOJSON_OPERATION,
    summary="Boundaries as a GeoJSON FeatureCollection",
)
def region_geojson(
    request: HttpRequest,
    level: Literal["kabupaten", "kabkota", "kota", "kecamatan"] = "kabupaten",
    parent: ParentCode = None,
) -> HttpResponse:
    """Boundaries of every kabupaten/kota (``level=kabupaten``, the default, or ``kabkota``: all 22),
    only the kota (``level=kota``) or the kecamatan (``level=kecamatan``, 315; narrow with
    ``parent=53.01``). Media type ``application/geo+json``; coordinates [lng, lat], EPSG:4326.
    Derived from cahyadsn/wilayah_boundaries (MIT licence, © 2024 Cahya DSN).
    """
    # ?level= (empty) is refused (422) like any other value outside the enum: there is no collection of every level
    queryset = Region.objects.filter(level__in=GEOJSON_LEVELS[level], geometry__isnull=False).order_by("code")
    if parent:
        queryset = queryset.filter(parent_id=parent)
    collection = {"type": "FeatureCollection", "features": [_feature(r) for r in queryset]}
    return _cacheable(HttpResponse(json.dumps(collection, separators=(",", ":")), content_type=GEOJSON))


@regions_router.get("/{code}", response=RegionOut, summary="One region")
def region_detail(request: HttpRequest, response: HttpResponse, code: RegionCode) -> dict[str, Any]:
    """One region by its Kemendagri code (``53``, ``53.01``, ``53.01.04``, ``53.01.04.2003``)."""
    region = selectors.region_get(code)
    _cacheable(response)
    return region_data(region)


@regions_router.get(
    "/{code}/geometry",
    response=Feature,
    openapi_extra=GEOJSON_OPERATION,
    summary="Boundary of one region (GeoJSON Feature)",
)
def region_geometry(request: HttpRequest, code: RegionCode) -> HttpResponse:
    """The boundary of a kabupaten/kota or kecamatan as a GeoJSON Feature (``application/geo+json``).

    Desa and kelurahan have no boundary in Lontar's reference data: they answer 404.
    """
    region = selectors.region_get(code)
    if region.geometry is None:
        raise HttpError(404, _("No boundary is recorded for this region."))
    return _cacheable(HttpResponse(json.dumps(_feature(region), separators=(",", ":")), content_type=GEOJSON))


def _feature(region: Region) -> dict[str, Any]:
    properties = {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent": region.parent_id,
        "bps_code": region.bps_code or None,
        "lat": region.lat,
        "lng": region.lng,
    }
    return {"type": "Feature", "id": region.code, "properties": properties, "geometry": region.geometry}


@organisations_router.get("", response=OrganisationList, summary="List organisations")
def organisation_list(
    request: HttpRequest,
    kind: OrganisationKind | None = None,
    region: ParentCode = None,
    parent: Annotated[str | None, Query(None, max_length=_SLUG_MAX, description="slug of an instansi")] = None,
    opd_type: OpdType | None = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> HttpResponse:
    """Active instansi and OPD in slug order, 50 per page (at most 500 with ``limit``).

    Filters: ``kind`` (instansi, opd), ``region`` (Kemendagri code, e.g. ``53.01``), ``parent``
    (slug of an instansi: its OPD), ``opd_type`` and ``q`` (words of the name or short name).
    Entries with ``is_sample: true`` are sample data (data contoh), not yet verified.
    """
    filters = {
        "q": q or "",
        "region": region or "",
        "kind": kind.value if kind else "",
        "opd_type": opd_type.value if opd_type else "",
        "parent_slug": parent or "",
    }
    key = None
    if set(request.GET) <= _CACHEABLE_LIST_PARAMS and filters["region"] in _known_regions():
        key = page_key(request, "api-organisations", request.get_host(), request.GET.urlencode())
    fragments = cached_fragments(key, lambda: _organisation_page(request, filters, cursor, limit))
    return _cacheable(HttpResponse(fragments["body"], content_type="application/json; charset=utf-8"))


#: first pages (no cursor, no search, no parent) with these parameters are cached per data version
_CACHEABLE_LIST_PARAMS = frozenset({"kind", "region", "opd_type", "limit"})


def _known_regions() -> set[str]:
    return {"", *(r.code for r in selectors.directory_regions())}


def _organisation_page(
    request: HttpRequest, filters: dict[str, str], cursor: str | None, limit: int | None
) -> dict[str, str | int]:
    rows = selectors.organisation_api_rows(selectors.organisation_list(**filters))
    page = keyset_page(request, rows, order=("slug",), cursor=cursor, limit=limit)
    base = directory_url()
    data = OrganisationList.model_validate(
        {
            "items": [organisation_data(o, base) for o in page.items],
            "next_cursor": page.next_cursor,
            "next_url": page.next_url,
        }
    )
    return {"status": 200, "body": json.dumps(data.model_dump(), cls=NinjaJSONEncoder)}


@organisations_router.get("/{slug}", response=OrganisationDetail, summary="One organisation")
def organisation_detail(request: HttpRequest, response: HttpResponse, slug: str) -> dict[str, Any]:
    """One organisation by slug, with its region and, for an instansi, the list of its OPD."""
    if len(slug) > _SLUG_MAX:
        raise HttpError(404, _("Not found."))
    organisation = selectors.organisation_get_public(slug)
    units = selectors.organisation_units(organisation)
    _cacheable(response)
    return {
        **organisation_data(organisation, directory_url()),
        "region_detail": region_data(organisation.region),
        "units": [{"slug": u.slug, "name": u.name} for u in units],
    }
