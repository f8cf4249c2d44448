"""The shared cache (Redis), failing open: a province site keeps serving when only its cache is down.

Everything Lontar keeps in the cache can be lost or computed again: cached pages, fragments and
aggregates (keyed by a data version read from the database or from the cache itself), rate-limit
and sign-in back-off counters, the interval between password-reset mails. Sessions, the task
queue and every number that must be unique (PPID registration numbers) live in the database. So
when Redis cannot be reached, :class:`FailOpenRedisCache` answers every operation from a
per-process memory cache instead (Django's ``LocMemCache``) rather than raising:

* reads miss (or find what this process wrote during the outage), writes stay in this process;
* rate limits and the sign-in back-off count per process (``add``/``incr`` are atomic there too):
  an anonymous flood is still bounded, by the limit times the number of app-server processes —
  not the shared limit, and not no limit at all;
* cross-process invalidation through a counter in the cache (the konektivitas page version) does
  not reach the other processes: their cached pages and aggregates may lag by their TTL (page
  cache: 300 s), during the outage and for at most that long after it.

After a failure, Redis is not asked again for ``RETRY_SECONDS`` (no connect attempt, and so no
timeout, per request while it is down); then one request tries it. A warning is logged when the
process loses Redis, at most once a minute while it stays down, and when it is back (the memory
cache is then emptied). Readiness (``/readyz``, :mod:`lontar.core.health`) asks Redis itself
through :meth:`FailOpenRedisCache.probe` and still reports the cache as down.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: seconds during which a process answers from memory without asking Redis again after a failure
RETRY_SECONDS = 5.0
#: seconds between two "still down" warnings of one process
LOG_INTERVAL_SECONDS = 60.0
#: entries of the per-process memory cache used while Redis is down
FALLBACK_MAX_ENTRIES = 10_000
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


@dataclass
class _Circuit:
    """Whether this process currently treats one Redis server as down (shared by its threads)."""

    down_since: float | None = None
    retry_at: float = 0.0
    logged_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def use_redis(self) -> bool:
        """True when Redis should be asked: it is up, or it is time for one request to try it again."""
        if self.down_since is None:
            return True
        now = time.monotonic()
        with self.lock:
            if now < self.retry_at:
                return False
            self.retry_at = now + RETRY_SECONDS  # this request tries; the others keep using memory
            return True

    def failed(self, location: str, exc: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.retry_at = now + RETRY_SECONDS
            if self.down_since is None:
                self.down_since = self.logged_at = now
                logger.warning(
                    "cache unreachable (%s: %s): serving without it, rate limits per process, retry in %.0f s",
                    type(exc).__name__,
                    exc,
                    RETRY_SECONDS,
                )
            elif now - self.logged_at >= LOG_INTERVAL_SECONDS:
                self.logged_at = now
                logger.warning("cache still unreachable after %.0f s (%s)", now - self.down_since, type(exc).__name__)

    def succeeded(self) -> bool:
        """Mark Redis up; True when it was down until now."""
        if self.down_since is None:
            return False
        with self.lock:
            if self.down_since is None:
                return False
            logger.warning("cache reachable again after %.0f s", time.monotonic() - self.down_since)
            self.down_since = None
            return True


_circuits: dict[str, _Circuit] = {}
_circuits_lock = threading.Lock()


def _circuit(location: str) -> _Circuit:
    with _circuits_lock:
        return _circuits.setdefault(location, _Circuit())


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache that answers from per-process memory while Redis cannot be reached."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._circuit = _circuit(self._location)
        fallback_params = {**params, "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}}  # not Redis's options
        # One memory cache per process and server (LocMemCache shares its store by name), not per thread.
        self._fallback = LocMemCache(f"lontar-redis-fallback:{self._location}", fallback_params)

    @property
    def is_down(self) -> bool:
        """True while this process answers from memory."""
        return self._circuit.down_since is not None

    def probe(self) -> None:
        """Write, read back and delete a key in Redis itself; raises when it cannot (readiness)."""
        key = f"lontar:readyz:{time.monotonic_ns()}:{threading.get_ident()}"
        RedisCache.set(self, key, "1", timeout=5)
        if RedisCache.get(self, key) != "1":
            raise RuntimeError("value not read back")
        RedisCache.delete(self, key)

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        circuit = self._circuit
        if circuit.use_redis():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNREACHABLE as exc:
                circuit.failed(self._location, exc)
            else:
                if circuit.succeeded():
                    self._fallback.clear()
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("clear", *args, **kwargs)
