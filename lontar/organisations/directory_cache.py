"""Cached HTML fragments of the public directory pages (the expensive part of each page).

A page's content (table, map, form) is rendered once per language, set of filters and
*data version*, then reused; the site shell around it (CSRF token, language switch, the
signed-in user) is rendered fresh for every request. The data version is read from the
database on every request (one aggregate query), so a change made by any process through the
services shows at once; region data (changed only by ``load_regions``) shows within
``FRAGMENT_SECONDS``. Free-text searches are not cached: their variety would only fill the cache.

For anonymous visitors the whole answer (shell included) is also kept by
:mod:`lontar.core.page_cache` (ADR 0010), under the same data version: see :func:`page_key`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections, router
from django.http import HttpRequest
from django.utils import translation

from lontar.core import page_cache
from lontar.organisations.models import Organisation

FRAGMENT_SECONDS = 300
CACHEABLE_STATUS = 200
#: the name of :func:`data_version` in the page cache's registry (registered in apps.py)
PAGE_VERSION = "organisations"


def data_version() -> str:
    """Changes whenever an organisation is added, removed or saved (one query).

    Written in SQL: it runs on every request for these pages, and the ORM's aggregate() cost
    several times the query itself (bench/README.md). The value is opaque (count and the latest
    ``updated_at`` as the database returns it).
    """
    meta = Organisation._meta
    connection = connections[router.db_for_read(Organisation)]
    quote = connection.ops.quote_name
    table, updated = quote(meta.db_table), quote(meta.get_field("updated_at").column)
    # Two subqueries: MAX alone is answered from the updated_at index (SQLite: 350 → 80 µs).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX({updated}) FROM {table})")  # noqa: S608
        count, latest = cursor.fetchone()
    return f"{count}-{latest}"


def fragment_key(kind: str, *parts: object, version: str | None = None) -> str:
    """A cache key for ``kind`` that varies with ``parts``, the active language and the data version."""
    version = data_version() if version is None else version
    payload = json.dumps([kind, translation.get_language(), version, *parts], sort_keys=True, default=str)
    return f"organisations:fragment:{kind}:{hashlib.sha256(payload.encode()).hexdigest()}"


def page_key(request: HttpRequest, kind: str, *parts: object) -> str:
    """:func:`fragment_key` of a whole answer that may also be cached as such for anonymous visitors.

    Reads the data version once for both caches (:mod:`lontar.core.page_cache`, ADR 0010); call it
    only for a bounded set of URLs (validated parameters, no free-text search).
    """
    version = data_version()
    page_cache.allow(request, PAGE_VERSION, value=version)
    return fragment_key(kind, *parts, version=version)


def cached_fragments(key: str | None, build: Callable[[], dict[str, str | int]]) -> dict[str, str | int]:
    """``build()``'s fragments, from the cache when ``key`` has them; only status-200 results are kept."""
    if key is None:
        return build()
    found = cache.get(key)
    if found is None:
        found = build()
        if found.get("status") == CACHEABLE_STATUS:
            cache.set(key, found, FRAGMENT_SECONDS)
    return found
