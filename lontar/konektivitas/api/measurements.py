"""/api/v1/katalog/pengukuran: measurements in batches (token: probes, ISP QoS feeds) and a site's list."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from lontar.accounts.api_auth import token_auth
from lontar.core.api_errors import BodyIn, errors
from lontar.core.client_ip import client_ip
from lontar.core.pagination import Cursor, Limit, keyset_page
from lontar.konektivitas.models import MeasurementSource
from lontar.konektivitas.selectors import measurements as selectors
from lontar.konektivitas.services.measurements import (
    MAX_BATCH,
    MeasurementFlood,
    MeasurementValues,
    measurement_record_batch,
)

router = Router(tags=["konektivitas"])

SiteCode = Annotated[str, Query(..., max_length=40, description="the site's code (kode titik layanan)")]


class MeasurementIn(BodyIn):
    site: str = Field(max_length=40, description="code of the site (kode titik layanan)")
    measured_at: dt.datetime | None = Field(None, description="when it was measured (with time zone); default: now")
    download_mbps: float | None = Field(None, description="download in Mbps (0–10 000)")
    upload_mbps: float | None = Field(None, description="upload in Mbps (0–10 000)")
    latency_ms: float | None = Field(None, description="round-trip latency in ms (0–60 000)")
    jitter_ms: float | None = None
    packet_loss_pct: float | None = Field(None, description="packet loss, 0–100 %")
    source: MeasurementSource = MeasurementSource.QOS_ISP
    server: str = Field("", max_length=200)
    device_id: str = Field("", max_length=80, description="the probe or device (the hourly limit counts per device)")
    data_used_mb: float | None = None
    detected_lat: float | None = Field(None, description="device latitude (WGS84), to check against the site")
    detected_lng: float | None = None
    detected_accuracy_m: float | None = None


class MeasurementBatchIn(BodyIn):
    items: list[MeasurementIn] = Field(..., max_length=MAX_BATCH, description=f"1–{MAX_BATCH} measurements")


class BatchOut(Schema):
    count: int
    flagged: int = Field(description="measured farther from the site than LONTAR_KONEKTIVITAS_FLAG_DISTANCE_M")
    first_id: int | None
    last_id: int | None


class MeasurementOut(Schema):
    id: int
    site: str
    measured_at: dt.datetime
    download_mbps: float | None
    upload_mbps: float | None
    latency_ms: float | None
    jitter_ms: float | None
    packet_loss_pct: float | None
    source: str
    data_used_mb: float | None
    distance_to_site_m: float | None
    flagged: bool
    is_sample: bool


class MeasurementPage(Schema):
    items: list[MeasurementOut]
    next_cursor: str | None
    next: str | None


@router.post(
    "/pengukuran",
    response={201: BatchOut, **errors(422, 429)},
    auth=token_auth,
    summary="Record measurements (batch)",
)
def pengukuran_create(request: HttpRequest, payload: MeasurementBatchIn) -> Status:
    """Up to 5 000 measurements of sites the token's owner manages (pengelola TIK, admin), all or
    nothing: one invalid row (unknown site, negative or absurd value, a site outside the owner's
    organisations) refuses the batch with 422 naming ``items.<index>.<field>``. More than
    ``LONTAR_KONEKTIVITAS_DEVICE_HOURLY_LIMIT`` measurements per device and hour: 429."""
    codes = {item.site for item in payload.items}
    sites = selectors.sites_by_code(codes)
    unknown = {
        f"items.{i}.site": [_("Unknown site code.")] for i, item in enumerate(payload.items) if item.site not in sites
    }
    if unknown:
        raise ValidationError(unknown)
    items = [(sites[item.site], _values(item)) for item in payload.items]
    try:
        result = measurement_record_batch(actor=request.user, items=items, ip=client_ip(request))
    except MeasurementFlood as exc:
        raise HttpError(429, str(exc)) from exc
    return Status(
        201,
        {"count": result.count, "flagged": result.flagged, "first_id": result.first_id, "last_id": result.last_id},
    )


def _values(item: MeasurementIn) -> MeasurementValues:
    return MeasurementValues(
        download_mbps=item.download_mbps,
        upload_mbps=item.upload_mbps,
        latency_ms=item.latency_ms,
        jitter_ms=item.jitter_ms,
        packet_loss_pct=item.packet_loss_pct,
        measured_at=item.measured_at,
        source=str(item.source),
        server=item.server,
        device_id=item.device_id,
        data_used_mb=item.data_used_mb,
        detected_lat=item.detected_lat,
        detected_lng=item.detected_lng,
        detected_accuracy_m=item.detected_accuracy_m,
    )


@router.get(
    "/pengukuran", response={200: MeasurementPage, **errors(404)}, summary="Measurements of a site (public fields)"
)
def pengukuran_list(request: HttpRequest, site: SiteCode, cursor: Cursor = None, limit: Limit = None) -> dict[str, Any]:
    """The measurements of one active site, oldest first (keyset pages). No device, address or
    account is shown."""
    found = selectors.public_site(site)
    if found is None:
        raise HttpError(404, _("No such site."))
    page = keyset_page(
        request, selectors.site_measurements(found), order=("measured_at", "id"), cursor=cursor, limit=limit
    )
    return {
        "items": [_out(found.code, m) for m in page.items],
        "next_cursor": page.next_cursor,
        "next": page.next_url,
    }


def _out(code: str, m: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "site": code,
        "measured_at": m.measured_at,
        "download_mbps": m.download_mbps,
        "upload_mbps": m.upload_mbps,
        "latency_ms": m.latency_ms,
        "jitter_ms": m.jitter_ms,
        "packet_loss_pct": m.packet_loss_pct,
        "source": m.source,
        "data_used_mb": m.data_used_mb,
        "distance_to_site_m": m.distance_to_site_m,
        "flagged": m.flagged,
        "is_sample": m.is_sample,
    }
