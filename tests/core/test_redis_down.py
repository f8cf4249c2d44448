"""Redis down: the site keeps serving (uncached) and keeps accepting work (lontar.core.redis_cache).

The cache is the production backend pointed at a closed port, so every operation meets the error a
stopped Redis gives, at once. Readiness still reports the cache as down; rate limits still limit
(per process).
"""

from __future__ import annotations

import logging
import os
import time

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.models import Role
from lontar.core import ratelimit, redis_cache
from lontar.core.redis_cache import FailOpenRedisCache
from lontar.ppid.models import InformationRequest
from tests.accounts.helpers import code_for, make_user, post_password
from tests.ppid.conftest import bodies  # noqa: F401  (fixture)
from tests.ppid.test_views_public import form_data
from tests.redis_cache import forget, unique_prefix

CLOSED = "127.0.0.1:9"  # discard port: nothing listens on loopback, the connection is refused at once
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def _caches(location: str, **params: object) -> dict:
    return {
        "default": {
            "BACKEND": "lontar.core.redis_cache.FailOpenRedisCache",
            "LOCATION": location,
            "OPTIONS": OPTIONS,
            **params,
        }
    }


@pytest.fixture
def redis_down(settings):
    """The default cache is Redis at a closed port (a fresh circuit: this test's own location)."""
    location = f"redis://{CLOSED}/0"
    redis_cache._circuits.pop(location, None)
    settings.CACHES = _caches(location, KEY_PREFIX=unique_prefix("down"))
    cache._fallback.clear()  # the per-process memory of earlier tests at the same location
    yield
    redis_cache._circuits.pop(location, None)


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


@pytest.mark.django_db
def test_public_pages_and_search_are_served_uncached(redis_down):
    client = Client(raise_request_exception=False)
    for url in ["/", "/dataset/", "/dataset/?q=anggaran", "/organisasi/", "/api/3/action/package_search?q=air"]:
        response, elapsed = _timed(lambda url=url: client.get(url))
        assert response.status_code == 200, url
        assert elapsed < 10, url  # no timeout per request (the first one also renders cold)
    assert client.get("/api/v1/regions").status_code == 200


@pytest.mark.django_db
def test_a_ppid_request_is_filed(redis_down, bodies, django_capture_on_commit_callbacks):  # noqa: F811
    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ppid:request_new"), form_data(bodies["province"]))
    assert response.status_code == 302 and response["Location"] == reverse("ppid:track")
    assert InformationRequest.objects.get().number


@pytest.mark.django_db
def test_staff_sign_in_with_totp(redis_down, province):
    user = make_user("walidata@uji.go.id", province["province"], Role.WALIDATA, device=True)
    client = Client(raise_request_exception=False)
    assert post_password(client, "walidata@uji.go.id").status_code == 302
    response = client.post("/akun/2fa/", {"otp_token": code_for(TOTPDevice.objects.get(user=user))})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/akun/").status_code == 200


@pytest.mark.django_db
def test_readiness_reports_the_cache_down(redis_down):
    client = Client()
    assert client.get("/").status_code == 200  # pages are served…
    response = client.get("/readyz")  # …but the load balancer and the operator are told
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"


def test_rate_limits_still_limit_per_process(redis_down):
    limit = ratelimit.Limit("test-redis-down", max_hits=3, window_seconds=60)
    assert [ratelimit.hit(limit, "10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit(limit, "10.0.0.2")


def test_one_warning_and_no_connection_attempt_per_operation_while_down(redis_down, caplog, monkeypatch):
    attempts: list[str] = []
    real_get = RedisCache.get

    def counting_get(self, *args, **kwargs):
        attempts.append("get")
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(RedisCache, "get", counting_get)
    with caplog.at_level(logging.WARNING, logger="lontar.core.redis_cache"):
        assert [cache.get(f"k{i}") for i in range(50)] == [None] * 50
        cache.set("k", "v")
        assert cache.get("k") == "v"  # kept in this process's memory meanwhile
    assert attempts == ["get"]
    warnings = [r for r in caplog.records if r.name == "lontar.core.redis_cache"]
    assert len(warnings) == 1 and "cache unreachable" in warnings[0].getMessage()


def test_it_uses_redis_again_when_it_is_back(monkeypatch, caplog):
    """Down, then (after the retry interval) a working Redis: values go to Redis again."""
    prefix = unique_prefix("back")
    redis_cache._circuits.pop(f"redis://{CLOSED}/3", None)
    down = FailOpenRedisCache(f"redis://{CLOSED}/3", {"KEY_PREFIX": prefix, "OPTIONS": OPTIONS})
    down.set("a", 1)
    assert down.is_down and down.get("a") == 1
    # The same process, the same location, Redis reachable again: simulated by pointing the
    # client of this backend at the real server and letting the retry interval pass.
    up = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    down._cache = up._cache
    down._circuit.retry_at = 0.0
    try:
        with caplog.at_level(logging.WARNING, logger="lontar.core.redis_cache"):
            down.set("b", 2)
        assert not down.is_down
        assert up.get("b") == 2  # in Redis, seen by every process
        assert down.get("a") is None  # the memory of the outage is dropped
        assert any("reachable again" in r.getMessage() for r in caplog.records)
    finally:
        forget(up)
        redis_cache._circuits.pop(f"redis://{CLOSED}/3", None)


@override_settings(CACHES=_caches(REDIS_URL, KEY_PREFIX=unique_prefix("up")))
def test_with_redis_up_it_is_the_shared_cache():
    cache.set("shared", "ya", 30)
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": cache.key_prefix})  # another process
    try:
        assert other.get("shared") == "ya"
        cache.probe()
    finally:
        forget(other)
