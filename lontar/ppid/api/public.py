"""Public PPID endpoints: tracking (number + token), statistics, public bodies, DIP and exempt information.

No personal data."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from lontar.core.api_errors import errors
from lontar.core.api_openapi import documented_query
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.ppid import ratelimit
from lontar.ppid.api import serialise, serialise_dip
from lontar.ppid.api.report import ReportOut, report_out
from lontar.ppid.api.schemas import (
    BodyOut,
    DipPage,
    ExemptInformationPage,
    StatisticsOut,
    TrackingIn,
    TrackingOut,
)
from lontar.ppid.models import DipCategory
from lontar.ppid.models.dip import MAX_YEAR, MIN_YEAR
from lontar.ppid.report import cache as report_cache
from lontar.ppid.report.data import report_years
from lontar.ppid.selectors import dip as dip_selectors
from lontar.ppid.selectors import requests as request_selectors

router = Router(tags=["ppid"])

#: years of receipt the statistics and the report accept
ReportYear = Annotated[int | None, Query(None, ge=2000, le=2100, description="2000–2100")]
BodySlug = Annotated[str | None, Query(None, max_length=120, description="slug of a public body")]


@router.post("/tracking", response={200: TrackingOut, **errors(404, 429)}, summary="Track a request (number + token)")
def tracking(request: HttpRequest, payload: TrackingIn) -> dict[str, Any]:
    """Status, history, deadline in working days and the written notice of one request.

    A wrong token answers exactly like a missing request (404). Lookups are rate limited per
    IP address (429), right or wrong.
    """
    if not ratelimit.hit_request(ratelimit.TRACKING, request):
        raise HttpError(
            429,
            _("Too many lookups from your internet address; wait %(minutes)d minutes.")
            % {"minutes": ratelimit.TRACKING.window_minutes},
        )
    found = request_selectors.information_request_track(number=payload.number, token=payload.token)
    if found is None:
        raise Http404
    return serialise.tracking_out(found, request_selectors.deadline_of(found))


@router.get("/statistics", response=list[StatisticsOut], summary="Requests per public body")
def statistics(request: HttpRequest, year: ReportYear = None) -> list[dict[str, Any]]:
    """Counts of requests per badan publik and status (optionally of one year of receipt)."""
    return [
        {
            "body_code": row.body.code,
            "body_slug": row.body.slug,
            "body_name": row.body.name,
            "total": row.total,
            "open": row.open,
            "by_status": row.by_status,
            "is_sample": row.body.is_sample,
        }
        for row in request_selectors.statistics(year=year)
    ]


@router.get("/bodies", response=list[BodyOut], summary="Public bodies (PPID Utama and Pelaksana)")
def bodies(request: HttpRequest) -> list[dict[str, Any]]:
    """Every active badan publik with its service settings."""
    return [
        serialise.body_out(b)
        for b in request_selectors.public_bodies().order_by("kind", "organisation__region_id", "code")
    ]


def _body_id(slug: str | None) -> int | None:
    if not slug:
        return None
    found = request_selectors.public_bodies().filter(organisation__slug=slug[:120]).first()
    return found.pk if found else -1


@router.get("/dip", response=DipPage, summary="Daftar Informasi Publik (DIP)")
def dip(
    request: HttpRequest,
    body: BodySlug = None,
    category: Annotated[
        str | None, documented_query(None, description="DIP category", schema={"enum": list(DipCategory.values)})
    ] = None,
    year: Annotated[int | None, Query(None, ge=MIN_YEAR, le=MAX_YEAR, description="the year an entry was made")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> dict[str, Any]:
    """Entries of the public information lists: the seven DIP fields and the category.

    ``body`` a body slug; ``category`` one of berkala, serta_merta, setiap_saat, dikecualikan;
    ``year`` the year an entry was made. Keyset pages ordered by id.
    """
    if category is not None and category not in DipCategory.values:
        raise HttpError(
            422, _("The parameter category must be one of: %(values)s.") % {"values": ", ".join(DipCategory.values)}
        )
    filters = dip_selectors.DipFilters(body=_body_id(body), category=category or "", year=year)
    page = keyset_page(request, dip_selectors.dip_public(filters), order=("id",), cursor=cursor, limit=limit)
    return {
        "items": [serialise_dip.dip_entry_out(request, e) for e in page.items],
        "next_cursor": page.next_cursor,
        "next": page.next_url,
    }


@router.get("/dikecualikan", response=ExemptInformationPage, summary="Daftar Informasi yang Dikecualikan")
def dikecualikan(
    request: HttpRequest, body: BodySlug = None, cursor: Cursor = None, limit: Limit = None
) -> dict[str, Any]:
    """Exempt information: every consequence test (uji konsekuensi) of the active bodies. ``body`` a body slug."""
    qs = dip_selectors.dik_public(_body_id(body))
    page = keyset_page(request, qs, order=("id",), cursor=cursor, limit=limit)
    return {
        "items": [serialise_dip.exempt_out(t) for t in page.items],
        "next_cursor": page.next_cursor,
        "next": page.next_url,
    }


@router.get(
    "/report", response={200: ReportOut, **errors(404)}, summary="Annual or semester report of the PPID service"
)
def report(
    request: HttpRequest,
    year: ReportYear = None,
    semester: Annotated[
        int | None, Query(None, ge=1, le=2, description="1 (January–June) or 2 (July–December)")
    ] = None,
    body: BodySlug = None,
) -> dict[str, Any]:
    """The figures of the annual report (UU 14/2008 Pasal 7): requests by channel and decision,
    working days to the notice, refusals by Pasal 17 ground, keberatan, disputes, costs.

    ``year`` 2000–2100 (requests by date received; omitted: the latest year with requests);
    ``semester`` 1 (January–June) or 2 (July–December), omitted for the whole year; ``body`` the
    slug of one public body (its PPID Pelaksana included), omitted for every body; 404 when no
    public body has that slug.
    """
    if year is None:
        year = report_years()[0]
    found = None
    if body:
        found = request_selectors.public_bodies().filter(organisation__slug=body[:120]).first()
        if found is None:
            raise HttpError(404, _("No public body has the slug given in the parameter body."))
    data, _version = report_cache.cached_report(year, semester, found)
    return report_out(data)
