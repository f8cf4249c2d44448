"""A backing service that is down: a clear 503 with ``Retry-After``, never a 500 or a hang.

When the database or the file storage (S3) cannot be reached, the view (or a middleware) raises;
Django turns the exception into ``handler500``, which asks :func:`outage_cause` whether the
exception (or one it was raised from) is such an outage and, if so, answers
:func:`unavailable` instead of the 500 page: 503, ``Retry-After: OUTAGE_RETRY_AFTER`` seconds, an
Indonesian page saying the service is temporarily unavailable (``application/problem+json`` under
/api/, for ``.json`` paths and for clients that ask for JSON). Django has already logged the
exception with its traceback (``django.request``); a warning names the component.

The configured cache fails open (:mod:`lontar.core.redis_cache`: pages are served uncached and rate
limits count per process while Redis is down), so a Redis error reaches this handler only from a
plain Redis client; it is answered like the others.

The timeouts that keep an outage from becoming a hang are settings (docs/configuration.md):
``LONTAR_DB_CONNECT_TIMEOUT``, ``LONTAR_REDIS_TIMEOUT``, ``LONTAR_S3_CONNECT_TIMEOUT``,
``LONTAR_S3_READ_TIMEOUT`` and ``LONTAR_S3_MAX_ATTEMPTS``.
"""

from __future__ import annotations

import json
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from lontar.core.csp import allow_own_styles

logger = logging.getLogger(__name__)

DATABASE, CACHE, STORAGE = "database", "cache", "storage"
#: HTTP statuses of an S3 answer that mean "the store is unavailable now", not "your request is wrong"
_S3_UNAVAILABLE = {500, 502, 503, 504}


def _storage_down(exc: BaseException) -> bool:
    botocore = sys.modules.get("botocore.exceptions")  # not loaded: no S3 storage, so no such error
    if botocore is None:
        return False
    if isinstance(exc, (botocore.ConnectionError, botocore.HTTPClientError)):
        return True  # EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError…
    if isinstance(exc, botocore.ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return status in _S3_UNAVAILABLE
    return False


def _cache_down(exc: BaseException) -> bool:
    redis = sys.modules.get("redis.exceptions")
    return redis is not None and isinstance(exc, (redis.ConnectionError, redis.TimeoutError))


def _database_down(exc: BaseException) -> bool:
    """Django's wrapped errors, and psycopg's own (the datastore's read-only connection is psycopg's);
    a statement timeout is an OperationalError too, but the database is up."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(exc.__cause__ or exc, psycopg.errors.QueryCanceled):
        return False
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return psycopg is not None and isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


def outage_cause(exc: BaseException | None) -> str | None:
    """``"database"``, ``"cache"`` or ``"storage"`` when ``exc`` (or its cause/context) is that service
    being unreachable; ``None`` for any other error."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if _database_down(exc):
            return DATABASE
        if _cache_down(exc):
            return CACHE
        if _storage_down(exc):
            return STORAGE
        exc = exc.__cause__ or exc.__context__
    return None


def wants_json(request: HttpRequest) -> bool:
    """API paths, ``.json`` answers and clients that ask for JSON rather than HTML."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return True
    accept = request.headers.get("Accept", "")
    return "json" in accept and "text/html" not in accept


def unavailable(request: HttpRequest, cause: str) -> HttpResponse:
    """The 503 answer for an outage of ``cause`` (logged as a warning; the traceback is Django's)."""
    logger.warning("service unavailable: the %s cannot be reached (%s %s)", cause, request.method, request.path)
    title = _("The service is temporarily unavailable.")
    detail = _("Please try again in a moment.")
    if wants_json(request):
        body = {"type": "about:blank", "title": title, "status": 503, "detail": detail, "instance": request.path}
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), status=503, content_type="application/problem+json"
        )
    else:
        # Self-contained and rendered without a request: no context processor may touch the service that is down.
        html = loader.get_template("errors/503.html").render({"retry_after": settings.OUTAGE_RETRY_AFTER})
        response = allow_own_styles(HttpResponse(html, status=503))
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
