"""Requests Django refuses before a view runs: a clear answer, problem+json under /api/."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


def test_oversized_json_body_to_the_api_is_problem_json_413(client: Client):
    body = json.dumps({"levels": "x" * (6 * 1024 * 1024)})
    response = client.post("/api/v1/frameworks/spbe-2020/score", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 413
    assert "5 MB" in problem["title"]
    assert problem["title"].startswith("Permintaan terlalu besar")


def test_oversized_form_post_to_a_page_is_an_indonesian_page(client: Client):
    response = client.post("/ppid/permohonan/baru/", data={"information_requested": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Permintaan terlalu besar (413)" in html
    assert "lontar.css" in html


def test_too_many_fields_is_refused_with_413(client: Client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post("/api/3/action/package_search", data={f"f{i}": "1" for i in range(20)})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Bad request - too many fields in the request."


def test_too_many_fields_to_a_page_is_413(client: Client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post("/ppid/permohonan/baru/", data={f"f{i}": "1" for i in range(20)})
    assert response.status_code == 413
    assert "Permintaan terlalu besar (413)" in response.content.decode()


# With DEBUG on (config.settings.dev) Django's debug page used to answer these instead (400, or a
# 500 when the page read the parameters again): the answers must be the same as in production.


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_an_oversized_form_post_is_413(client: Client):
    response = client.post("/ppid/permohonan/baru/", data={"information_requested": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Permintaan terlalu besar (413)" in response.content.decode()


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_too_many_fields_is_413(client: Client):
    response = client.post("/ppid/permohonan/baru/", data={f"f{i}": "1" for i in range(1100)})
    assert response.status_code == 413
    assert "Permintaan terlalu besar (413)" in response.content.decode()


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_too_many_query_parameters_read_by_a_view_is_413(client: Client):
    query = "&".join(f"f{i}=1" for i in range(1100))
    response = client.get(f"/organisasi/?{query}")
    assert response.status_code == 413


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_an_oversized_json_body_to_the_api_is_problem_json_413(client: Client):
    body = json.dumps({"levels": "x" * (6 * 1024 * 1024)})
    response = client.post("/api/v1/frameworks/spbe-2020/score", data=body, content_type="application/json")
    assert response.status_code == 413 and response["Content-Type"] == "application/problem+json"


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_the_ckan_facade_keeps_its_envelope(client: Client):
    response = client.post("/api/3/action/package_search", data={f"f{i}": "1" for i in range(1100)})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Bad request - too many fields in the request."
