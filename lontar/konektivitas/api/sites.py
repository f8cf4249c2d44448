"""/api/v1/katalog/titik and /cakupan: sites, their connections and desa coverage.

Reads are public (anyone): public fields only. A token (or verified session) of a pengelola TIK or
admin who manages the site also gets a connection's contract (speeds, cost, dates, ownership).
Writes take a token and go through the same services as the staff pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from lontar.accounts.api_auth import TokenAuth, VerifiedSessionAuth, token_auth
from lontar.core.api_errors import BodyIn, errors
from lontar.core.api_openapi import OPTIONAL_AUTH
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.konektivitas.models import (
    ConnectionRole,
    ConnectionStatus,
    ConnectivityStatus,
    CoverageSource,
    InternetSignal,
    Ownership,
    PhoneSignal,
    Programme,
    Site,
    SiteKind,
)
from lontar.konektivitas.permissions import site_policy
from lontar.konektivitas.selectors import sites as selectors
from lontar.konektivitas.services import connections as connection_services
from lontar.konektivitas.services import coverage as coverage_services
from lontar.konektivitas.services import sites as site_services
from lontar.organisations.selectors import organisation_by_slug

router = Router(tags=["konektivitas"])


def _anonymous(request: HttpRequest) -> bool:
    return True


optional_auth = [TokenAuth(), VerifiedSessionAuth(), _anonymous]
Code = Annotated[str, Field(max_length=40)]


class SiteOut(Schema):
    code: str
    name: str
    kind: str
    desa: str
    kabupaten: str
    lat: float
    lng: float
    location_source: str
    location_verified: bool
    npsn: str
    puskesmas_code: str
    bakti_site_id: str
    power: str
    remote: bool
    border: bool
    disaster_prone: bool
    status: str = Field(description="latest weekly status: baik, sedang, buruk, tidak_ada, tidak_diketahui")
    status_rule: str = Field(
        description="the data that produced it: diukur, kontrak, ketersediaan, cakupan, tanpa_data"
    )
    status_week: dt.date | None
    is_sample: bool = Field(description="sample data (data contoh)")


class SitePage(Schema):
    items: list[SiteOut]
    next_cursor: str | None
    next: str | None


class ConnectionOut(Schema):
    id: int
    role: str
    technology: str
    technology_root: str
    technology_raw: str
    cellular_generation: str
    provider: str
    programme: str
    status: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_sample: bool
    # internal: only for a caller who manages the site
    download_contracted_mbps: float | None = None
    upload_contracted_mbps: float | None = None
    monthly_cost: Decimal | None = None
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    ownership: str | None = None


class CoverageOut(Schema):
    desa: str
    kabupaten: str
    year: int
    source: str
    phone_signal: str
    internet_signal: str
    has_bts: bool | None
    trusted: bool
    is_sample: bool


class CoveragePage(Schema):
    items: list[CoverageOut]
    next_cursor: str | None
    next: str | None


class SiteIn(BodyIn):
    code: Code
    name: str = Field(max_length=200)
    kind: SiteKind
    desa: str = Field(max_length=13, description="Kemendagri code of the desa/kelurahan")
    lat: float
    lng: float
    organisation: str = Field(max_length=120, description="slug of the responsible organisation")
    npsn: str = Field("", max_length=12)
    puskesmas_code: str = Field("", max_length=20)
    bakti_site_id: str = Field("", max_length=40)
    location_accuracy_m: float | None = None
    remote: bool = False
    border: bool = False
    disaster_prone: bool = False


class SitePatch(BodyIn):
    name: str | None = Field(None, max_length=200)
    kind: SiteKind | None = None
    desa: str | None = Field(None, max_length=13)
    lat: float | None = None
    lng: float | None = None
    npsn: str | None = Field(None, max_length=12)
    puskesmas_code: str | None = Field(None, max_length=20)
    bakti_site_id: str | None = Field(None, max_length=40)
    remote: bool | None = None
    border: bool | None = None
    disaster_prone: bool | None = None


class ConnectionIn(BodyIn):
    role: ConnectionRole = ConnectionRole.UTAMA
    technology_raw: str = Field("", max_length=120, description='as entered, e.g. "Telkomsel Flash"')
    technology: str = Field("", max_length=20, description="normalised code; empty: derived from technology_raw")
    provider: str = Field("", max_length=120)
    programme: Programme | None = None
    status: ConnectionStatus = ConnectionStatus.AKTIF
    download_contracted_mbps: float | None = None
    upload_contracted_mbps: float | None = None
    monthly_cost: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=0)
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    ownership: Ownership | None = None
    valid_from: dt.date | None = None


class CoverageIn(BodyIn):
    desa: str = Field(max_length=13)
    year: int = Field(ge=2000, le=2100)
    source: CoverageSource
    phone_signal: PhoneSignal | None = None
    internet_signal: InternetSignal | None = None
    has_bts: bool | None = None
    trusted: bool = True


def _site(site: Site) -> dict[str, Any]:
    return {
        "code": site.code,
        "name": site.name,
        "kind": site.kind,
        "desa": site.desa_id,
        "kabupaten": site.kabupaten_id,
        "lat": site.lat,
        "lng": site.lng,
        "location_source": site.location_source,
        "location_verified": site.location_verified,
        "npsn": site.npsn,
        "puskesmas_code": site.puskesmas_code,
        "bakti_site_id": site.bakti_site_id,
        "power": site.power,
        "remote": site.remote,
        "border": site.border,
        "disaster_prone": site.disaster_prone,
        "status": site.status,
        "status_rule": site.status_rule,
        "status_week": site.status_week,
        "is_sample": site.is_sample,
    }


def _connection(c: Any, internal: bool) -> dict[str, Any]:
    out = {
        name: getattr(c, name)
        for name in (
            "role",
            "technology",
            "technology_root",
            "technology_raw",
            "cellular_generation",
            "provider",
            "programme",
            "status",
            "valid_from",
            "valid_to",
            "is_sample",
        )
    }
    out["id"] = c.pk
    if internal:
        for name in ("download_contracted_mbps", "upload_contracted_mbps", "monthly_cost", "contract_start"):
            out[name] = getattr(c, name)
        out["contract_end"], out["ownership"] = c.contract_end, c.ownership
    return out


@router.get("/titik", response=SitePage, summary="Sites (titik layanan)")
def titik_list(
    request: HttpRequest,
    kabupaten: Annotated[str | None, Query(None, max_length=5, description="Kemendagri code, e.g. 53.71")] = None,
    jenis: SiteKind | None = None,
    status: ConnectivityStatus | None = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Active sites in code order (keyset pages), filtered by kabupaten/kota, kind and status."""
    filters = selectors.SiteFilters(kabupaten=kabupaten or "", kind=jenis or "", status=status or "")
    page = keyset_page(request, selectors.site_public_list(filters), order=("code",), cursor=cursor, limit=limit)
    return {"items": [_site(s) for s in page.items], "next_cursor": page.next_cursor, "next": page.next_url}


