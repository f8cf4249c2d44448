"""Fixed-window rate limits in Django's cache (Redis in production, so every process shares them)."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_seconds: int

    @property
    def window_minutes(self) -> int:
        return math.ceil(self.window_seconds / 60)


#: submissions of the public request form per IP address
REQUEST_FORM = Limit("ppid-form", max_hits=5, window_seconds=60 * 60)
#: tracking-page and tracking-API lookups per IP address (right or wrong)
TRACKING = Limit("ppid-track", max_hits=20, window_seconds=10 * 60)


def client_ip(request: HttpRequest) -> str:
    """The peer address. A reverse proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(limit: Limit, ident: str) -> str:
    return f"rl:{limit.scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"


def hit(limit: Limit, ident: str) -> bool:
    """Count one hit; True while within the limit, False once it is exceeded."""
    key = _key(limit, ident)
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: start a new window with this hit.
        cache.set(key, 1, timeout=limit.window_seconds)
        count = 1
    return count <= limit.max_hits


def hit_request(limit: Limit, request: HttpRequest) -> bool:
    return hit(limit, client_ip(request))
