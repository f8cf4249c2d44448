"""/api/v1/katalog/aset (staff only: infrastructure is internal) and /layanan (public fields; staff writes)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from lontar.accounts.api_auth import token_auth
from lontar.core.api_errors import errors
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.katalog import services
from lontar.katalog.api import serialise
from lontar.katalog.api.schemas import (
    KatalogAssetIn,
    KatalogAssetOut,
    KatalogAssetPage,
    KatalogServiceIn,
    KatalogServiceOut,
    KatalogServicePage,
)
from lontar.katalog.models import AssetKind, ServiceKind
from lontar.katalog.selectors import public as public_selectors
from lontar.katalog.selectors import staff as selectors
from lontar.katalog.selectors.staff import Filters

router = Router(tags=["katalog"])

ASSET_PLAIN = ("kind", "name", "description", "ownership", "status", "rai_code", "licence_valid_until", "attributes")
SERVICE_PLAIN = ("name", "kind", "ral_code", "description", "channel_url")


def _page(request: HttpRequest, qs: Any, out: Any, cursor: str | None, limit: int | None) -> dict[str, Any]:
    page = keyset_page(request, qs, order=("code",), cursor=cursor, limit=limit)
    return {"items": [out(r) for r in page.items], "next_cursor": page.next_cursor, "next": page.next_url}


def _plain(payload: Any, names: tuple[str, ...]) -> dict[str, Any]:
    sent = payload.model_fields_set
    values = {}
    for name in names:
        if name in sent:
            value = getattr(payload, name)
            if value is None and name not in ("licence_valid_until", "attributes"):
                value = ""
            values[name] = str(value) if hasattr(value, "value") else value
    if "organisation" in sent and payload.organisation:
        values["organisation"] = serialise.organisation(payload.organisation, required=True)
    return values


# ---- infrastructure assets (staff) ---------------------------------------------------------------


@router.get("/aset", response=KatalogAssetPage, auth=token_auth, summary="Infrastructure assets (staff)")
def katalog_asset_list(
    request: HttpRequest,
    jenis: Annotated[AssetKind | None, Query(None, description="SIA-SPBE object type")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """The assets of the organisations the token's owner manages (pengelola TIK, admin), by ID;
    anyone else gets an empty list. Costs are left out."""
    qs = selectors.assets_for_actor(request.auth, Filters(kind=jenis or ""))  # type: ignore[attr-defined]
    return _page(request, qs, serialise.asset_out, cursor, limit)


@router.get("/aset/{code}", response={200: KatalogAssetOut, **errors(404)}, auth=token_auth, summary="One asset")
def katalog_asset_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    return serialise.asset_out(get_object_or_404(selectors.assets_for_actor(actor), code=code[:40]))


@router.post("/aset", response={201: KatalogAssetOut, **errors(403, 422)}, auth=token_auth, summary="Register an asset")
def katalog_asset_create(request: HttpRequest, payload: KatalogAssetIn) -> Status:
    """``organisation``, ``kind``, ``name`` and ``ownership`` are required; ``attributes`` are checked
    against the kind's schema. Audited."""
    organisation = serialise.organisation(payload.organisation, required=True)
    values = _plain(payload, ASSET_PLAIN)
    values.pop("organisation", None)
    asset = services.asset_create(
        actor=request.auth,  # type: ignore[attr-defined]
        organisation=organisation,
        values=values,
        code=payload.code or "",
    )
    return Status(201, serialise.asset_out(asset))


@router.patch(
    "/aset/{code}", response={200: KatalogAssetOut, **errors(403, 422)}, auth=token_auth, summary="Change an asset"
)
def katalog_asset_update(request: HttpRequest, code: str, payload: KatalogAssetIn) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    asset = get_object_or_404(selectors.assets_for_actor(actor), code=code[:40])
    return serialise.asset_out(services.asset_update(actor=actor, asset=asset, values=_plain(payload, ASSET_PLAIN)))


# ---- services (public fields; staff writes) ------------------------------------------------------


@router.get("/layanan", response=KatalogServicePage, summary="Services (public fields)")
def katalog_service_list(
    request: HttpRequest,
    instansi: Annotated[str | None, Query(None, max_length=120, description="slug of an instansi or OPD")] = None,
    jenis: Annotated[ServiceKind | None, Query(None, description="publik or administrasi")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    qs = public_selectors.public_services(organisation=instansi or "", kind=jenis or "")
    return _page(request, qs.prefetch_related("applications"), serialise.service_out, cursor, limit)


@router.get("/layanan/{code}", response={200: KatalogServiceOut, **errors(404)}, summary="One service")
def katalog_service_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return serialise.service_out(public_selectors.public_service(code))


@router.post(
    "/layanan", response={201: KatalogServiceOut, **errors(403, 422)}, auth=token_auth, summary="Register a service"
)
def katalog_service_create(request: HttpRequest, payload: KatalogServiceIn) -> Status:
    organisation = serialise.organisation(payload.organisation, required=True)
    values = _plain(payload, SERVICE_PLAIN)
    values.pop("organisation", None)
    apps = serialise.applications("applications", payload.applications or [])
    item = services.service_create(
        actor=request.auth,  # type: ignore[attr-defined]
        organisation=organisation,
        values=values,
        applications=apps,
        code=payload.code or "",
    )
    return Status(201, serialise.service_out(item))


@router.patch(
    "/layanan/{code}",
    response={200: KatalogServiceOut, **errors(403, 422)},
    auth=token_auth,
    summary="Change a service",
)
def katalog_service_update(request: HttpRequest, code: str, payload: KatalogServiceIn) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    item = get_object_or_404(selectors.services_for_actor(actor), code=code[:40])
    apps = serialise.applications("applications", payload.applications) if payload.applications is not None else None
    return serialise.service_out(
        services.service_update(actor=actor, service=item, values=_plain(payload, SERVICE_PLAIN), applications=apps)
    )
