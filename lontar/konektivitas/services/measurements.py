"""Recording speed measurements of a site (Cek koneksi, manual entry, the API for probes and ISP feeds).

Every measurement is checked for plausibility (no negative speeds, nothing beyond what any link
in NTT can carry), its distance from the site is computed when the device gave a location
(haversine) and it is **flagged** when the device was farther than
``settings.KONEKTIVITAS_FLAG_DISTANCE_M`` from the site (kept, but visible as doubtful: Giga Meter
flags such measurements the same way, reference §1.5). One device may record at most
``settings.KONEKTIVITAS_DEVICE_HOURLY_LIMIT`` measurements an hour; more is a flood and the whole
submission is refused (:class:`MeasurementFlood`), nothing written.

Audit: **one event per submission** (one Cek koneksi test, or one API batch of up to
:data:`MAX_BATCH` rows), never one per row. Events are written one at a time behind the audit
chain's lock (ADR 0004); at the ingest rate the API must sustain (≥ 500 measurements/s, issue 13)
an event per row would make that lock the bottleneck and drown the trail in rows that carry no
decision. Each measurement row itself records who sent it (``recorded_by``), when
(``created_at``), from which device and source, and the batch event names the sites, the count
and the range of ids written, so every row can still be traced to its event.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.audit.registry import register
from lontar.audit.services import audit_record
from lontar.konektivitas.models import Measurement, MeasurementSource, Site
from lontar.konektivitas.permissions import MANAGE

ACTION_RECORDED = register("konektivitas.measurement.recorded", gettext_lazy("Connectivity measurement recorded"))
ACTION_BATCH = register(
    "konektivitas.measurement.batch_recorded", gettext_lazy("Batch of connectivity measurements recorded (API)")
)

#: who may record a measurement for a site: whoever manages it (pengelola TIK, admins; permissions.py)
RECORD_RULE = MANAGE

#: plausibility bounds: beyond these a value is a unit mistake or a broken probe, not a link in NTT
MAX_SPEED_MBPS = 10_000.0
MAX_LATENCY_MS = 60_000.0
MAX_JITTER_MS = 60_000.0
MAX_DATA_MB = 10_000.0
MAX_ACCURACY_M = 100_000.0
#: rows in one API submission
MAX_BATCH = 5000
#: how far back and ahead a measurement's time may lie
MAX_AGE = dt.timedelta(days=400)
MAX_AHEAD = dt.timedelta(minutes=10)
EARTH_RADIUS_M = 6_371_008.8
FLOOD_WINDOW_SECONDS = 60 * 60


class MeasurementFlood(Exception):
    """More measurements from one device in the hour than allowed: refuse the submission (429)."""

    def __init__(self, device: str, limit: int) -> None:
        self.device, self.limit = device, limit
        super().__init__(
            _("Too many measurements from one device: at most %(limit)d per hour. Try again later.") % {"limit": limit}
        )


@dataclass
class MeasurementValues:
    """What a test or a probe reports; speeds in Mbps, times in ms, loss in %."""

    download_mbps: float | None = None
    upload_mbps: float | None = None
    latency_ms: float | None = None
    jitter_ms: float | None = None
    packet_loss_pct: float | None = None
    measured_at: dt.datetime | None = None
    source: str = MeasurementSource.CEK_KONEKSI
    server: str = ""
    device_id: str = ""
    data_used_mb: float | None = None
    detected_lat: float | None = None
    detected_lng: float | None = None
    detected_accuracy_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (spherical Earth, mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _number(errors: dict[str, list[str]], name: str, value: Any, high: float, message: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if isinstance(value, bool) or not math.isfinite(number):
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if number < 0:
        errors.setdefault(name, []).append(_("The value cannot be negative."))
        return None
    if number > high:
        errors.setdefault(name, []).append(message)
        return None
    return number


def validate_values(values: MeasurementValues, *, now: dt.datetime | None = None) -> dict[str, list[str]]:
    """Indonesian messages per field for implausible values (empty when all is well); normalises in place."""
    errors: dict[str, list[str]] = {}
    speed = _("More than %(max)s Mbps is not a plausible speed (check the unit: Mbps, not kbps or bps).") % {
        "max": "10.000"
    }
    values.download_mbps = _number(errors, "download_mbps", values.download_mbps, MAX_SPEED_MBPS, speed)
    values.upload_mbps = _number(errors, "upload_mbps", values.upload_mbps, MAX_SPEED_MBPS, speed)
    too_slow = _("More than %(max)s ms is not a plausible round trip.") % {"max": "60.000"}
    values.latency_ms = _number(errors, "latency_ms", values.latency_ms, MAX_LATENCY_MS, too_slow)
    values.jitter_ms = _number(errors, "jitter_ms", values.jitter_ms, MAX_JITTER_MS, too_slow)
    loss = _("Packet loss is a percentage between 0 and 100.")
    values.packet_loss_pct = _number(errors, "packet_loss_pct", values.packet_loss_pct, 100.0, loss)
    values.data_used_mb = _number(
        errors,
        "data_used_mb",
        values.data_used_mb,
        MAX_DATA_MB,
        _("More than 10.000 MB for one test is not plausible."),
    )
    values.detected_accuracy_m = _number(
        errors, "detected_accuracy_m", values.detected_accuracy_m, MAX_ACCURACY_M, _("The accuracy is not plausible.")
    )
    if values.download_mbps is None and values.upload_mbps is None and values.latency_ms is None and not errors:
        errors["download_mbps"] = [_("Give at least the download speed, the upload speed or the latency.")]
    if values.source not in MeasurementSource.values:
        errors["source"] = [_("Unknown measurement source.")]
    _check_location(errors, values)
    _check_time(errors, values, now or timezone.now())
    values.server = (values.server or "").strip()[:200]
    values.device_id = (values.device_id or "").strip()[:80]
    return errors


def _check_location(errors: dict[str, list[str]], values: MeasurementValues) -> None:
    lat, lng = values.detected_lat, values.detected_lng
    if (lat is None) != (lng is None):
        errors["detected_lat"] = [_("Give both latitude and longitude of the device, or neither.")]
        return
    if lat is None or lng is None:
        return
    try:
        lat, lng = float(lat), float(lng)
    except (TypeError, ValueError):
        errors["detected_lat"] = [_("Enter a number.")]
        return
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        errors["detected_lat"] = [_("The device's location is not a valid coordinate.")]
        return
    values.detected_lat, values.detected_lng = lat, lng


def _check_time(errors: dict[str, list[str]], values: MeasurementValues, now: dt.datetime) -> None:
    when = values.measured_at
    if when is None:
        values.measured_at = now
        return
    if timezone.is_naive(when):
        errors["measured_at"] = [_("Give the time with its time zone.")]
    elif when > now + MAX_AHEAD:
        errors["measured_at"] = [_("The measurement time lies in the future.")]
    elif when < now - MAX_AGE:
        errors["measured_at"] = [_("The measurement is more than 400 days old.")]


def hash_ip(ip: str) -> str:
    """A keyed digest of the client address (kept to spot floods; the address itself is not stored)."""
    return salted_hmac("lontar.konektivitas.measurement-ip", ip, algorithm="sha256").hexdigest() if ip else ""


def _device_key(actor: Any, site: Site, values: MeasurementValues) -> str:
    return f"device:{values.device_id}" if values.device_id else f"user:{getattr(actor, 'pk', '-')}:site:{site.pk}"


def _take_quota(counts: Counter[str]) -> None:
    """Count each device's rows in its hourly window; refuse all (and count nothing) when one is over."""
    limit = settings.KONEKTIVITAS_DEVICE_HOURLY_LIMIT
    taken: list[tuple[str, int]] = []
    for device, count in counts.items():
        key = f"kon:flood:{salted_hmac('lontar.konektivitas.flood', device).hexdigest()[:32]}"
        cache.add(key, 0, timeout=FLOOD_WINDOW_SECONDS)
        try:
            total = cache.incr(key, count)
        except ValueError:  # expired between add and incr
            cache.add(key, 0, timeout=FLOOD_WINDOW_SECONDS)
            total = cache.incr(key, count)
        taken.append((key, count))
        if total > limit:
            for done_key, done in taken:
                with contextlib.suppress(ValueError):
                    cache.decr(done_key, done)
            raise MeasurementFlood(device.split(":", 1)[-1], limit)


