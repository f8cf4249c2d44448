"""/metrics: Prometheus text for allowed addresses or a bearer token only; what the middleware measures."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from prometheus_client import REGISTRY

from lontar.core import metrics

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = "203.0.113.7"


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.mark.django_db
def test_loopback_reads_metrics_from_any_host_name() -> None:
    Client().get("/")  # something to count
    response = Client(HTTP_HOST="10.0.0.5:8001").get("/metrics")  # scraped by the app server's address
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "lontar_http_request_duration_seconds_bucket{" in text
    assert 'view="core:home"' in text
    assert "lontar_http_request_db_queries_bucket{" in text
    assert 'lontar_task_queue_depth{backend="ImmediateBackend",queue="default",status="READY"} 0.0' in text
    assert "process_resident_memory_bytes" in text
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_outside_addresses_get_the_sites_404() -> None:
    response = Client(REMOTE_ADDR=OUTSIDE).get("/metrics")
    assert response.status_code == 404
    assert b"lontar_" not in response.content
    assert "text/html" in response["Content-Type"]  # the ordinary 404 page: nothing says it exists


@pytest.mark.django_db
@override_settings(LONTAR_METRICS_TOKEN="s3cret-token-for-prometheus")
def test_a_bearer_token_opens_it_from_anywhere() -> None:
    client = Client(REMOTE_ADDR=OUTSIDE)
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus").status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Basic czNjcmV0").status_code == 404
    # a wrong token is refused even from an allowed address (no silent fallback)
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


@pytest.mark.django_db
@override_settings(LONTAR_TRUSTED_PROXIES=1)
def test_behind_the_balancer_the_visitors_address_counts() -> None:
    # nginx on loopback forwards an outside visitor: the balancer's own address opens nothing
    response = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE).get("/metrics")
    assert response.status_code == 404
    # garbage or too few entries: the client is unknown, refused
    assert Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="").get("/metrics").status_code == 404
    assert Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1").get("/metrics").status_code == 200
    # Prometheus scraping this app server directly (no proxy, so no header): its own address counts
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR=OUTSIDE).get("/metrics").status_code == 404


@pytest.mark.django_db
@override_settings(LONTAR_METRICS_ALLOWED_IPS=["10.20.0.0/16"])
def test_networks_may_be_allowed() -> None:
    assert Client(REMOTE_ADDR="10.20.3.4").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="10.21.3.4").get("/metrics").status_code == 404
    assert Client().get("/metrics").status_code == 404  # loopback is no longer in the list


@pytest.mark.django_db
def test_requests_are_timed_with_their_queries() -> None:
    labels = {"view": "organisations:directory", "method": "GET", "status": "2xx"}
    before = _sample("lontar_http_request_duration_seconds_count", **labels)
    queries_before = _sample("lontar_http_request_db_queries_sum", view="organisations:directory")
    assert Client().get("/organisasi/").status_code == 200
    assert _sample("lontar_http_request_duration_seconds_count", **labels) == before + 1
    assert _sample("lontar_http_request_db_queries_sum", view="organisations:directory") > queries_before
    assert _sample("lontar_http_request_db_seconds_count", view="organisations:directory") >= 1

    missing = _sample("lontar_http_request_duration_seconds_count", view="unresolved", method="GET", status="4xx")
    Client().get("/no-such-page-at-all-/x")
    after = _sample("lontar_http_request_duration_seconds_count", view="unresolved", method="GET", status="4xx")
    assert after == missing + 1  # the path never becomes a label


@pytest.mark.django_db
def test_metrics_and_probes_are_not_counted_as_requests() -> None:
    def total() -> float:
        return sum(
            sample.value
            for family in REGISTRY.collect()
            if family.name == "lontar_http_request_duration_seconds"
            for sample in family.samples
            if sample.name.endswith("_count")
        )

    before = total()
    Client().get("/metrics")
    Client().get("/healthz")
    assert total() == before


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_queue_depth_from_the_database_backend() -> None:
    from django_tasks_db.models import DBTaskResult

    def task(status: str, queue: str = "default", minutes: int = 0) -> None:
        row = DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="lontar.notifications.tasks.send_digest",
            backend_name="default",
            queue_name=queue,
            run_after=timezone.now(),
        )
        if minutes:
            DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes))

    task("READY", minutes=10)
    task("READY")
    task("RUNNING")
    task("SUCCESSFUL")
    task("READY", queue="ingest")
    text = Client().get("/metrics").content.decode()
    assert 'lontar_task_queue_depth{backend="database",queue="default",status="READY"} 2.0' in text
    assert 'lontar_task_queue_depth{backend="database",queue="default",status="RUNNING"} 1.0' in text
    assert 'lontar_task_queue_depth{backend="database",queue="ingest",status="READY"} 1.0' in text
    assert "SUCCESSFUL" not in text
    oldest = [
        line
        for line in text.splitlines()
        if line.startswith('lontar_task_oldest_ready_seconds{backend="database",queue="default"}')
    ]
    assert oldest and float(oldest[0].rsplit(" ", 1)[1]) >= 599


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_an_empty_database_queue_is_a_zero() -> None:
    text = Client().get("/metrics").content.decode()
    assert 'lontar_task_queue_depth{backend="database",queue="default",status="READY"} 0.0' in text
    assert 'lontar_task_queue_read_failed{backend="database"} 0.0' in text


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_database_outage_still_answers_the_request_metrics(monkeypatch) -> None:
    from django.db import OperationalError

    def down(alias: str) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(metrics, "_database_queue", down)
    response = Client().get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'lontar_task_queue_read_failed{backend="database"} 1.0' in text
    assert "lontar_http_request_duration_seconds" in text


WORKER = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django
    django.setup()
    from django.http import HttpResponse
    from django.test import RequestFactory
    from lontar.core import metrics
    middleware = metrics.MetricsMiddleware(lambda request: HttpResponse(status=int(sys.argv[2])))
    for _ in range(int(sys.argv[1])):
        middleware(RequestFactory().get("/x"))
    if sys.argv[3] == "scrape":
        sys.stdout.write(metrics.exposition().decode())
    """
)


def test_several_worker_processes_add_up(tmp_path) -> None:
    """gunicorn's workers write to PROMETHEUS_MULTIPROC_DIR; a scrape of any of them sums all."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}

    def run(count: int, status: int, scrape: bool) -> str:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(count), str(status), "scrape" if scrape else "-"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    run(3, 200, False)
    text = run(2, 503, True)
    assert 'lontar_http_request_duration_seconds_count{method="GET",status="2xx",view="unresolved"} 3.0' in text
    assert 'lontar_http_request_duration_seconds_count{method="GET",status="5xx",view="unresolved"} 2.0' in text
    assert "lontar_worker_resident_memory_bytes{pid=" in text  # one series per worker
    assert list(tmp_path.glob("*.db"))


def test_overhead_per_request_is_small() -> None:
    """The middleware's own cost on a trivial answer (no database): well under a millisecond."""
    import time

    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get("/x")
    middleware = metrics.MetricsMiddleware(lambda request: HttpResponse())
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        middleware(request)
    per_request = (time.perf_counter() - started) / rounds
    assert per_request < 0.001, per_request
