"""The data-request form's rate limit is atomic: parallel submissions cannot slip past it."""

from __future__ import annotations

import os
import threading

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory

from lontar.catalog.views import datarequests
from lontar.core import ratelimit
from tests.redis_cache import forget, redis_cache, unique_prefix

REDIS_URL = os.environ.get("LONTAR_REDIS_URL", "redis://127.0.0.1:6379/3")
PARALLEL = 12


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, monkeypatch):
    if request.param == "redis":
        cache = redis_cache(REDIS_URL, unique_prefix("datarequest"))  # keys of this test alone (xdist)
    else:
        cache = LocMemCache("datarequest-limit", {})
        cache.clear()
    monkeypatch.setattr(ratelimit, "cache", cache)
    yield cache
    if request.param == "redis":
        forget(cache)


def test_parallel_submissions_let_exactly_the_limit_through(shared_cache):
    factory = RequestFactory()
    barrier = threading.Barrier(PARALLEL)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def submit() -> None:
        request = factory.post("/permintaan-data/baru/", REMOTE_ADDR="198.51.100.20")
        barrier.wait()
        limited = datarequests._limited(request)
        with lock:
            outcomes.append(limited)

    threads = [threading.Thread(target=submit) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(False) == datarequests.RATE_LIMIT
    assert outcomes.count(True) == PARALLEL - datarequests.RATE_LIMIT


def test_forwarded_clients_are_counted_apart(shared_cache, settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    factory = RequestFactory()
    for i in range(datarequests.RATE_LIMIT + 3):
        request = factory.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}")
        assert not datarequests._limited(request)