def can_record(actor: Any, site: Site) -> bool:
    return RECORD_RULE.allows(actor, site)


def _build(actor: Any, site: Site, values: MeasurementValues, ip_digest: str) -> Measurement:
    distance = None
    flagged, reason = False, ""
    if values.detected_lat is not None and values.detected_lng is not None:
        distance = round(haversine_m(site.lat, site.lng, values.detected_lat, values.detected_lng), 1)
        if distance > settings.KONEKTIVITAS_FLAG_DISTANCE_M:
            flagged = True
            reason = "far_from_site"
    return Measurement(
        site=site,
        measured_at=values.measured_at or timezone.now(),
        download_mbps=values.download_mbps,
        upload_mbps=values.upload_mbps,
        latency_ms=values.latency_ms,
        jitter_ms=values.jitter_ms,
        packet_loss_pct=values.packet_loss_pct,
        source=values.source,
        server=values.server,
        device_id=values.device_id,
        ip_hash=ip_digest,
        data_used_mb=values.data_used_mb,
        detected_lat=values.detected_lat,
        detected_lng=values.detected_lng,
        detected_accuracy_m=values.detected_accuracy_m,
        distance_to_site_m=distance,
        flagged=flagged,
        flag_reason=reason,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def measurement_record(*, actor: Any, site: Site, values: MeasurementValues, ip: str = "") -> Measurement:
    """Record one measurement of ``site`` (Cek koneksi, manual entry). Audited; raises
    ``PermissionDenied``, ``ValidationError`` (Indonesian messages per field) or
    :class:`MeasurementFlood`."""
    if not can_record(actor, site):
        raise PermissionDenied(_("You may not record measurements for this site."))
    errors = validate_values(values)
    if errors:
        raise ValidationError(errors)
    _take_quota(Counter([_device_key(actor, site, values)]))
    with transaction.atomic():
        measurement = _build(actor, site, values, hash_ip(ip))
        measurement.save()
        audit_record(
            action=ACTION_RECORDED,
            actor=actor,
            organisation=site.organisation,
            target=measurement,
            target_label=f"{site.code} {site.name}",
            data={
                "site": site.code,
                "source": measurement.source,
                "download_mbps": measurement.download_mbps,
                "upload_mbps": measurement.upload_mbps,
                "latency_ms": measurement.latency_ms,
                "data_used_mb": measurement.data_used_mb,
                "distance_to_site_m": measurement.distance_to_site_m,
                "flagged": measurement.flagged,
            },
        )
    return measurement


@dataclass(frozen=True)
class BatchResult:
    count: int
    flagged: int
    first_id: int | None
    last_id: int | None


class BatchInvalid(ValidationError):
    """Some rows of a batch are invalid: ``rows`` maps row index → field → messages."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]) -> None:
        self.rows = rows
        super().__init__({f"items.{i}.{name}": messages for i, e in rows.items() for name, messages in e.items()})


def measurement_record_batch(
    *, actor: Any, items: Sequence[tuple[Site, MeasurementValues]], ip: str = ""
) -> BatchResult:
    """Record many measurements at once (API: probes, ISP QoS feeds): all or nothing, one audit event.

    Every row is validated first and every site must be one the actor may record for; a single bad
    row refuses the whole batch (:class:`BatchInvalid`, its index and fields), as does a flood.
    Rows are written with one bulk insert.
    """
    if not items:
        raise ValidationError({"items": [_("The batch is empty.")]})
    if len(items) > MAX_BATCH:
        raise ValidationError({"items": [_("At most %(max)d measurements per request.") % {"max": MAX_BATCH}]})
    now = timezone.now()
    row_errors: dict[int, dict[str, list[str]]] = {}
    allowed: dict[int, bool] = {}
    for index, (site, values) in enumerate(items):
        if site.pk not in allowed:
            allowed[site.pk] = can_record(actor, site)
        if not allowed[site.pk]:
            row_errors[index] = {"site": [_("You may not record measurements for this site.")]}
            continue
        errors = validate_values(values, now=now)
        if errors:
            row_errors[index] = errors
    if row_errors:
        raise BatchInvalid(row_errors)
    _take_quota(Counter(_device_key(actor, site, values) for site, values in items))
    digest = hash_ip(ip)
    rows = [_build(actor, site, values, digest) for site, values in items]
    with transaction.atomic():
        created = Measurement.objects.bulk_create(rows, batch_size=1000)
        ids = [m.pk for m in created if m.pk is not None]
        sites = sorted({site.code for site, _values in items})
        organisations = {site.organisation_id for site, _values in items}
        result = BatchResult(
            count=len(rows),
            flagged=sum(1 for m in rows if m.flagged),
            first_id=min(ids) if ids else None,
            last_id=max(ids) if ids else None,
        )
        audit_record(
            action=ACTION_BATCH,
            actor=actor,
            organisation=items[0][0].organisation if len(organisations) == 1 else None,
            target_label=_("%(count)d measurements") % {"count": result.count},
            data={
                "count": result.count,
                "flagged": result.flagged,
                "first_id": result.first_id,
                "last_id": result.last_id,
                "sites": sites[:50],
                "site_count": len(sites),
                "sources": sorted({values.source for _site, values in items}),
            },
        )
    return result
