"""Health endpoints for load balancers and orchestrators.

* ``GET /healthz`` — liveness: the process answers. Touches nothing else (no database, cache or
  storage), so a database outage does not make the orchestrator kill healthy app servers.
* ``GET /readyz`` — readiness: the database connections, the cache and the file storage answer
  (the cache is Redis itself: pages are still served while it is down, lontar.core.redis_cache).
  200 with each component's result, or 503 naming the components that failed, so a load balancer
  stops sending requests to a server that cannot serve them.

Answered by the first middleware, before ``ALLOWED_HOSTS``, sessions and the page cache: a probe
comes from the load balancer's address and must not create sessions or cached pages. The answer
is JSON, never cached, and says nothing about the configuration beyond component names.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def _json(status: int, payload: dict[str, object]) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def _check_databases() -> dict[str, str]:
    results: dict[str, str] = {}
    for alias in settings.DATABASES:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            results[f"database:{alias}"] = "ok"
        except Exception as exc:
            results[f"database:{alias}"] = f"error: {type(exc).__name__}"
    return results


def _check_cache() -> dict[str, str]:
    probe = getattr(cache, "probe", None)  # the fail-open Redis cache: ask Redis, not its memory fallback
    if probe is not None:
        try:
            probe()
            return {"cache": "ok"}
        except Exception as exc:
            return {"cache": f"error: {type(exc).__name__}"}
    key = f"lontar:readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return {"cache": "ok" if ok else "error: value not read back"}
    except Exception as exc:
        return {"cache": f"error: {type(exc).__name__}"}


def _check_storage() -> dict[str, str]:
    from lontar.core.storage import build_private_storage

    try:
        # exists() of a name that is never written: a HEAD on S3, a stat on disk.
        build_private_storage("readyz").exists("probe")
        return {"storage": "ok"}
    except Exception as exc:
        return {"storage": f"error: {type(exc).__name__}"}


def readiness() -> tuple[bool, dict[str, str]]:
    results = {**_check_databases(), **_check_cache(), **_check_storage()}
    return all(value == "ok" for value in results.values()), results


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/") or "/"
        if path == LIVENESS_PATH and request.method in ("GET", "HEAD"):
            return _json(200, {"status": "ok"})
        if path == READINESS_PATH and request.method in ("GET", "HEAD"):
            started = time.monotonic()
            ok, results = readiness()
            payload: dict[str, object] = {
                "status": "ok" if ok else "error",
                "checks": results,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            }
            return _json(200 if ok else 503, payload)
        return self.get_response(request)