@router.get("/titik/{kode}", response={200: SiteOut, **errors(404)}, summary="One site")
def titik_detail(request: HttpRequest, kode: str) -> dict[str, Any]:
    return _site(selectors.site_public_get(kode))


@router.get(
    "/titik/{kode}/koneksi",
    response={200: list[ConnectionOut], **errors(404)},
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH,
    summary="Connections of a site",
)
def titik_connections(request: HttpRequest, kode: str) -> list[dict[str, Any]]:
    """Every connection of an active site, current first. Contract fields (speeds, cost, dates,
    ownership) only for a caller who manages the site; null for everyone else."""
    site = selectors.site_public_get(kode)
    internal = bool(getattr(request.user, "is_authenticated", False)) and site_policy.can(request.user, "view", site)
    return [_connection(c, internal) for c in selectors.site_connections(site)]


@router.get("/cakupan", response=CoveragePage, summary="Cellular coverage per desa")
def cakupan_list(
    request: HttpRequest,
    kabupaten: Annotated[str | None, Query(None, max_length=5)] = None,
    desa: Annotated[str | None, Query(None, max_length=13)] = None,
    tahun: Annotated[int | None, Query(None, ge=2000, le=2100)] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Coverage observations (Podes classes) per desa, year and source (keyset pages)."""
    qs = selectors.coverage_list(kabupaten=kabupaten or "", desa=desa or "", year=tahun)
    page = keyset_page(request, qs, order=("id",), cursor=cursor, limit=limit)
    items = [
        {
            "desa": o.desa_id,
            "kabupaten": o.kabupaten_id,
            "year": o.year,
            "source": o.source,
            "phone_signal": o.phone_signal,
            "internet_signal": o.internet_signal,
            "has_bts": o.has_bts,
            "trusted": o.trusted,
            "is_sample": o.is_sample,
        }
        for o in page.items
    ]
    return {"items": items, "next_cursor": page.next_cursor, "next": page.next_url}


@router.post("/titik", response={201: SiteOut, **errors(403, 422)}, auth=token_auth, summary="Register a site")
def titik_create(request: HttpRequest, payload: SiteIn) -> Status:
    """A new site of an organisation the token's owner manages; its point must lie in NTT and in the
    kabupaten/kota of its desa code (422 with an Indonesian message otherwise)."""
    organisation = organisation_by_slug(payload.organisation, active_only=True)
    if organisation is None:
        raise HttpError(422, _("Unknown organisation %(slug)s.") % {"slug": payload.organisation})
    data = payload.dict(exclude={"code", "desa", "organisation"})
    site = site_services.site_create(
        actor=request.user, organisation=organisation, code=payload.code, desa_code=payload.desa, **data
    )
    return Status(201, _site(site))


@router.patch("/titik/{kode}", response={200: SiteOut, **errors(403, 422)}, auth=token_auth, summary="Change a site")
def titik_update(request: HttpRequest, kode: str, payload: SitePatch) -> dict[str, Any]:
    site = selectors.site_get_by_code_for_actor(actor=request.user, code=kode)
    changes = payload.dict(exclude_unset=True)
    desa = changes.pop("desa", None)
    site = site_services.site_update(actor=request.user, site=site, desa_code=desa, **changes)
    return _site(site)


@router.post(
    "/titik/{kode}/koneksi",
    response={201: ConnectionOut, **errors(403, 422)},
    auth=token_auth,
    summary="Add a connection to a site",
)
def titik_connection_add(request: HttpRequest, kode: str, payload: ConnectionIn) -> Status:
    site = selectors.site_get_by_code_for_actor(actor=request.user, code=kode)
    fields = {k: v for k, v in payload.dict().items() if v not in (None, "")}
    connection = connection_services.connection_add(actor=request.user, site=site, **fields)
    return Status(201, _connection(connection, True))


@router.post(
    "/cakupan", response={200: CoverageOut, **errors(403, 422)}, auth=token_auth, summary="Save a desa's coverage"
)
def cakupan_upsert(request: HttpRequest, payload: CoverageIn) -> dict[str, Any]:
    """Create or change the coverage of a desa for one year and source (kabupaten managers)."""
    values = payload.dict(exclude={"desa", "year", "source"})
    values = {k: ("" if v is None and k in ("phone_signal", "internet_signal") else v) for k, v in values.items()}
    obs, _created = coverage_services.coverage_upsert(
        actor=request.user, desa_code=payload.desa, year=payload.year, source=payload.source, **values
    )
    return {
        "desa": obs.desa_id,
        "kabupaten": obs.kabupaten_id,
        "year": obs.year,
        "source": obs.source,
        "phone_signal": obs.phone_signal,
        "internet_signal": obs.internet_signal,
        "has_bts": obs.has_bts,
        "trusted": obs.trusted,
        "is_sample": obs.is_sample,
    }
