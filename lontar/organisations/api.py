"""Regions and organisations in the API (public, read-only): /api/v1/regions, /api/v1/organisations."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder

from lontar.core.pagination import keyset_page
from lontar.organisations import selectors
from lontar.organisations.codes import is_region_code
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


def _invalid(message: str) -> HttpError:
    return HttpError(422, message)


def _code(value: str | None, name: str) -> str:
    """A well-formed Kemendagri code, '' when absent; 422 otherwise."""
    if not value:
        return ""
    if not is_region_code(value):
        raise _invalid(_("The parameter %(name)s must be a Kemendagri region code such as 53.01.") % {"name": name})
    return value


def _choice(value: str | None, name: str, allowed: list[str], *, blank: bool = True) -> str:
    """``value`` when it is one of ``allowed``; '' when absent and ``blank``; 422 otherwise."""
    if not value and blank:
        return ""
    if value not in allowed:
        raise _invalid(
            _("The parameter %(name)s must be one of: %(allowed)s.") % {"name": name, "allowed": ", ".join(allowed)}
        )
    return value


def _search(value: str | None) -> str:
    if value and len(value) > selectors.MAX_QUERY_LENGTH:
        raise _invalid(_("The parameter q may have at most %(max)d characters.") % {"max": selectors.MAX_QUERY_LENGTH})
    if value and "\x00" in value:
        raise _invalid(_("The parameter q contains a character that is not allowed."))
    return value or ""


def _cacheable(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@regions_router.get("", response=RegionList, summary="List regions")
def region_list(
    request: HttpRequest,
    response: HttpResponse,
    level: str | None = None,
    parent: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Regions of NTT in Kemendagri code order, 50 per page (at most 500 with ``limit``).

    Filters: ``level`` (provinsi, kabupaten, kota, kecamatan, desa, kelurahan), ``parent``
    (the Kemendagri code of the parent, e.g. ``53.01`` for the kecamatan of Kabupaten Kupang)
    and ``q`` (words of the name, case-insensitive). Follow ``next_url`` for the next page.
    """
    queryset = selectors.region_list(
        level=_choice(level, "level", list(RegionLevel.values)), parent=_code(parent, "parent"), q=_search(q)
    )
    page = keyset_page(request, selectors.region_api_rows(queryset), order=("code",), cursor=cursor, limit=limit)
    _cacheable(response)
    return {"items": [region_data(r) for r in page.items], "next_cursor": page.next_cursor, "next_url": page.next_url}


@regions_router.get("/geojson", response=FeatureCollection, summary="Boundaries as a GeoJSON FeatureCollection")
def region_geojson(request: HttpRequest, level: str = "kabupaten", parent: str | None = None) -> HttpResponse:
    """Boundaries of every kabupaten/kota (``level=kabupaten``, the default, or ``kabkota``: all 22),
    only the kota (``level=kota``) or the kecamatan (``level=kecamatan``, 315; narrow with
    ``parent=53.01``). Media type ``application/geo+json``; coordinates [lng, lat], EPSG:4326.
    Derived from cahyadsn/wilayah_boundaries (MIT licence, © 2024 Cahya DSN).
    """
    # ?level= (empty) is refused too: there is no collection of every level
    levels = GEOJSON_LEVELS[_choice(level, "level", list(GEOJSON_LEVELS), blank=False)]
    queryset = Region.objects.filter(level__in=levels, geometry__isnull=False).order_by("code")
    if parent_code := _code(parent, "parent"):
        queryset = queryset.filter(parent_id=parent_code)
    collection = {"type": "FeatureCollection", "features": [_feature(r) for r in queryset]}
    return _cacheable(HttpResponse(json.dumps(collection, separators=(",", ":")), content_type=GEOJSON))


@regions_router.get("/{code}", response=RegionOut, summary="One region")
def region_detail(request: HttpRequest, response: HttpResponse, code: str) -> dict[str, Any]:
    """One region by its Kemendagri code (``53``, ``53.01``, ``53.01.04``, ``53.01.04.2003``)."""
    region = selectors.region_get(_code(code, "code"))
    _cacheable(response)
    return region_data(region)


@regions_router.get("/{code}/geometry", response=Feature, summary="Boundary of one region (GeoJSON Feature)")
def region_geometry(request: HttpRequest, code: str) -> HttpResponse:
    """The boundary of a kabupaten/kota or kecamatan as a GeoJSON Feature (``application/geo+json``).

    Desa and kelurahan have no boundary in Lontar's reference data: they answer 404.
    """
    region = selectors.region_get(_code(code, "code"))
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
    kind: str | None = None,
    region: str | None = None,
    parent: str | None = None,
    opd_type: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> HttpResponse:
    """Active instansi and OPD in slug order, 50 per page (at most 500 with ``limit``).

    Filters: ``kind`` (instansi, opd), ``region`` (Kemendagri code, e.g. ``53.01``), ``parent``
    (slug of an instansi: its OPD), ``opd_type`` and ``q`` (words of the name or short name).
    Entries with ``is_sample: true`` are sample data (data contoh), not yet verified.
    """
    if parent and len(parent) > _SLUG_MAX:
        raise _invalid(_("The parameter parent is too long."))
    filters = {
        "q": _search(q),
        "region": _code(region, "region"),
        "kind": _choice(kind, "kind", list(OrganisationKind.values)),
        "opd_type": _choice(opd_type, "opd_type", list(OpdType.values)),
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
