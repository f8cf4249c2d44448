"""Prometheus metrics: request latency, database time per request, task queue depth, process.

``MetricsMiddleware`` (second middleware, right after the health checks) times every request and
counts the database queries it ran, and answers ``GET /metrics`` in the Prometheus text format.

**Who may read /metrics.** Nobody from outside: a client address in ``LONTAR_METRICS_ALLOWED_IPS``
(addresses or networks; default loopback only; for a request that came through the proxies the
address is :func:`lontar.core.client_ip.client_ip`, the visitor's and not the balancer's; a
request without ``X-Forwarded-For`` came straight to the app server and its peer address counts), or a request carrying
``Authorization: Bearer <LONTAR_METRICS_TOKEN>``. Anybody else gets the site's 404, as for any
page that does not exist for them. Like ``/healthz`` it is answered before ``ALLOWED_HOSTS`` and
the HTTPS redirect, so a scraper may use the app server's address and plain HTTP.

**Labels** stay few: ``view`` is the URL pattern's name (``catalog:dataset_detail``), never the
path; requests no pattern answered are ``page_cache`` (a cached public page), ``static`` or
``unresolved``. ``status`` is the class (``2xx`` … ``5xx``).

**Several worker processes** (gunicorn): set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory
per app server before it starts (``deploy/gunicorn.conf.py`` empties it and marks dead workers);
each worker then writes its values there and a scrape of any worker answers the sum of all of
them (prometheus_client's multiprocess mode). Without it the values are the answering process's.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from lontar.core.client_ip import UNKNOWN, client_ip

METRICS_PATH = "/metrics"
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

#: request seconds: fast page-cache hits (< 1 ms) up to the 60 s gunicorn timeout
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
QUERY_COUNT_BUCKETS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)
DB_SECONDS_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0)

REQUEST_SECONDS = Histogram(
    "lontar_http_request_duration_seconds",
    "Time from the first middleware to the response, by URL pattern name, method and status class.",
    ["view", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
REQUEST_QUERIES = Histogram(
    "lontar_http_request_db_queries",
    "Database queries run while answering one request (all aliases), by URL pattern name.",
    ["view"],
    buckets=QUERY_COUNT_BUCKETS,
)
REQUEST_DB_SECONDS = Histogram(
    "lontar_http_request_db_seconds",
    "Time spent in database queries while answering one request (all aliases), by URL pattern name.",
    ["view"],
    buckets=DB_SECONDS_BUCKETS,
)
# Per worker process (in multiprocess mode one series per live pid): prometheus_client's own
# process_* metrics are not available there, so the middleware samples these now and then.
PROCESS_RSS = Gauge(
    "lontar_worker_resident_memory_bytes",
    "Resident memory of a web worker process.",
    multiprocess_mode="liveall",
)
PROCESS_CPU = Gauge(
    "lontar_worker_cpu_seconds",
    "CPU time (user + system) a web worker process has used.",
    multiprocess_mode="liveall",
)
PROCESS_START = Gauge(
    "lontar_worker_start_time_seconds",
    "Start time of a web worker process (Unix time).",
    multiprocess_mode="liveall",
)
_PROCESS_STARTED = time.time()
#: how often (seconds) a worker samples its own memory and CPU
PROCESS_SAMPLE_SECONDS = 15.0

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def multiprocess_mode() -> bool:
    return bool(os.environ.get(MULTIPROCESS_ENV))


# ---------------------------------------------------------------------------------------------
# Access


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def allowed(request: HttpRequest) -> bool:
    """True for a bearer token equal to ``LONTAR_METRICS_TOKEN`` or a client address allowed."""
    token = getattr(settings, "LONTAR_METRICS_TOKEN", "") or ""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header[7:].strip().encode(), token.encode())
    if "HTTP_X_FORWARDED_FOR" in request.META:
        address = client_ip(request)  # through the proxies: the visitor's address, as rate limits see it
    else:
        # No proxy appended a header (nginx always does): a scraper talking to this app server
        # directly, from where gunicorn is reachable at all (loopback or the private network).
        address = (request.META.get("REMOTE_ADDR") or UNKNOWN).strip()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in _networks(tuple(settings.LONTAR_METRICS_ALLOWED_IPS)))


# ---------------------------------------------------------------------------------------------
# Scrape-time collectors


class TaskQueueCollector(Collector):
    """Tasks waiting (READY) and running per queue, read from django-tasks' database backend when
    a scrape comes; with another backend (immediate, in tests) a single 0 labelled with it."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily(
            "lontar_task_queue_depth",
            "Background tasks by queue and state (READY: waiting for a worker; RUNNING).",
            labels=["backend", "queue", "status"],
        )
        oldest = GaugeMetricFamily(
            "lontar_task_oldest_ready_seconds",
            "Age of the oldest task waiting for a worker (0 when none waits).",
            labels=["backend", "queue"],
        )
        failed = GaugeMetricFamily(
            "lontar_task_queue_read_failed",
            "1 when the task table could not be read at this scrape (database down): depth unknown.",
            labels=["backend"],
        )
        backends = getattr(settings, "TASKS", {}) or {}
        for alias, config in backends.items():
            backend = str(config.get("BACKEND", ""))
            if backend != "django_tasks_db.DatabaseBackend":
                name = backend.rsplit(".", 1)[-1] or alias
                depth.add_metric([name, "default", "READY"], 0)
                oldest.add_metric([name, "default"], 0)
                continue
            try:
                rows = _database_queue(alias)
            except DatabaseError:
                failed.add_metric(["database"], 1)
                continue
            failed.add_metric(["database"], 0)
            for queue, status, count, age in rows:
                depth.add_metric(["database", queue, status], count)
                if status == "READY":
                    oldest.add_metric(["database", queue], age)
        yield depth
        yield oldest
        yield failed


