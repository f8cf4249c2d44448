"""Settings that only matter in production: the shared Redis cache and database URL options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache

from config.settings.base import _tune
from lontar.core import ratelimit
from tests.redis_cache import forget, redis_cache, unique_prefix

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PREFIX = unique_prefix("settings")  # keys of this worker alone (xdist)


def _cache() -> RedisCache:
    """A fresh client, as a second gunicorn worker would have."""
    return redis_cache(REDIS_URL, PREFIX)


@pytest.fixture
def shared_redis(monkeypatch):
    cache = _cache()
    forget(cache)
    monkeypatch.setattr(ratelimit, "cache", cache)
    yield cache
    forget(cache)


def test_rate_limits_are_shared_between_processes_through_redis(shared_redis, monkeypatch):
    limit = ratelimit.Limit("test-shared", max_hits=3, window_seconds=60)
    assert ratelimit.hit(limit, "10.0.0.1")
    assert ratelimit.hit(limit, "10.0.0.1")
    monkeypatch.setattr(ratelimit, "cache", _cache())  # "another process"
    assert ratelimit.hit(limit, "10.0.0.1")
    assert not ratelimit.hit(limit, "10.0.0.1")
    assert ratelimit.hit(limit, "10.0.0.2")


def test_lontar_redis_url_configures_the_redis_backend():
    key = PREFIX  # not a key another worker or run could set at the same time
    code = (
        "import django; django.setup(); from django.core.cache import cache; "
        f"cache.set('{key}', 'ok', 5); print(cache.get('{key}')); cache.delete('{key}')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "LONTAR_REDIS_URL": REDIS_URL}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.parametrize(
    ("value", "expected"), [("false", False), ("False", False), ("0", False), ("true", True), ("1", True)]
)
def test_conn_health_checks_in_the_database_url_is_a_boolean(value, expected):
    db = _tune({"ENGINE": "django.db.backends.postgresql", "CONN_HEALTH_CHECKS": value})
    assert db["CONN_HEALTH_CHECKS"] is expected


def test_postgres_checks_connections_unless_told():
    assert _tune({"ENGINE": "django.db.backends.postgresql"})["CONN_HEALTH_CHECKS"] is True
