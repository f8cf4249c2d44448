"""Fixed-window rate limits in Django's cache (Redis in production, so every process shares them).

Counting is atomic (``cache.add`` then ``cache.incr``, both atomic in Redis and in the local
memory cache), so parallel requests cannot slip past a limit. Requests are counted per client
address as :func:`lontar.core.client_ip.client_ip` finds it behind the trusted proxies.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from lontar.core.client_ip import client_ip


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_seconds: int

    @property
    def window_minutes(self) -> int:
        return math.ceil(self.window_seconds / 60)


def _key(limit: Limit, ident: str) -> str:
    return f"rl:{limit.scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"


def hit(limit: Limit, ident: str) -> bool:
    """Count one hit; True while within the limit, False once it is exceeded."""
    key = _key(limit, ident)
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: start a new window with this hit (add, so
        # of several requests racing here only one starts it and the others count on).
        count = 1 if cache.add(key, 1, timeout=limit.window_seconds) else cache.incr(key)
    return count <= limit.max_hits


def hit_request(limit: Limit, request: HttpRequest) -> bool:
    """Count one hit of the request's client address."""
    return hit(limit, client_ip(request))