def _database_queue(backend_alias: str) -> list[tuple[str, str, int, float]]:
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    wanted = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    rows = (
        DBTaskResult.objects.filter(backend_name=backend_alias, status__in=wanted)
        .order_by()
        .values("queue_name", "status")
        .annotate(count=Count("id"), first=Min("enqueued_at"))
    )
    now = timezone.now()
    found = [
        (row["queue_name"], row["status"], row["count"], max(0.0, (now - row["first"]).total_seconds())) for row in rows
    ]
    if not any(status == TaskResultStatus.READY for _, status, _, _ in found):
        found.append(("default", str(TaskResultStatus.READY), 0, 0.0))
    return found


class _Everything(Collector):
    """The values of this process (default registry: our metrics, process_*, python_gc_*)."""

    def collect(self) -> Iterator[Any]:
        yield from REGISTRY.collect()


def exposition() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_mode():
        from prometheus_client import multiprocess

        _sample_process(force=True)
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Everything())
    registry.register(TaskQueueCollector())
    return generate_latest(registry)


# ---------------------------------------------------------------------------------------------
# Per-request measurement


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_next_sample = 0.0


def _sample_process(*, force: bool = False) -> None:
    global _next_sample
    now = time.monotonic()
    if not force and now < _next_sample:
        return
    _next_sample = now + PROCESS_SAMPLE_SECONDS
    usage = resource.getrusage(resource.RUSAGE_SELF)
    PROCESS_CPU.set(usage.ru_utime + usage.ru_stime)
    try:
        with open("/proc/self/statm", "rb") as statm:
            PROCESS_RSS.set(int(statm.read().split()[1]) * _PAGE_SIZE)
    except OSError:  # not Linux: the peak instead (kilobytes on Linux and BSD)
        PROCESS_RSS.set(usage.ru_maxrss * 1024)


class _QueryTimer:
    """``connection.execute_wrapper`` for every alias: counts queries and adds their time."""

    __slots__ = ("count", "seconds")

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def _view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    if getattr(request, "page_cache_hit", False):
        return "page_cache"
    if request.path_info.startswith(settings.STATIC_URL or "/static/"):
        return "static"
    return "unresolved"


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        PROCESS_START.set(_PROCESS_STARTED)
        _sample_process(force=True)  # a worker that has served nothing yet shows its memory too

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.rstrip("/") == METRICS_PATH and request.method in ("GET", "HEAD"):
            return self._metrics(request)
        started = time.perf_counter()
        timer = _QueryTimer()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(timer))
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = _view_label(request)
        method = request.method if request.method in _METHODS else "other"
        REQUEST_SECONDS.labels(view, method, f"{response.status_code // 100}xx").observe(elapsed)
        REQUEST_QUERIES.labels(view).observe(timer.count)
        REQUEST_DB_SECONDS.labels(view).observe(timer.seconds)
        _sample_process()
        return response

    def _metrics(self, request: HttpRequest) -> HttpResponse:
        if not allowed(request):
            raise Http404  # the site's own 404 page: /metrics does not exist for this client
        response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
        response["Cache-Control"] = "no-store"
        return response
