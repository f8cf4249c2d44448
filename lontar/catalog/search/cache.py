"""Cache of search results, keyed by the parameters and the catalogue version.

``CatalogVersion`` is a database row the services bump in the same transaction as any change of
the public catalogue, so every process (and server) sees a change at once; the cached values
(count, the page's ids, facets) are only ever served for the version they were computed on.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.core.cache import cache
from django.db.models import F

from lontar.catalog.models import CatalogVersion

TIMEOUT = 600


def current_version() -> int:
    return CatalogVersion.objects.values_list("version", flat=True).first() or 0


def bump() -> None:
    """Call inside the transaction that changes the public catalogue. A missing row (a new or
    emptied database) starts at a random number, so keys of an earlier database never match."""
    if not CatalogVersion.objects.filter(pk=1).update(version=F("version") + 1):
        CatalogVersion.objects.create(pk=1, version=secrets.randbits(48))


def key_for(params: Any, version: int) -> str:
    raw = json.dumps(asdict(params), sort_keys=True, default=str)
    return f"catalog:search:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def remember(params: Any, compute: Callable[[int], Any]) -> Any:
    """``compute(version)`` for the current catalogue version, from the cache when it has it."""
    version = current_version()
    key = key_for(params, version)
    value = cache.get(key)
    if value is None:
        value = compute(version)
        cache.set(key, value, TIMEOUT)
    return value
