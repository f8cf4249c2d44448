"""/healthz answers without the database; /readyz checks the database, cache and storage."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import connections
from django.test import Client

from lontar.core import request_context
from lontar.core.logging import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
def test_liveness_touches_no_database(django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = Client(HTTP_HOST="10.0.0.9").get("/healthz")  # a probe from the balancer's address
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {"status": "ok"}
    assert "sessionid" not in response.cookies


@pytest.mark.django_db(databases="__all__")
def test_readiness_reports_each_component() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert set(body["checks"]) >= {"database:default", "database:datastore", "cache", "storage"}
    assert all(value == "ok" for value in body["checks"].values())


@pytest.mark.django_db(databases="__all__")
def test_readiness_is_503_when_a_database_fails(monkeypatch) -> None:
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(connections["datastore"], "cursor", broken_cursor)
    response = Client().get("/readyz/")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["checks"]["database:datastore"] == "error: ConnectionError"
    assert body["checks"]["database:default"] == "ok"
    assert "database down" not in response.content.decode()  # names, never details


def test_other_methods_and_paths_pass_through() -> None:
    response = Client().post("/healthz")
    assert response.get("Content-Type") != "application/json"  # a POST is not a probe: Lontar's 404 page
    response = Client().get("/healthzzz")
    assert response.status_code == 404


def test_json_log_lines_carry_the_request_id() -> None:
    record = logging.makeLogRecord({"name": "lontar.test", "levelname": "INFO", "msg": "hello %s", "args": ("x",)})
    token = request_context.set_request_id("abc123")
    try:
        assert RequestIdFilter().filter(record)
    finally:
        request_context.reset_request_id(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello x"
    assert line["request_id"] == "abc123"
    assert line["logger"] == "lontar.test"
    assert line["time"].endswith("+00:00")
