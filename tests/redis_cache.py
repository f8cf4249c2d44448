"""Redis caches for tests that no other test, xdist worker or concurrent run can disturb.

``cache.clear()`` on a RedisCache flushes the whole Redis database, including the keys of a test
running at the same time in another worker; these caches use a key prefix of their own instead
and delete only their keys.
"""

from __future__ import annotations

import os
import uuid

from django.core.cache.backends.redis import RedisCache


def unique_prefix(name: str) -> str:
    """A key prefix of this process (xdist worker) alone: share it between clients that must meet."""
    return f"lontar-test-{name}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:12]}"


def redis_cache(url: str, prefix: str) -> RedisCache:
    return RedisCache(url, {"KEY_PREFIX": prefix})


def forget(cache: RedisCache) -> None:
    """Delete the keys under this cache's prefix, and nothing else."""
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)
