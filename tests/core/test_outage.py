"""A backing service that is down gives a clear Indonesian 503 with Retry-After (lontar.core.outage).

The database outage is simulated (the exception Django raises); Redis and S3 are real clients
pointed at a closed port, so the error is the one a stopped server gives, and it comes in seconds.
The configured cache fails open (pages are served while Redis is down: tests/core/test_redis_down.py);
a Redis error that still reaches the handler (a plain client, as ``/uji/redis/`` uses) is a 503.
"""

from __future__ import annotations

import json
import logging
import time

import psycopg
import pytest
from django.core.cache.backends.redis import RedisCache
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls
from lontar.catalog.ckan import views as ckan_views
from lontar.core import outage, views

CLOSED = "127.0.0.1:9"  # discard port: nothing listens on loopback, the connection is refused at once


def _database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def _connection_lost(request: HttpRequest) -> HttpResponse:
    raise InterfaceError("connection already closed")


def _wrapped(request: HttpRequest) -> HttpResponse:
    try:
        _database_down(request)
    except OperationalError as exc:
        raise RuntimeError("could not file the request") from exc
    return HttpResponse()


def _redis_down(request: HttpRequest) -> HttpResponse:
    cache = RedisCache(f"redis://{CLOSED}/0", {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})
    cache.get("anything")
    return HttpResponse()


def _s3_down(request: HttpRequest) -> HttpResponse:
    from lontar.core.s3 import MediaS3Storage

    storage = MediaS3Storage(
        bucket_name="lontar-down", endpoint_url=f"http://{CLOSED}", access_key="k", secret_key="s", region_name="x"
    )
    storage.save("uji/berkas.csv", ContentFile(b"a,b\n"))
    return HttpResponse()


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    path("uji/db/", _database_down),
    path("uji/db-closed/", _connection_lost),
    path("uji/wrapped/", _wrapped),
    path("uji/redis/", _redis_down),
    path("uji/s3/", _s3_down),
    path("uji/500/", _broken),
    path("api/v1/uji/db/", _database_down),
    path("data/uji/db.json", _database_down),
    *project_urls.urlpatterns,
]
handler500 = views.error_500


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def _assert_indonesian_503(response: HttpResponse) -> None:
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Layanan sementara tidak tersedia (503)" in html
    assert "silakan kirim lagi sebentar lagi (sekitar 30 detik)" in html
    assert "<link" not in html and "<script" not in html  # renders even when static files do not
    assert "'sha256-" in response["Content-Security-Policy"]  # its own <style>, allowed by hash


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/uji/db/", "/uji/db-closed/", "/uji/wrapped/"])
def test_database_down_is_an_indonesian_503_with_retry_after(client: Client, url: str):
    _assert_indonesian_503(client.get(url))


@override_settings(ROOT_URLCONF=__name__)
def test_the_exception_is_logged_with_its_traceback_and_the_component_named(client: Client, caplog):
    with caplog.at_level(logging.WARNING):
        client.post("/uji/db/")
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and isinstance(logged[0].exc_info[1], OperationalError)
    assert any(r.name == "lontar.core.outage" and "database" in r.getMessage() for r in caplog.records)


@override_settings(ROOT_URLCONF=__name__)
def test_redis_down_is_a_503_in_seconds(client: Client):
    started = time.monotonic()
    response = client.get("/uji/redis/")
    assert time.monotonic() - started < 5
    _assert_indonesian_503(response)


@override_settings(ROOT_URLCONF=__name__, S3_CONNECT_TIMEOUT=1.0, S3_READ_TIMEOUT=2.0, S3_MAX_ATTEMPTS=2)
def test_s3_down_is_a_503_in_seconds_not_a_500(client: Client):
    started = time.monotonic()
    response = client.get("/uji/s3/")
    assert time.monotonic() - started < 10
    _assert_indonesian_503(response)


@override_settings(S3_CONNECT_TIMEOUT=1.5, S3_READ_TIMEOUT=7.0, S3_MAX_ATTEMPTS=2)
def test_the_s3_client_has_short_timeouts_and_few_attempts():
    from lontar.core.s3 import PrivateS3Storage

    storage = PrivateS3Storage("uji", bucket_name="b", endpoint_url=f"http://{CLOSED}", signature_version="s3v4")
    config = storage.client_config
    assert (config.connect_timeout, config.read_timeout) == (1.5, 7.0)
    assert config.retries == {"total_max_attempts": 2, "mode": "standard"}
    assert config.signature_version == "s3v4"  # the storage's own options are kept


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("url", "accept"),
    [("/api/v1/uji/db/", "*/*"), ("/data/uji/db.json", "*/*"), ("/uji/db/", "application/json")],
)
def test_json_clients_get_a_problem_json_503(client: Client, url: str, accept: str):
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body == {
        "type": "about:blank",
        "title": "Layanan sementara tidak tersedia.",
        "status": 503,
        "detail": "Silakan coba lagi sebentar lagi.",
        "instance": url,
    }


@override_settings(ROOT_URLCONF=__name__)
def test_other_errors_stay_a_500(client: Client):
    response = client.get("/uji/500/")
    assert response.status_code == 500 and not response.has_header("Retry-After")


def test_ckan_actions_answer_503_while_the_database_is_down(client: Client, monkeypatch):
    def package_search(context, data):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setitem(ckan_views.ACTIONS, "package_search", package_search)
    response = client.get("/api/3/action/package_search?rows=10&start=0")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = json.loads(response.content)
    assert body["success"] is False and body["error"]["__type"] == "Service Unavailable"


def _wrapped_by_django(cause: Exception) -> Exception:
    exc = OperationalError(str(cause))
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "cause"),
    [
        (OperationalError("down"), outage.DATABASE),
        (psycopg.OperationalError("server closed the connection unexpectedly"), outage.DATABASE),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), outage.DATABASE),
        (psycopg.InterfaceError("the connection is closed"), outage.DATABASE),
        # a statement timeout: the database is up, the query was too slow
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), None),
        (_wrapped_by_django(psycopg.errors.QueryCanceled("canceling statement")), None),
        (ValueError("no"), None),
        (RuntimeError("x"), None),
    ],
)
def test_outage_cause(exc: Exception, cause: str | None):
    assert outage.outage_cause(exc) == cause
