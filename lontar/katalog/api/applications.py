"""/api/v1/katalog/aplikasi: public list and detail (public fields), staff create and change (token)."""

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
    KatalogApplicationIn,
    KatalogApplicationOut,
    KatalogApplicationPage,
    KatalogApplicationSecurityOut,
)
from lontar.katalog.models import Stage
from lontar.katalog.selectors import public as public_selectors
from lontar.katalog.selectors import staff as selectors

router = Router(tags=["katalog"])

Code = Annotated[str, Query(..., max_length=40)]
PLAIN = (
    "name",
    "acronym",
    "description",
    "function",
    "output",
    "licence_type",
    "languages",
    "framework",
    "database",
    "developer_unit",
    "operator_unit",
    "raa_l1",
    "raa_l2",
    "raa_l3",
    "raa_l4",
    "rab_code",
    "ownership_class",
    "url",
    "stage",
    "year_built",
    "sso",
    "tte",
    "system_category",
)


def _public_one(code: str) -> Any:
    return public_selectors.public_application(code)


@router.get("/aplikasi", response=KatalogApplicationPage, summary="Applications (public fields)")
def katalog_application_list(
    request: HttpRequest,
    instansi: Annotated[str | None, Query(None, max_length=120, description="slug of an instansi or OPD")] = None,
    tahap: Annotated[Stage | None, Query(None, description="lifecycle stage")] = None,
    q: Annotated[str | None, Query(None, max_length=100, description="words in the name or acronym")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Every registered application, ordered by ID (keyset pages). No security audit, risk or cost."""
    qs = public_selectors.public_applications(q=q or "", organisation=instansi or "", stage=tahap or "")
    page = keyset_page(request, qs.prefetch_related("services"), order=("code",), cursor=cursor, limit=limit)
    return {
        "items": [serialise.application_out(a) for a in page.items],
        "next_cursor": page.next_cursor,
        "next": page.next_url,
    }


@router.get("/aplikasi/{code}", response={200: KatalogApplicationOut, **errors(404)}, summary="One application")
def katalog_application_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return serialise.application_out(_public_one(code))


def _values(payload: KatalogApplicationIn) -> tuple[dict[str, Any], dict[str, Any]]:
    sent = payload.model_fields_set
    values: dict[str, Any] = {}
    for name in PLAIN:
        if name in sent:
            value = getattr(payload, name)
            values[name] = "" if value is None and name not in ("year_built", "sso", "tte") else value
    if "basis" in sent:
        values["basis"] = [str(b) for b in payload.basis or []]
    if "hosting" in sent:
        values["hosting"] = serialise.asset_ref("hosting", payload.hosting)
    if "replaced_by" in sent:
        values["replaced_by"] = serialise.application_ref("replaced_by", payload.replaced_by)
    if "organisation" in sent and payload.organisation:
        values["organisation"] = serialise.organisation(payload.organisation, required=True)
    links: dict[str, Any] = {}
    if payload.integrations is not None:
        links["integrations"] = serialise.applications("integrations", payload.integrations)
    if payload.splp is not None:
        links["splp"] = serialise.assets("splp", payload.splp)
    if payload.datasets is not None:
        links["datasets"] = serialise.datasets(payload.datasets)
    return values, links


@router.post(
    "/aplikasi",
    response={201: KatalogApplicationOut, **errors(403, 422)},
    auth=token_auth,
    summary="Register an application",
)
def katalog_application_create(request: HttpRequest, payload: KatalogApplicationIn) -> Status:
    """For the pengelola TIK (or admin) of the owning organisation; ``organisation``, ``name`` and
    ``ownership_class`` are required. Audited."""
    organisation = serialise.organisation(payload.organisation, required=True)
    values, links = _values(payload)
    values.pop("organisation", None)
    app = services.application_create(
        actor=request.auth,  # type: ignore[attr-defined]
        organisation=organisation,
        values=values,
        links=links,
        code=payload.code or "",
    )
    return Status(201, serialise.application_out(app))


@router.patch(
    "/aplikasi/{code}",
    response={200: KatalogApplicationOut, **errors(403, 422)},
    auth=token_auth,
    summary="Change an application",
)
def katalog_application_update(request: HttpRequest, code: str, payload: KatalogApplicationIn) -> dict[str, Any]:
    """Only the fields sent change; an application out of the token owner's reach is 404. Audited."""
    actor = request.auth  # type: ignore[attr-defined]
    app = get_object_or_404(selectors.applications_for_actor(actor), code=code[:40])
    values, links = _values(payload)
    app = services.application_update(actor=actor, application=app, values=values, links=links)
    return serialise.application_out(app)


@router.get(
    "/aplikasi/{code}/keamanan",
    response={200: KatalogApplicationSecurityOut, **errors(404)},
    auth=token_auth,
    summary="Security audits and risk ratings of an application (internal)",
)
def katalog_application_security(request: HttpRequest, code: str) -> dict[str, Any]:
    """For the pengelola TIK (or admin) who manages the application; anyone else gets 404."""
    actor = request.auth  # type: ignore[attr-defined]
    app = get_object_or_404(selectors.applications_for_actor(actor), code=code[:40])
    return {
        "code": app.code,
        "security_audits": [
            {"audited_on": a.audited_on, "auditor": a.auditor, "conclusion": a.conclusion, "follow_up": a.follow_up}
            for a in selectors.security_audits(app)
        ],
        "risk_ratings": [
            {"rating": r.rating, "rated_on": r.rated_on, "rated_by": r.rated_by_label, "note": r.note}
            for r in selectors.risk_history(app)
        ],
    }
