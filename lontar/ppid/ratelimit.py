"""The PPID pages' rate limits (counted by lontar.core.ratelimit, per client address)."""

from __future__ import annotations

from lontar.core.client_ip import client_ip
from lontar.core.ratelimit import Limit, hit, hit_request

__all__ = ["REQUEST_FORM", "TRACKING", "Limit", "client_ip", "hit", "hit_request"]

#: submissions of the public request form per client address
REQUEST_FORM = Limit("ppid-form", max_hits=5, window_seconds=60 * 60)
#: tracking-page and tracking-API lookups per client address (right or wrong)
TRACKING = Limit("ppid-track", max_hits=20, window_seconds=10 * 60)
