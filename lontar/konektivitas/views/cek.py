"""Cek koneksi: measure a site's connection against Lontar itself, and record the result.

The page's script (static/js/cek-koneksi.js) fetches chunks from :func:`download` (random bytes,
so no proxy or gzip can shrink them; never stored in a cache), posts blobs to :func:`upload`
(read and discarded), times small :func:`ping` requests (median) and posts the result to
:func:`record`, which calls ``measurement_record``. Without JavaScript the page offers a form to
enter a result measured elsewhere. All of it is for the sites' ICT managers (pengelola TIK,
admins), signed in with two-factor; the three test endpoints are rate limited per account and
address, so they cannot be used to pull bandwidth off the server.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.accounts.models import Role
from lontar.core.client_ip import client_ip
from lontar.core.ratelimit import Limit, hit
from lontar.konektivitas.models import MeasurementSource
from lontar.konektivitas.selectors.measurements import sites_for_measuring
from lontar.konektivitas.services.measurements import MeasurementFlood, MeasurementValues, measurement_record

#: one download chunk at most, and one upload body at most (bytes)
MAX_CHUNK = 2 * 1024 * 1024
#: test sizes offered (MB downloaded, MB uploaded): VSAT sites pay per megabyte
SIZES = {"kecil": (1, 0.5), "normal": (5, 2)}
#: chunk and sink requests per account and address per hour (a normal test uses about 10)
CHUNKS = Limit("kon-cek-chunk", max_hits=240, window_seconds=60 * 60)
PINGS = Limit("kon-cek-ping", max_hits=600, window_seconds=60 * 60)
_BLOCK = os.urandom(256 * 1024)
ROLES = (Role.PENGELOLA_TIK, Role.ADMIN)
#: sites offered in the list (by code); ``?titik=<code>`` adds any other site the user manages
MAX_SITES = 2000


def _ident(request: HttpRequest) -> str:
    return f"{request.user.pk}:{client_ip(request)}"


def _limited(limit: Limit) -> HttpResponse:
    response = JsonResponse({"error": _("Too many test requests; wait an hour.")}, status=429)
    response["Retry-After"] = str(limit.window_seconds)
    return response


def _no_store(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@role_required(*ROLES)
def cek(request: HttpRequest) -> HttpResponse:
    """The page; a POST is the manual form (a result measured elsewhere), for use without JavaScript."""
    managed = sites_for_measuring(request.user)
    sites = list(managed[:MAX_SITES])
    wanted = request.GET.get("titik", "")[:40]
    chosen = next((s for s in sites if s.code == wanted), None) if wanted else None
    if wanted and chosen is None:
        chosen = managed.filter(code=wanted).first()
        if chosen is not None:
            sites.insert(0, chosen)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        site = next((s for s in sites if str(s.pk) == request.POST.get("site", "")), None)
        if site is None:
            errors["site"] = [_("Choose one of your sites.")]
        else:
            values = MeasurementValues(
                download_mbps=request.POST.get("download_mbps") or None,  # type: ignore[arg-type]
                upload_mbps=request.POST.get("upload_mbps") or None,  # type: ignore[arg-type]
                latency_ms=request.POST.get("latency_ms") or None,  # type: ignore[arg-type]
                source=MeasurementSource.MANUAL,
            )
            try:
                measurement_record(actor=request.user, site=site, values=values, ip=client_ip(request))
            except ValidationError as exc:
                errors = exc.message_dict
            except MeasurementFlood as exc:
                errors = {"site": [str(exc)]}
            else:
                messages.success(request, _("The measurement was recorded."))
                return redirect("konektivitas:site", code=site.code)
    context = {
        "sites": sites,
        "sizes": SIZES,
        "errors": errors,
        "posted": request.POST if request.method == "POST" else {"site": str(chosen.pk) if chosen else ""},
        "record_url": reverse("konektivitas:cek_record"),
        "download_url": reverse("konektivitas:cek_download"),
        "upload_url": reverse("konektivitas:cek_upload"),
        "ping_url": reverse("konektivitas:cek_ping"),
        "site_url": reverse("konektivitas:site", args=["0"]).removesuffix("0/"),
    }
    return render(request, "konektivitas/cek.html", context, status=422 if errors else 200)


def _stream(size: int) -> Iterator[bytes]:
    left = size
    while left > 0:
        piece = _BLOCK[: min(left, len(_BLOCK))]
        left -= len(piece)
        yield piece


@never_cache
@require_GET
@role_required(*ROLES)
def download(request: HttpRequest) -> HttpResponseBase:
    """``?bytes=N`` (1 … 2 MiB) random bytes, uncompressed, never cached."""
    if not hit(CHUNKS, _ident(request)):
        return _limited(CHUNKS)
    try:
        size = int(request.GET.get("bytes", "1048576"))
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_CHUNK:
        return JsonResponse({"error": _("Ask for 1 to 2097152 bytes.")}, status=400)
    response = StreamingHttpResponse(_stream(size), content_type="application/octet-stream")
    response["Content-Length"] = str(size)
    response["Content-Encoding"] = "identity"  # the bytes are random: gzip must leave them alone
    return _no_store(response)


@never_cache
@require_POST
@role_required(*ROLES)
def upload(request: HttpRequest) -> HttpResponseBase:
    """Reads the body (at most 2 MiB) and forgets it; answers how many bytes arrived."""
    if not hit(CHUNKS, _ident(request)):
        return _limited(CHUNKS)
    received = 0
    while True:
        piece = request.read(64 * 1024)
        if not piece:
            break
        received += len(piece)
        if received > MAX_CHUNK:
            return JsonResponse({"error": _("At most 2097152 bytes.")}, status=413)
    return _no_store(JsonResponse({"bytes": received}))


@never_cache
@require_GET
@role_required(*ROLES)
def ping(request: HttpRequest) -> HttpResponseBase:
    if not hit(PINGS, _ident(request)):
        return _limited(PINGS)
    return _no_store(HttpResponse(b"ok", content_type="text/plain"))


def _float(data: dict, name: str) -> object:
    value = data.get(name)
    return None if value in (None, "") else value


@require_POST
@role_required(*ROLES)
def record(request: HttpRequest) -> HttpResponse:
    """The script's result (JSON) → ``measurement_record``; answers JSON (201, 422, 403, 429)."""
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"errors": {"": [_("The data sent is not valid.")]}}, status=400)
    raw = str(data.get("site", ""))[:20]
    site = sites_for_measuring(request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
    if site is None:
        return JsonResponse({"errors": {"site": [_("Choose one of your sites.")]}}, status=422)
    values = MeasurementValues(
        download_mbps=_float(data, "download_mbps"),  # type: ignore[arg-type]
        upload_mbps=_float(data, "upload_mbps"),  # type: ignore[arg-type]
        latency_ms=_float(data, "latency_ms"),  # type: ignore[arg-type]
        jitter_ms=_float(data, "jitter_ms"),  # type: ignore[arg-type]
        data_used_mb=_float(data, "data_used_mb"),  # type: ignore[arg-type]
        detected_lat=_float(data, "lat"),  # type: ignore[arg-type]
        detected_lng=_float(data, "lng"),  # type: ignore[arg-type]
        detected_accuracy_m=_float(data, "accuracy_m"),  # type: ignore[arg-type]
        device_id=str(data.get("device_id", ""))[:80],
        server=request.get_host()[:200],
        source=MeasurementSource.CEK_KONEKSI,
    )
    try:
        m = measurement_record(actor=request.user, site=site, values=values, ip=client_ip(request))
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=422)
    except PermissionDenied as exc:
        return JsonResponse({"errors": {"site": [str(exc)]}}, status=403)
    except MeasurementFlood as exc:
        return JsonResponse({"errors": {"": [str(exc)]}}, status=429)
    return JsonResponse(
        {
            "id": m.pk,
            "flagged": m.flagged,
            "distance_to_site_m": m.distance_to_site_m,
            "site_url": reverse("konektivitas:site", args=[site.code]),
        },
        status=201,
    )
